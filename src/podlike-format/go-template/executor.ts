/**
 * Executes parsed templates as Go 1.19's text/template does (exec.go): dot and variables,
 * pipelines whose commands are fields, functions, variables or constants, arguments converted to
 * each parameter's type, if/with/range/template/break/continue, the default missingkey option
 * (a missing map key is the invalid value, printed `<no value>`), and Go's error messages
 * `template: NAME:LINE:COL: executing "NAME" at <NODE>: ...` (COL is Go's 0-based byte column).
 */
import { BUILTINS, GoFuncError, UnsupportedBuiltin, isTrue, truth } from './builtins.js';
import { GoTemplateError, lineAndCol } from './errors.js';
import { UnsupportedFormat, compareKeys, sprint } from './go-fmt.js';
import type { ArgNode, BranchNode, CommandNode, Node, PipeNode, TemplateNode } from './parse-tree.js';
import { goQuoteString, nodeString } from './parse-tree.js';
import type { Tree } from './parser.js';
import type { GoFunc, GoMapEntry, GoType, GoValue, Val } from './value.js';
import {
  ANY, REFLECT_VALUE, assignable, goBool, goFloat64, goInt, goString, indirect, indirectInterface, isFloatKind, isIntKind,
  isUintKind, mapLookup, zeroOf,
} from './value.js';
import { UnsupportedYaml } from './yaml-v2-encode.js';

const MISSING = Symbol('missing');
type Final = Val | typeof MISSING;

const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');
const MAX_DEPTH = 100000;
const JS_DEPTH_LIMIT = 2000;

class ExecFailure {
  constructor(readonly error: GoTemplateError) {}
}

interface Variable {
  name: string;
  value: Val;
}

export interface Templates {
  /** The name given to parseGoTemplate: Go's ParseName in every error. */
  parseName: string;
  text: string;
  trees: Map<string, Tree>;
}

class State {
  node: Node | null = null;
  vars: Variable[];
  out: string[] = [];

  constructor(
    private readonly set: Templates,
    private readonly name: string,
    private readonly funcs: Record<string, GoFunc>,
    dot: Val,
    private readonly depth: number,
  ) {
    this.vars = [{ name: '$', value: dot }];
  }

  at(node: Node): void {
    this.node = node;
  }

  errorf(message: string, unsupported = false): never {
    const name = this.name;
    if (this.node === null) throw new ExecFailure(new GoTemplateError(`template: ${name}: ${message}`, 1, 1, unsupported));
    const { line, col } = lineAndCol(this.set.text, this.node.pos);
    const lineStart = this.set.text.lastIndexOf('\n', this.node.pos - 1) + 1;
    const goCol = Buffer.byteLength(this.set.text.slice(lineStart, this.node.pos));
    const location = `${this.set.parseName}:${line}:${goCol}`;
    throw new ExecFailure(
      new GoTemplateError(`template: ${location}: executing ${goQuoteString(name)} at <${nodeString(this.node)}>: ${message}`, line, col, unsupported),
    );
  }

  unsupported(what: string): never {
    this.errorf(`unsupported by podlike-gen's Go template engine: ${what}`, true);
  }

  varValue(name: string): Val {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    this.errorf(`undefined variable: ${name}`);
  }

