/**
 * Translates a Go text/template written for Podlike's format into a Handlebars section of a
 * podlike-gen template with the same meaning, for the subset that maps exactly: text, comments,
 * fields of `.Args` and `.Service` (name, image, labels, ports, and bool or string fields in a
 * test), pipelines of Podlike's functions and printf (as podlike-gen's helpers of the same
 * names), `index`, `if`/`else` on a value's truth or a comparison, `range` over a list or the
 * labels, and `with`. Trim markers are already applied by the parser. Outputs are written
 * `{{{ }}}` (text inserted as Go inserts it); anything else is refused at its offset in the Go
 * text, with the reason.
 */
import { parseTrees } from '../go-template/parser.js';
import { BUILTINS } from '../go-template/builtins.js';
import { PODLIKE_FUNCS } from '../go-template/podlike-funcs.js';
import type { ArgNode, BranchNode, CommandNode, ListNode, Node, PipeNode } from '../go-template/parse-tree.js';
import { nodeString } from '../go-template/parse-tree.js';
import { GoTemplateError } from '../go-template/errors.js';
import { SERVICE_CONFIG } from '../go-template/compose-types.js';

/** A construct with no exact translation, at its offset in the Go template text. */
export class Untranslatable extends Error {
  constructor(message: string, readonly pos: number) {
    super(message);
  }
}

/** What a translation needs to know about the args: the JSON type at an arg's path (`undefined` when no service gives it, `mixed` when they disagree). */
export interface TranslateContext {
  argType: (path: readonly string[], presentOnly?: boolean) => string | undefined;
  /** Subtracted from every `indent` width (pod and transformer sections lose their root key's indentation). */
  dedent: number;
}

export interface Translation {
  text: string;
  /** The top-level args the template reads. */
  args: Set<string>;
  /** Whether it reads the service's labels, which Go sees as a mapping (whichever form they were written in) and ranges over in key order. */
  readsLabels: boolean;
}

/**
 * What a value is, for the checks that it prints and tests alike in Go and Handlebars: an arg
 * path (`*` for each element of a list), a label's value, the list of the service's ports or
 * one of them, or a text or a truth a function made.
 */
type Kind = readonly string[];
const LABEL_VALUE: Kind = ['@label'];
const PORT_LIST: Kind = ['@ports'];
const PORT: Kind = ['@port'];
const TEXT: Kind = ['@text'];
const TRUTH: Kind = ['@truth'];
const LABELS: Kind = ['@labels'];
const NUMBER: Kind = ['@number'];
/** A text of the service (its name or image): printed alike, but a value to podlike-gen's helpers, not raw text. */
const SERVICE_TEXT: Kind = ['@service-text'];

/** A translated value: its Handlebars expression (a path, or a subexpression in parentheses) and what it is. */
interface Value {
  expr: string;
  kind: Kind;
}

/** What dot is, and what each variable is, in expressions relative to the Handlebars context at that point. */
interface Scope {
  /** Dot: undefined at the root (the template's data). */
  dot?: Value;
  variables: Map<string, Value>;
  /** Arg paths (joined with `.`) an enclosing if has found set: only the services that give them reach its body. */
  guarded: ReadonlySet<string>;
}

/** How a value is used: printed as text, passed to a helper, or tested for truth (where an absent arg is false in both). */
type Use = 'print' | 'value' | 'test';

const ROOT_SCOPE: Scope = { variables: new Map(), guarded: new Set() };

/** Types Go and Handlebars print the same way, as text. */
const PRINTABLE = new Set(['string', 'integer', 'boolean', 'scalar']);

const SERVICE_FIELDS: Record<string, string> = { Name: 'service.name', Image: 'service.image' };

/** A port's fields in Go, with their key in the long form and their type. */
const PORT_FIELDS: Record<string, [string, string]> = { Target: ['target', 'integer'], Published: ['published', 'integer'], Protocol: ['protocol', 'string'], Mode: ['mode', 'string'] };

/**
 * `.Service.X` of a bool or string field, in a truth test, as the compose key it is read from:
 * false or empty (or left out) in Go exactly where the key is false, empty or absent.
 */
