/**
 * Translates a Go text/template written for Podlike's format into a Handlebars section of a
 * podlike-gen template with the same meaning, for the subset that maps exactly: text, comments,
 * `.Args.x` / `.Service.Name` / `.Service.Image` outputs, `yaml` and `indent`, `if`/`with` on a
 * value's truth, `range` over a list. Trim markers are already applied by the parser. Outputs
 * are written `{{{ }}}` (text inserted as Go inserts it); anything else is refused at its
 * offset in the Go text, with the reason.
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
  /** Whether it ranges over the service's labels, which Go does in key order over a mapping. */
  rangesOverLabels: boolean;
}

/** What dot is, and the variables a range declared: `$item` is Handlebars' `this`, `$index` its `@index`. */
interface Scope {
  dot: 'root' | 'element';
  /** The arg path dot ranges over (`*` for each element), when dot is an element of a list arg. */
  element?: string[];
  variables: Map<string, Bound>;
  /** Arg paths (joined with `.`) an enclosing if has found set: only the services that give them reach its body. */
  guarded: ReadonlySet<string>;
}

/** What a range variable stands for in Handlebars. */
type Bound = 'this' | '@index' | '@key';

/** How a value is used: printed as text, passed to a helper, or tested for truth (where an absent arg is false in both). */
type Use = 'print' | 'value' | 'test';

/** The element path of a range over the service's labels: each is a string. */
const LABELS = '@labels';

const ROOT_SCOPE: Scope = { dot: 'root', variables: new Map(), guarded: new Set() };

/** Values Go and Handlebars print the same way, as text. */
const PRINTABLE = new Set(['string', 'integer', 'boolean', 'scalar']);

const SERVICE_FIELDS: Record<string, string> = { Name: 'service.name', Image: 'service.image' };

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