  setVar(name: string, value: Val): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: Val, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'comment':
        return;
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.out.push(node.text);
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  walkIfOrWith(dot: Val, node: BranchNode): void {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, node.pipe);
      const { truth: t, ok } = isTrue(indirectInterface(val));
      if (!ok) this.errorf(`if/with can't use ${this.formatted(val)}`);
      if (t) this.walk(node.type === 'with' ? val : dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  walkRange(dot: Val, r: BranchNode): void {
    this.at(r);
    const outerMark = this.vars.length;
    try {
      const val = indirect(this.evalPipeline(dot, r.pipe)).value;
      const mark = this.vars.length;
      const oneIteration = (index: Val, elem: Val): void => {
        if (r.pipe.decl.length > 0) this.vars[this.vars.length - 1]!.value = elem;
        if (r.pipe.decl.length > 1) this.vars[this.vars.length - 2]!.value = index;
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.vars.length = mark;
        }
      };
      let iterated = false;
      if (val === null) {
        // An invalid value acts like an empty map.
      } else if (val.type.kind === 'slice') {
        const items = (val.v as GoValue[] | null) ?? [];
        items.forEach((item, i) => oneIteration(goInt(i), item));
        iterated = items.length > 0;
      } else if (val.type.kind === 'map') {
        const entries = this.sortedEntries((val.v as GoMapEntry[] | null) ?? []);
        entries.forEach((e) => oneIteration(e.key, e.value));
        iterated = entries.length > 0;
      } else {
        this.errorf(`range can't iterate over ${this.formatted(val)}`);
      }
      if (!iterated && r.elseList) this.walk(dot, r.elseList);
    } catch (e) {
      if (e !== BREAK) throw e;
    } finally {
      this.vars.length = outerMark;
    }
  }

  sortedEntries(entries: GoMapEntry[]): GoMapEntry[] {
    try {
      return [...entries].sort((a, b) => compareKeys(a.key, b.key));
    } catch (e) {
      if (e instanceof UnsupportedFormat) this.unsupported(e.message);
      throw e;
    }
  }