const TESTED_SERVICE_KEYS = new Map(
  (SERVICE_CONFIG.fields ?? []).flatMap((field) => {
    const key = field.yamlTag?.split(',')[0];
    return (field.type.kind === 'bool' || field.type.kind === 'string') && key && key !== '-' ? [[field.name, key] as const] : [];
  }),
);

/** `.Service.Labels.KEY`: a label of the service as written (a mapping). */
const LABEL_KEY = /^[A-Za-z_][\w-]*$/;

/** Podlike's functions and Go's printf, as podlike-gen helpers of the same name and argument order: how many values each takes, and what it gives. */
const HELPERS: Record<string, { min: number; max: number; kind: Kind }> = {
  startsWith: { min: 2, max: 2, kind: TRUTH },
  contains: { min: 2, max: 2, kind: TRUTH },
  replace: { min: 4, max: 4, kind: TEXT },
  printf: { min: 1, max: Infinity, kind: TEXT },
};

/** The verbs podlike-gen's printf prints as Go does. */
const PRINTF_VERBS = /%[^sdv%]|%$/s;

/** A variable or dot as seen from inside one more Handlebars context (each or with): `this` is one level up, and (after each) so is `@index`. */
function shifted(value: Value, dataToo: boolean): Value {
  if (value.expr.startsWith('this') || value.expr.startsWith('../')) return { ...value, expr: `../${value.expr}` };
  if (dataToo && value.expr.startsWith('@') && !value.expr.startsWith('@root')) return { ...value, expr: `@../${value.expr.slice(1)}` };
  return value;
}

/** A path below a value: `this` + `x` is `this.x`; a subexpression is looked up. */
function below(value: Value, key: string): string {
  return value.expr.startsWith('(') ? `(lookup ${value.expr} "${key}")` : `${value.expr}.${key}`;
}

class Translator {
  readonly args = new Set<string>();
  readsLabels = false;
  constructor(private readonly context: TranslateContext) {}

  list(list: ListNode, scope: Scope): string {
    return list.nodes.map((node) => this.node(node, scope)).join('');
  }

  private node(node: Node, scope: Scope): string {
    switch (node.type) {
      case 'text':
        if (/[{}\\]/.test(node.text)) return this.literal(node.text, node.pos);
        return node.text;
      case 'comment':
        return '';
      case 'action':
        return this.action(node.pipe, scope);
      case 'if':
      case 'with':
      case 'range':
        return this.branch(node, scope);
      default:
        throw new Untranslatable(`{{${node.type}}} has no podlike-gen equivalent`, node.pos);
    }
  }

  /** Text Handlebars would read as a mustache or an escape: `{{` written as `\{{`. */
  private literal(text: string, pos: number): string {
    if (text.endsWith('\\')) throw new Untranslatable('a text ending in a backslash before an action would escape the action in Handlebars', pos);
    if (text.endsWith('{') || text.startsWith('}')) throw new Untranslatable('a brace next to an action would make a Handlebars raw block ({{{{ or }}}})', pos);
    return text.replaceAll('{{', '\\{{');
  }

  private action(pipe: PipeNode, scope: Scope): string {
    if (pipe.decl.length > 0) throw new Untranslatable(`declaring variables ("${nodeString(pipe)}") outside range and with has no podlike-gen equivalent`, pipe.pos);
    const first = pipe.cmds[0];
    if (pipe.cmds.length === 1 && first.args.length === 1 && first.args[0].type === 'string') return this.literal(first.args[0].text, first.pos);
    const value = this.pipeline(pipe, scope, 'print');
    this.checkPrints(value, pipe.pos, scope);
    return `{{{${value.expr.replace(/^\((.*)\)$/s, '$1')}}}}`;
  }

  /** A pipeline: each command's value is the last argument of the next. */
  private pipeline(pipe: PipeNode, scope: Scope, use: Use): Value {
    let value: Value | undefined;
    pipe.cmds.forEach((command, i) => {
      value = this.command(command, scope, value, i === pipe.cmds.length - 1 ? use : 'value');
    });
    return value!;
  }