class Translator {
  readonly args = new Set<string>();
  rangesOverLabels = false;
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
    if (pipe.decl.length > 0) throw new Untranslatable(`declaring variables ("${nodeString(pipe)}") has no podlike-gen equivalent`, pipe.pos);
    const first = pipe.cmds[0];
    if (pipe.cmds.length === 1 && first.args.length === 1 && first.args[0].type === 'string') return this.literal(first.args[0].text, first.pos);
    return `{{{${this.expression(pipe, scope)}}}}`;
  }

  /** A pipeline as a Handlebars expression: a value, then `yaml` and `indent N` applied in order. */
  private expression(pipe: PipeNode, scope: Scope): string {
    let value: string | undefined;
    let isText = false;
    for (const command of pipe.cmds) {
      if (value === undefined) {
        ({ value, isText } = this.firstCommand(command, scope, pipe.cmds.length === 1));
        continue;
      }
      const fn = command.args[0];
      if (fn.type === 'identifier' && fn.ident === 'yaml' && command.args.length === 1) {
        value = `(toYaml ${value})`;
        isText = true;
      } else if (fn.type === 'identifier' && fn.ident === 'indent' && command.args.length === 2 && isText) {
        value = `(indent ${this.width(command.args[1], command.pos)} ${value})`;
      } else {
        throw new Untranslatable(`"${nodeString(command)}" in a pipeline has no exact podlike-gen equivalent (yaml and indent N after yaml are translated)`, command.pos);
      }
    }
    return value!.replace(/^\((.*)\)$/s, '$1');
  }

  private firstCommand(command: CommandNode, scope: Scope, printed: boolean): { value: string; isText: boolean } {
    const [fn, ...rest] = command.args;
    if (command.args.length === 1) return { value: this.path(fn, scope, printed ? 'print' : 'value'), isText: false };
    if (fn.type === 'identifier' && fn.ident === 'indent' && rest.length === 2 && rest[1].type === 'pipe') {
      const inner = this.expression(rest[1], scope);
      if (!inner.startsWith('toYaml ')) throw new Untranslatable('indent of anything but yaml output has no exact podlike-gen equivalent', command.pos);
      return { value: `(indent ${this.width(rest[0], command.pos)} (${inner}))`, isText: true };
    }
    if (fn.type === 'identifier' && fn.ident === 'yaml' && rest.length === 1) return { value: `(toYaml ${this.path(rest[0], scope, 'value')})`, isText: true };
    throw new Untranslatable(`"${nodeString(command)}" has no exact podlike-gen equivalent`, command.pos);
  }

  private width(arg: ArgNode, pos: number): number {
    if (arg.type !== 'number' || !arg.value.isInt) throw new Untranslatable('indent needs a constant width to be translated', pos);
    const width = Number(arg.value.int64) - this.context.dedent;
    if (width < 0) throw new Untranslatable(`indent ${arg.text} is less than the root key's indentation this section loses`, pos);
    return width;
  }

  /** A field as a Handlebars path; printed is whether Go would print it (only scalars print the same). */
  private path(arg: ArgNode, scope: Scope, use: Use): string {
    if (arg.type === 'dot' && scope.dot === 'element') return this.element(scope, [], use, arg.pos);
    if (arg.type === 'variable' && arg.ident[0] !== '$') {
      const bound = scope.variables.get(arg.ident[0]);
      if (!bound || (bound !== 'this' && arg.ident.length > 1)) throw new Untranslatable(`variable "${arg.ident[0]}" is translated only as the index, key or element of the innermost range`, arg.pos);
      return bound === 'this' ? this.element(scope, arg.ident.slice(1), use, arg.pos) : bound;
    }
    const fields = arg.type === 'field' ? arg.ident : arg.type === 'variable' ? arg.ident.slice(1) : undefined;
    if (!fields) throw new Untranslatable(`"${nodeString(arg)}" has no exact podlike-gen equivalent (.Args.x, .Service.Name, .Service.Image, .Service.Labels.x, and a bool or string .Service field in an if, are translated)`, arg.pos);
    if (arg.type === 'field' && scope.dot === 'element') return this.element(scope, fields, use, arg.pos);
    const prefix = scope.dot === 'element' ? '@root.' : '';
    if (fields[0] === 'Service' && fields.length === 2 && SERVICE_FIELDS[fields[1]]) return prefix + SERVICE_FIELDS[fields[1]];
    if (fields[0] === 'Service' && fields.length === 3 && fields[1] === 'Labels' && LABEL_KEY.test(fields[2])) return `${prefix}service.labels.${fields[2]}`;
    if (fields[0] === 'Service' && fields.length === 2 && fields[1] === 'Labels' && use !== 'print') return `${prefix}service.labels`;
    if (fields[0] === 'Service' && fields.length === 2 && use === 'test' && TESTED_SERVICE_KEYS.has(fields[1])) return `${prefix}service.${TESTED_SERVICE_KEYS.get(fields[1])}`;
    if (fields[0] === 'Args' && fields.length >= 2) return prefix + this.arg(fields.slice(1), use, arg.pos, scope);
    throw new Untranslatable(`"${nodeString(arg)}" has no exact podlike-gen equivalent (.Args.x, .Service.Name, .Service.Image, .Service.Labels.x, and a bool or string .Service field in an if, are translated)`, arg.pos);
  }

  /** A field of the element a range is at. */
  private element(scope: Scope, fields: string[], use: Use, pos: number): string {
    if (scope.element![0] === LABELS) {
      if (fields.length > 0) throw new Untranslatable(`a label's value has no field ${fields.join('.')}`, pos);
      return 'this';
    }
    const path = [...scope.element!, ...fields];
    this.checkType(path, use, pos, scope);
    return fields.length === 0 ? 'this' : `this.${fields.join('.')}`;
  }

  private checkType(path: readonly string[], use: Use, pos: number, scope: Scope): string {
    const type = this.context.argType(path, scope.guarded.has(path.join('.')));
    const name = path.join('.').replaceAll('.*', '[]');
    if (type === undefined && use === 'test') return 'absent';
    if (type === undefined) throw new Untranslatable(`arg "${name}" is given no value: Go prints <no value> where podlike-gen prints nothing`, pos);
    if (type === 'mixed') throw new Untranslatable(`arg "${name}" is given values of different types by the services that apply the template`, pos);
    if (use === 'print' && !PRINTABLE.has(type)) throw new Untranslatable(`arg "${name}" is ${type === 'number' ? 'a fraction' : `a ${type}`}: Go prints it in its own format`, pos);
    return type;
  }

  private arg(fields: string[], use: Use, pos: number, scope: Scope): string {
    if (fields.some((f) => !/^[A-Za-z_][\w-]*$/.test(f))) throw new Untranslatable(`arg "${fields.join('.')}" is not a name a podlike-gen arg can have`, pos);
    this.args.add(fields[0]);
    this.checkType(fields, use, pos, scope);
    return `args.${fields.join('.')}`;
  }

  /** The condition of an if: a field, or `not`, `empty` or `notEmpty` of one (`unless` for the negated ones). */
  private condition(pipe: PipeNode, scope: Scope): { helper: 'if' | 'unless'; value: string } {
    const args = pipe.cmds.length === 1 ? pipe.cmds[0].args : [];
    if (args.length === 1) return { helper: 'if', value: this.path(args[0], scope, 'test') };
    const [fn, operand, constant] = args;
    if (args.length === 3 && fn.type === 'identifier' && fn.ident === 'gt' && operand.type === 'variable' && scope.variables.get(operand.ident[0]) === '@index' && constant.type === 'number' && constant.text === '0') {
      return { helper: 'if', value: '@index' };
    }
    if (args.length === 2 && fn.type === 'identifier' && ['not', 'empty', 'notEmpty'].includes(fn.ident)) {
      return { helper: fn.ident === 'notEmpty' ? 'if' : 'unless', value: this.path(operand, scope, 'test') };
    }
    throw new Untranslatable(`{{if ${nodeString(pipe)}}}: only a field's truth (or not, empty, notEmpty of one; gt of a range's index and 0) is translated`, pipe.pos);
  }

  /** The arg path of a field, when it is one. */
  private argPath(value: string, scope: Scope): string[] | undefined {
    const bare = value.replace(/^@root\./, '');
    if (bare.startsWith('args.')) return bare.split('.').slice(1);
    if (bare === 'this') return scope.element;
    if (bare.startsWith('this.')) return [...scope.element!, ...bare.split('.').slice(1)];
    return undefined;
  }

  private branch(node: BranchNode, scope: Scope): string {
    const pipe = node.pipe;
    const elsePart = (inner: Scope) => (node.elseList ? `{{else}}${this.list(node.elseList, inner)}` : '');
    if (node.type === 'if') {
      const { helper, value } = this.condition(pipe, scope);
      const path = this.argPath(value, scope);
      if (path && this.context.argType(path, true) === 'object') throw new Untranslatable(`if on "${nodeString(pipe)}", a mapping: Handlebars holds an empty mapping true, Go false`, pipe.pos);
      const inside = helper === 'if' && path ? { ...scope, guarded: new Set([...scope.guarded, path.join('.')]) } : scope;
      return `{{#${helper} ${value}}}${this.list(node.list, inside)}${elsePart(scope)}{{/${helper}}}`;
    }
    if (node.type === 'with') throw new Untranslatable(`{{with ${nodeString(pipe)}}}: with is not translated`, pipe.pos);
    if (pipe.decl.length > 2 || pipe.cmds.length !== 1 || pipe.cmds[0].args.length !== 1) throw new Untranslatable(`{{range ${nodeString(pipe)}}}: only a range over a list arg is translated`, pipe.pos);
    const value = this.path(pipe.cmds[0].args[0], scope, 'value');
    const names = pipe.decl.map((d) => d.ident[0]);
    if (value.endsWith('service.labels')) {
      this.rangesOverLabels = true;
      const labels = new Map<string, Bound>(names.length === 2 ? [[names[0], '@key'], [names[1], 'this']] : names.map((n) => [n, 'this']));
      return `{{#each ${value}}}${this.list(node.list, { dot: 'element', element: [LABELS], variables: labels, guarded: scope.guarded })}${elsePart(scope)}{{/each}}`;
    }
    const path = this.argPath(value, scope);
    if (!path || this.context.argType(path) !== 'array') throw new Untranslatable(`range over "${nodeString(pipe)}": only a list arg is translated (Go ranges a mapping in key order)`, pipe.pos);
    const variables = new Map<string, Bound>();
    if (names.length === 1) variables.set(names[0], 'this');
    if (names.length === 2) variables.set(names[0], '@index').set(names[1], 'this');
    const inner: Scope = { dot: 'element', element: [...path, '*'], variables, guarded: scope.guarded };
    return `{{#each ${value}}}${this.list(node.list, inner)}${elsePart(scope)}{{/each}}`;
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
  return { text: section, args: translator.args, rangesOverLabels: translator.rangesOverLabels };
}