  walkTemplate(dot: Val, t: TemplateNode): void {
    this.at(t);
    const tree = this.set.trees.get(t.name);
    if (tree === undefined) this.errorf(`template ${goQuoteString(t.name)} not defined`);
    if (this.depth === MAX_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
    if (this.depth >= JS_DEPTH_LIMIT) this.unsupported(`templates nested deeper than ${JS_DEPTH_LIMIT} calls`);
    const newDot = this.evalPipeline(dot, t.pipe);
    const inner = new State(this.set, t.name, this.funcs, newDot, this.depth + 1);
    inner.out = this.out;
    inner.walk(newDot, tree.root);
  }

  evalPipeline(dot: Val, pipe: PipeNode | null): Val {
    if (pipe === null) return null;
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value !== null && value.type.kind === 'interface' && value.type.name === 'interface {}') value = value.v as Val;
    }
    const result = value as Val;
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0]!, result);
      else this.vars.push({ name: variable.ident[0]!, value: result });
    }
    return result;
  }

  notAFunction(args: ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  evalCommand(dot: Val, cmd: CommandNode, final: Final): Val {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return goBool(first.value);
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
        break;
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return goString(first.text);
    }
    this.errorf(`can't evaluate command ${goQuoteString(nodeString(first))}`);
  }

  idealConstant(c: Extract<ArgNode, { type: 'number' }>): Val {
    this.at(c);
    const n = c.value;
    const isHexInt = c.text.length > 2 && c.text[0] === '0' && (c.text[1] === 'x' || c.text[1] === 'X') && !/[pP]/.test(c.text);
    const isRune = c.text[0] === "'";
    if (n.isFloat && !isHexInt && !isRune && /[.eEpP]/.test(c.text)) return goFloat64(n.float64);
    if (n.isInt) return goInt(n.int64);
    if (n.isUint) this.errorf(`${c.text} overflows int`);
    return null;
  }

  evalFieldNode(dot: Val, field: Extract<ArgNode, { type: 'field' }>, args: ArgNode[], final: Final): Val {
    this.at(field);
    return this.evalFieldChain(dot, field.ident, args, final);
  }

  evalChainNode(dot: Val, chain: Extract<ArgNode, { type: 'chain' }>, args: ArgNode[], final: Final): Val {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, null, chain.node as ArgNode);
    return this.evalFieldChain(pipe, chain.field, args, final);
  }

  evalVariableNode(variable: Extract<ArgNode, { type: 'variable' }>, args: ArgNode[], final: Final): Val {
    this.at(variable);
    const value = this.varValue(variable.ident[0]!);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(value, variable.ident.slice(1), args, final);
  }

  evalFieldChain(receiver: Val, ident: string[], args: ArgNode[], final: Final): Val {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(ident[i]!, [], MISSING, receiver);
    return this.evalField(ident[n - 1]!, args, final, receiver);
  }

  evalFunction(dot: Val, node: Extract<ArgNode, { type: 'identifier' }>, cmd: Node, args: ArgNode[], final: Final): Val {
    this.at(node);
    const name = node.ident;
    const fn = this.funcs[name] ?? BUILTINS[name];
    const isBuiltin = this.funcs[name] === undefined;
    if (fn === undefined) this.errorf(`${goQuoteString(name)} is not a defined function`);
    return this.evalCall(dot, fn, isBuiltin, cmd, name, args, final);
  }

  evalField(fieldName: string, args: ArgNode[], final: Final, receiver: Val): Val {
    if (receiver === null) return null;
    const typ = receiver.type;
    const { value, isNil } = indirect(receiver);
    if (value!.type.kind === 'interface' && isNil) this.errorf(`nil pointer evaluating ${typ.name}.${fieldName}`);
    const r = value!;
    const hasArgs = args.length > 1 || final !== MISSING;
    if (r.type.kind === 'struct' && r.type !== REFLECT_VALUE) {
      const index = (r.type.fields ?? []).findIndex((f) => f.name === fieldName);
      if (index >= 0) {
        if (!/^\p{Lu}/u.test(fieldName)) this.errorf(`${fieldName} is an unexported field of struct type ${typ.name}`);
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        return (r.v as GoValue[])[index]!;
      }
    } else if (r.type.kind === 'map') {
      const keyType = r.type.key!;
      if (assignable({ kind: 'string', name: 'string' }, keyType)) {
        if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
        const key: GoValue = keyType.kind === 'interface' ? { type: keyType, v: goString(fieldName) } : { type: keyType, v: fieldName };
        return mapLookup(r, key) ?? null;
      }
    } else if (r.type.kind === 'pointer') {
      const etyp = r.type.elem!;
      const known = etyp.kind !== 'struct' || (etyp.fields ?? []).some((f) => f.name === fieldName);
      if (known && isNil) this.errorf(`nil pointer evaluating ${typ.name}.${fieldName}`);
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ.name}`);
  }

  evalCall(dot: Val, fn: GoFunc, isBuiltin: boolean, node: Node, name: string, argNodes: ArgNode[], final: Final): Val {
    const args = argNodes.slice(1);
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    let numFixed = args.length;
    if (fn.variadic) {
      numFixed = fn.params.length - 1;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
    } else if (numIn !== fn.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }
    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: Val = null;
      for (const arg of args) {
        v = this.evalArg(dot, REFLECT_VALUE, arg);
        if (truth(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, REFLECT_VALUE);
      return v;
    }
    const argv: Val[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, fn.params[i]!, args[i]!));
    if (fn.variadic) {
      const elem = fn.params[fn.params.length - 1]!;
      for (; i < args.length; i++) argv.push(this.evalArg(dot, elem, args[i]!));
    }
    if (final !== MISSING) {
      const t = fn.variadic && numIn - 1 < numFixed ? fn.params[numIn - 1]! : fn.params[fn.params.length - 1]!;
      argv.push(this.validateType(final, t));
    }
    const params = argv.map((v, k) => {
      const t = fn.params[Math.min(k, fn.params.length - 1)]!;
      return t.kind === 'interface' ? indirectInterface(v) : v;
    });
    try {
      return fn.impl(params);
    } catch (e) {
      if (e instanceof GoFuncError) {
        this.at(node);
        this.errorf(`error calling ${name}: ${e.message}`);
      }
      if (e instanceof UnsupportedFormat || e instanceof UnsupportedYaml || e instanceof UnsupportedBuiltin) {
        this.at(node);
        this.unsupported(e.message);
      }
      throw e;
    }
  }

  validateType(value: Val, typ: GoType | null): Val {
    if (value === null) {
      if (typ === null) return null;
      if (canBeNil(typ)) return typ === REFLECT_VALUE ? null : zeroOf(typ);
      this.errorf(`invalid value; expected ${typ.name}`);
    }
    if (typ === REFLECT_VALUE) return value;
    if (typ !== null && !assignable(value.type, typ)) {
      let v: Val = value;
      if (v.type.kind === 'interface' && v.v !== null) {
        v = v.v as GoValue;
        if (assignable(v.type, typ)) return v;
      }
      if (v.type.kind === 'pointer' && v.type.elem && assignable(v.type.elem, typ)) {
        if (v.v === null) this.errorf(`dereference of nil pointer of type ${typ.name}`);
        return v.v as GoValue;
      }
      this.errorf(`wrong type for value; expected ${typ.name}; got ${v.type.name}`);
    }
    return value;
  }

  evalArg(dot: Val, typ: GoType | null, n: ArgNode): Val {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (typ !== null && canBeNil(typ)) return typ === REFLECT_VALUE ? null : zeroOf(typ);
        this.errorf(`cannot assign nil to ${typ?.name ?? '<nil>'}`);
        break;
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(n, [], MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, [], MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, [], MISSING), typ);
    }
    if (typ === null) this.errorf(`can't handle ${nodeString(n)} for arg of type <nil>`);
    const k = typ.kind;
    if (k === 'bool') {
      this.at(n);
      if (n.type === 'bool') return { type: typ, v: n.value };
      this.errorf(`expected bool; found ${nodeString(n)}`);
    }
    if (isFloatKind(k)) {
      if (n.type === 'number' && n.value.isFloat) return { type: typ, v: n.value.float64 };
      this.errorf(`expected float; found ${nodeString(n)}`);
    }
    if (isIntKind(k)) {
      if (n.type === 'number' && n.value.isInt) return { type: typ, v: n.value.int64 };
      this.errorf(`expected integer; found ${nodeString(n)}`);
    }
    if (isUintKind(k)) {
      if (n.type === 'number' && n.value.isUint) return { type: typ, v: n.value.uint64 };
      this.errorf(`expected unsigned integer; found ${nodeString(n)}`);
    }
    if (k === 'string') {
      if (n.type === 'string') return { type: typ, v: n.text };
      this.errorf(`expected string; found ${nodeString(n)}`);
    }
    if ((k === 'interface' && typ.name === 'interface {}') || typ === REFLECT_VALUE) return this.evalEmptyInterface(dot, n);
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${typ.name}`);
  }

  evalEmptyInterface(dot: Val, n: ArgNode): Val {
    this.at(n);
    switch (n.type) {
      case 'bool':
        return goBool(n.value);
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return goString(n.text);
      default:
        return this.evalArg(dot, ANY, n);
    }
  }

  printValue(n: Node, v: Val): void {
    this.at(n);
    let value = v;
    if (value !== null && value.type.kind === 'pointer') value = indirect(value).value;
    if (value === null || (value.type.kind === 'pointer' && value.v === null && v !== value)) {
      this.out.push(value === null ? '<no value>' : '<nil>');
      return;
    }
    if (value.type.kind === 'func') this.errorf(`can't print ${nodeString(n)} of type ${value.type.name}`);
    this.out.push(this.formatted(value));
  }

  formatted(v: Val): string {
    try {
      return sprint([v]);
    } catch (e) {
      if (e instanceof UnsupportedFormat) this.unsupported(e.message);
      throw e;
    }
  }
}

function canBeNil(typ: GoType): boolean {
  return typ === REFLECT_VALUE || ['map', 'slice', 'pointer', 'interface', 'func'].includes(typ.kind);
}

/** Runs the template `name` of the set on data; the output, or a GoTemplateError. */
export function executeTemplate(set: Templates, name: string, data: Val, funcs: Record<string, GoFunc>): string {
  const tree = set.trees.get(name);
  const state = new State(set, name, funcs, data, 0);
  try {
    if (tree === undefined) return state.errorf(`${goQuoteString(name)} is an incomplete or empty template`);
    state.walk(data, tree.root);
  } catch (e) {
    if (e instanceof ExecFailure) throw e.error;
    if (e instanceof RangeError) throw new GoTemplateError(`template: ${name}: unsupported by podlike-gen's Go template engine: nesting too deep`, 1, 1, true);
    throw e;
  }
  return state.out.join('');
}