  private command(command: CommandNode, scope: Scope, piped: Value | undefined, use: Use): Value {
    const [fn, ...rest] = command.args;
    if (fn.type !== 'identifier') {
      if (command.args.length > 1 || piped) throw new Untranslatable(`"${nodeString(command)}" calls a method, which has no podlike-gen equivalent`, command.pos);
      return this.value(fn, scope, use);
    }
    const operands = [...rest.map((arg) => () => this.value(arg, scope, 'value')), ...(piped ? [() => piped] : [])];
    const count = operands.length;
    if (fn.ident === 'yaml' && count === 1) return { expr: `(toYaml ${operands[0]().expr})`, kind: TEXT };
    if (fn.ident === 'indent' && count === 2) {
      const text = operands[1]();
      if (text.kind !== TEXT) throw new Untranslatable('indent of anything but a function\'s text (yaml, printf, replace) has no exact podlike-gen equivalent', command.pos);
      return { expr: `(indent ${this.width(rest[0], command.pos)} ${text.expr})`, kind: TEXT };
    }
    if (fn.ident === 'index' && count >= 2 && !piped) return this.index(command, scope);
    const helper = HELPERS[fn.ident];
    if (helper && count >= helper.min && count <= helper.max) {
      if (fn.ident === 'printf') this.checkFormat(rest[0], command.pos);
      return { expr: `(${fn.ident} ${operands.map((operand) => operand().expr).join(' ')})`, kind: helper.kind };
    }
    throw new Untranslatable(`"${nodeString(command)}" has no exact podlike-gen equivalent`, command.pos);
  }

  /** printf's format, a constant holding only the verbs podlike-gen's printf prints as Go does. */
  private checkFormat(format: ArgNode | undefined, pos: number): void {
    if (format?.type !== 'string') throw new Untranslatable('printf is translated with a constant format', pos);
    if (PRINTF_VERBS.test(format.text.replaceAll('%%', ''))) throw new Untranslatable(`printf format ${format.quoted}: podlike-gen's printf prints %s, %d, %v and %% (no flags, widths or other verbs)`, pos);
  }

  /** `index X k...` as lookups, each key a constant. */
  private index(command: CommandNode, scope: Scope): Value {
    const [, collection, ...keys] = command.args;
    let value = this.value(collection, scope, 'value');
    for (const key of keys) {
      const constant = key.type === 'number' && key.value.isInt ? { text: String(key.value.int64), field: '*' } : key.type === 'string' && /^[^"\\\n]*$/.test(key.text) ? { text: `"${key.text}"`, field: key.text } : undefined;
      if (!constant) throw new Untranslatable(`index with "${nodeString(key)}": only constant keys are translated`, key.pos);
      const kind = value.kind === PORT_LIST ? PORT : value.kind.length > 0 && !value.kind[0].startsWith('@') ? [...value.kind, constant.field] : undefined;
      if (!kind) throw new Untranslatable(`index of "${nodeString(command)}" has no exact podlike-gen equivalent`, command.pos);
      value = { expr: `(lookup ${value.expr} ${constant.text})`, kind };
    }
    return value;
  }

  private width(arg: ArgNode, pos: number): number {
    if (arg.type !== 'number' || !arg.value.isInt) throw new Untranslatable('indent needs a constant width to be translated', pos);
    const width = Number(arg.value.int64) - this.context.dedent;
    if (width < 0) throw new Untranslatable(`indent ${arg.text} is less than the root key's indentation this section loses`, pos);
    return width;
  }

  /** One argument as a Handlebars value. */
  private value(arg: ArgNode, scope: Scope, use: Use): Value {
    switch (arg.type) {
      case 'string':
        if (!/^[^"\\\n]*$/.test(arg.text)) throw new Untranslatable(`the text ${arg.quoted} holds a quote, backslash or line end, which a Handlebars string cannot`, arg.pos);
        return { expr: `"${arg.text}"`, kind: TEXT };
      case 'number':
        if (!arg.value.isInt) throw new Untranslatable(`the number ${arg.text} is not a whole number, which Go and podlike-gen print differently`, arg.pos);
        return { expr: String(arg.value.int64), kind: NUMBER };
      case 'bool':
        return { expr: String(arg.value), kind: TRUTH };
      case 'pipe':
        return this.pipeline(arg, scope, use);
      case 'dot':
        if (!scope.dot) throw new Untranslatable('dot at the template\'s root (the whole data) has no podlike-gen equivalent', arg.pos);
        return this.checked(scope.dot, use, arg.pos, scope);
      case 'variable': {
        if (arg.ident[0] === '$') return this.rooted(arg.ident.slice(1), scope, use, arg.pos);
        const bound = scope.variables.get(arg.ident[0]);
        if (!bound) throw new Untranslatable(`variable "${arg.ident[0]}" is translated only as declared by an enclosing range or with`, arg.pos);
        return this.fieldsOf(bound, arg.ident.slice(1), scope, use, arg.pos);
      }
      case 'field':
        return scope.dot ? this.fieldsOf(scope.dot, arg.ident, scope, use, arg.pos) : this.rooted(arg.ident, scope, use, arg.pos);
      default:
        throw new Untranslatable(`"${nodeString(arg)}" has no exact podlike-gen equivalent`, arg.pos);
    }
  }

  /** Fields of the template's data: `.Args.x...` and the `.Service` fields translated. */
  private rooted(fields: string[], scope: Scope, use: Use, pos: number): Value {
    const prefix = scope.dot ? '@root.' : '';
    const [root, field, ...more] = fields;
    if (root === 'Args' && field !== undefined) return this.arg([field, ...more], use, pos, scope, prefix);
    if (root === 'Service' && more.length === 0 && SERVICE_FIELDS[field]) return { expr: prefix + SERVICE_FIELDS[field], kind: SERVICE_TEXT };
    if (root === 'Service' && field === 'Labels') this.readsLabels = true;
    if (root === 'Service' && field === 'Labels' && more.length === 1 && LABEL_KEY.test(more[0])) return { expr: `${prefix}service.labels.${more[0]}`, kind: LABEL_VALUE };
    if (root === 'Service' && field === 'Labels' && more.length === 0 && use !== 'print') return { expr: `${prefix}service.labels`, kind: LABELS };
    if (root === 'Service' && field === 'Ports' && more.length === 0 && use === 'test') return { expr: `${prefix}service.ports`, kind: PORT_LIST };
    if (root === 'Service' && field === 'Ports' && more.length === 0 && use === 'value') return { expr: `(servicePorts ${prefix}service.ports)`, kind: PORT_LIST };
    if (root === 'Service' && more.length === 0 && use === 'test' && TESTED_SERVICE_KEYS.has(field)) return { expr: `${prefix}service.${TESTED_SERVICE_KEYS.get(field)}`, kind: TRUTH };
    throw new Untranslatable(
      `"${['', ...fields].join('.')}" has no exact podlike-gen equivalent (.Args.x, .Service.Name, .Service.Image, .Service.Labels, .Service.Ports, and a bool or string .Service field in an if, are translated)`,
      pos,
    );
  }

  /** Fields below a value in scope (dot or a variable). */
  private fieldsOf(base: Value, fields: string[], scope: Scope, use: Use, pos: number): Value {
    if (fields.length === 0) return this.checked(base, use, pos, scope);
    if (base.kind === PORT && fields.length === 1 && PORT_FIELDS[fields[0]]) {
      const [key, type] = PORT_FIELDS[fields[0]];
      return { expr: below(base, key), kind: ['@port-field', type] };
    }
    if (base.kind.length === 0 || base.kind[0].startsWith('@')) throw new Untranslatable(`"${fields.join('.')}" is no field of the value it is read from`, pos);
    if (fields.some((f) => !/^[A-Za-z_][\w-]*$/.test(f))) throw new Untranslatable(`arg "${fields.join('.')}" is not a name a podlike-gen arg can have`, pos);
    return this.checked({ expr: base.expr === 'this' ? `this.${fields.join('.')}` : `${base.expr}.${fields.join('.')}`, kind: [...base.kind, ...fields] }, use, pos, scope);
  }

  private arg(fields: string[], use: Use, pos: number, scope: Scope, prefix: string): Value {
    if (fields.some((f) => !/^[A-Za-z_][\w-]*$/.test(f))) throw new Untranslatable(`arg "${fields.join('.')}" is not a name a podlike-gen arg can have`, pos);
    this.args.add(fields[0]);
    return this.checked({ expr: `${prefix}args.${fields.join('.')}`, kind: fields }, use, pos, scope);
  }

  /** The value, if it is used in a way Go and Handlebars agree on for every service. */
  private checked(value: Value, use: Use, pos: number, scope: Scope): Value {
    if (value.kind.length > 0 && !value.kind[0].startsWith('@')) this.argTypeFor(value.kind, use, pos, scope);
    return value;
  }

  /** The type of the args at a path, if every service gives it a value used alike; else Untranslatable. */
  private argTypeFor(path: Kind, use: Use, pos: number, scope: Scope): string {
    const type = this.context.argType(path, scope.guarded.has(path.join('.')));
    const name = path.join('.').replaceAll('.*', '[]');
    if (type === undefined && use === 'test') return 'absent';
    if (type === undefined) throw new Untranslatable(`arg "${name}" is given no value: Go prints <no value> where podlike-gen prints nothing`, pos);
    if (type === 'mixed') throw new Untranslatable(`arg "${name}" is given values of different types by the services that apply the template`, pos);
    if (use === 'print' && !PRINTABLE.has(type)) throw new Untranslatable(`arg "${name}" is ${type === 'number' ? 'a fraction' : `a ${type}`}: Go prints it in its own format`, pos);
    return type;
  }

  /** A printed value must print alike: an arg's type is checked where it is read; a port's fields and texts print alike; a list or mapping does not. */
  private checkPrints(value: Value, pos: number, scope: Scope): void {
    const [kind] = value.kind;
    if (kind === '@port-field' || [TEXT, TRUTH, LABEL_VALUE, NUMBER, SERVICE_TEXT].includes(value.kind)) return;
    if (kind !== undefined && !kind.startsWith('@')) return void this.argTypeFor(value.kind, 'print', pos, scope);
    throw new Untranslatable(`printing "${value.expr}" has no exact podlike-gen equivalent: Go prints a list or mapping in its own format`, pos);
  }

  /** The condition of an if: a value's truth, not/empty/notEmpty of one, a comparison, or a helper's truth. */
  private condition(pipe: PipeNode, scope: Scope): { helper: 'if' | 'unless'; value: Value } {
    const args = pipe.cmds.length === 1 ? pipe.cmds[0].args : [];
    if (pipe.cmds.length > 1 || (args[0]?.type === 'identifier' && HELPERS[args[0].ident])) return { helper: 'if', value: this.pipeline(pipe, scope, 'test') };
    if (args.length === 1) return { helper: 'if', value: this.value(args[0], scope, 'test') };
    const [fn, operand, constant] = args;
    if (args.length === 3 && fn.type === 'identifier' && fn.ident === 'gt' && operand.type === 'variable' && constant.type === 'number' && constant.text === '0') {
      const bound = scope.variables.get(operand.ident[0]);
      if (bound && /^@(\.\.\/)*index$/.test(bound.expr)) return { helper: 'if', value: { expr: bound.expr, kind: TRUTH } };
    }
    if (args.length === 2 && fn.type === 'identifier' && ['not', 'empty', 'notEmpty'].includes(fn.ident)) {
      return { helper: fn.ident === 'notEmpty' ? 'if' : 'unless', value: this.value(operand, scope, 'test') };
    }
    throw new Untranslatable(`{{if ${nodeString(pipe)}}}: only a value's truth (or not, empty, notEmpty of one; gt of a range's index and 0; startsWith and contains) is translated`, pipe.pos);
  }

  private branch(node: BranchNode, scope: Scope): string {
    const pipe = node.pipe;
    const elsePart = (inner: Scope) => (node.elseList ? `{{else}}${this.list(node.elseList, inner)}` : '');
    if (node.type === 'if') {
      const { helper, value } = this.condition(pipe, scope);
      const isArg = value.kind.length > 0 && !value.kind[0].startsWith('@');
      if (isArg && this.context.argType(value.kind, true) === 'object') throw new Untranslatable(`if on "${nodeString(pipe)}", a mapping: Handlebars holds an empty mapping true, Go false`, pipe.pos);
      const inside = helper === 'if' && isArg ? { ...scope, guarded: new Set([...scope.guarded, value.kind.join('.')]) } : scope;
      return `{{#${helper} ${value.expr}}}${this.list(node.list, inside)}${elsePart(scope)}{{/${helper}}}`;
    }
    const names = pipe.decl.map((d) => d.ident[0]);
    if (node.type === 'with') {
      if (names.length > 1) throw new Untranslatable(`{{with ${nodeString(pipe)}}}: with declares one variable`, pipe.pos);
      const value = this.pipeline({ ...pipe, decl: [] }, scope, 'value');
      const type = value.kind.length > 0 && !value.kind[0].startsWith('@') ? this.context.argType(value.kind, true) : undefined;
      if (type === 'object' || type === 'array' || type === 'integer' || type === 'scalar' || type === 'number') {
        throw new Untranslatable(`with on "${nodeString(pipe)}", a ${type === 'object' ? 'mapping' : type === 'array' ? 'list' : 'number'}: Handlebars and Go disagree on when one is empty`, pipe.pos);
      }
      const inner = this.innerScope(scope, { expr: 'this', kind: value.kind }, names, false);
      return `{{#with ${value.expr}}}${this.list(node.list, inner)}${elsePart(scope)}{{/with}}`;
    }
    if (names.length > 2 || pipe.cmds.length !== 1 || pipe.cmds[0].args.length !== 1) throw new Untranslatable(`{{range ${nodeString(pipe)}}}: only a range over a list arg, the labels or the ports is translated`, pipe.pos);
    const value = this.value(pipe.cmds[0].args[0], scope, 'value');
    if (value.kind === LABELS) {
      const inner = this.innerScope(scope, { expr: 'this', kind: LABEL_VALUE }, names, true, { expr: '@key', kind: TEXT });
      return `{{#each ${value.expr}}}${this.list(node.list, inner)}${elsePart(scope)}{{/each}}`;
    }
    const isListArg = value.kind.length > 0 && !value.kind[0].startsWith('@') && this.context.argType(value.kind) === 'array';
    if (!isListArg && value.kind !== PORT_LIST) throw new Untranslatable(`range over "${nodeString(pipe)}": only a list arg, the labels or the ports is translated (Go ranges a mapping in key order)`, pipe.pos);
    const element: Value = { expr: 'this', kind: value.kind === PORT_LIST ? PORT : [...value.kind, '*'] };
    const inner = this.innerScope(scope, element, names, true, { expr: '@index', kind: NUMBER });
    return `{{#each ${value.expr}}}${this.list(node.list, inner)}${elsePart(scope)}{{/each}}`;
  }

  /**
   * The scope inside an each or with: dot is its value; a range's two variables are its index
   * (or key) and element, a with's one variable its value; the outer ones are seen one context up.
   */
  private innerScope(scope: Scope, dot: Value, names: string[], isEach: boolean, index?: Value): Scope {
    const variables = new Map([...scope.variables].map(([name, value]) => [name, shifted(value, isEach)]));
    if (names.length === 1) variables.set(names[0], dot);
    if (names.length === 2 && index) variables.set(names[0], index).set(names[1], dot);
    return { dot, variables, guarded: scope.guarded };
  }
}

/** A line holding nothing but one block tag (`{{#if x}}`, `{{else}}`, `{{/each}}`) and white space. */
const STANDALONE_TAG = /^([ \t]*\{\{(?:[#/^][^{}]*|else)\}\}[ \t]*)$/gm;

/**
 * Go keeps every character around an action; Handlebars drops a line that holds only a block
 * tag, with its indentation and line end. An empty comment after such a tag keeps the line.
 */
function keepStandaloneLines(text: string): string {
  return text.replace(STANDALONE_TAG, '$1{{!}}');
}

/** The Go template's text as a Handlebars section, or Untranslatable (a Go parse error too, at its offset). */
export function translateTemplate(name: string, text: string, context: TranslateContext): Translation {
  let trees;
  try {
    trees = parseTrees(name, text, (fn) => PODLIKE_FUNCS[fn] !== undefined || BUILTINS[fn] !== undefined);
  } catch (e) {
    if (e instanceof GoTemplateError) throw new Untranslatable(e.message, 0);
    throw e;
  }
  if (trees.size > 1) throw new Untranslatable('{{define}} and {{block}} have no podlike-gen equivalent', 0);
  const translator = new Translator(context);
  const root = trees.get(name)!.root;
  const section = keepStandaloneLines(translator.list(root, ROOT_SCOPE));
  return { text: section, args: translator.args, readsLabels: translator.readsLabels };
}
