/**
 * Go text/template's builtin functions (and, or, not, len, index, slice, eq, ne, lt, le, gt,
 * ge, print, printf, println, html, js, urlquery, call) with Go's signatures, since arguments
 * are converted by parameter type, and Go's error texts.
 */
import { sprint, sprintf, sprintln } from './go-fmt.js';
import type { GoFunc, GoValue, Val } from './value.js';
import {
  ANY, BOOL, INT, REFLECT_VALUE, STRING, UINT8, assignable, goBool, goInt, goString, indirect, indirectInterface,
  isFloatKind, isIntKind, isUintKind, lengthOf, mapLookup, zeroOf,
} from './value.js';

/** An error a Go function returns (or a panic it recovers): `error calling NAME: message`. */
export class GoFuncError extends Error {}

export const truth = (v: Val): boolean => isTrue(indirectInterface(v)).truth;

/** Go's isTrue: ok is false for values with no truth (functions, channels). */
export function isTrue(v: Val): { truth: boolean; ok: boolean } {
  if (v === null) return { truth: false, ok: true };
  const k = v.type.kind;
  if (k === 'string' || k === 'slice' || k === 'map') return { truth: lengthOf(v) > 0, ok: true };
  if (k === 'bool') return { truth: v.v as boolean, ok: true };
  if (isIntKind(k) || isUintKind(k)) return { truth: (v.v as bigint) !== 0n, ok: true };
  if (isFloatKind(k)) return { truth: (v.v as number) !== 0, ok: true };
  if (k === 'pointer' || k === 'interface' || k === 'func') return { truth: v.v !== null, ok: true };
  if (k === 'struct') return { truth: true, ok: true };
  return { truth: false, ok: false };
}

type BasicKind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(v: Val): BasicKind {
  if (v === null) return 'invalid';
  const k = v.type.kind;
  if (k === 'bool') return 'bool';
  if (isIntKind(k)) return 'int';
  if (isUintKind(k)) return 'uint';
  if (isFloatKind(k)) return 'float';
  if (k === 'string') return 'string';
  return 'invalid';
}

const BAD_COMPARISON_TYPE = 'invalid type for comparison';
const BAD_COMPARISON = 'incompatible types for comparison';

function isNilValue(v: Val): boolean {
  if (v === null) return true;
  return ['map', 'slice', 'pointer', 'interface', 'func'].includes(v.type.kind) && v.v === null;
}

function eq(arg1: Val, others: Val[]): boolean {
  arg1 = indirectInterface(arg1);
  if (others.length === 0) throw new GoFuncError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (let arg of others) {
    arg = indirectInterface(arg);
    const k2 = basicKind(arg);
    let result = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') result = (arg1!.v as bigint) >= 0n && arg1!.v === arg!.v;
      else if (k1 === 'uint' && k2 === 'int') result = (arg!.v as bigint) >= 0n && arg1!.v === arg!.v;
      else if (arg1 !== null && arg !== null) throw new GoFuncError(BAD_COMPARISON);
    } else if (k1 !== 'invalid') {
      result = arg1!.v === arg!.v;
    } else {
      if (arg1 !== null && arg !== null && arg1.type.kind !== arg.type.kind) {
        throw new GoFuncError(`non-comparable types ${sprintf('%s', [arg1])}: ${arg1.type.name}, ${arg.type.name}: ${sprint([arg])}`);
      }
      if (isNilValue(arg1) || isNilValue(arg)) result = isNilValue(arg) === isNilValue(arg1);
      else if (['map', 'slice', 'func'].includes(arg!.type.kind)) {
        throw new GoFuncError(`non-comparable type ${sprintf('%s', [arg])}: ${arg!.type.name}`);
      } else if (arg!.type.kind === 'pointer') result = arg1!.v === arg!.v;
      else throw new UnsupportedBuiltin(`eq on values of type ${arg!.type.name}`);
    }
    if (result) return true;
  }
  return false;
}

export class UnsupportedBuiltin extends Error {}

function lt(arg1: Val, arg2: Val): boolean {
  arg1 = indirectInterface(arg1);
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') throw new GoFuncError(BAD_COMPARISON_TYPE);
  arg2 = indirectInterface(arg2);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') throw new GoFuncError(BAD_COMPARISON_TYPE);
  const a = arg1!.v as bigint | number | string;
  const b = arg2!.v as bigint | number | string;
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return (a as bigint) < 0n || (a as bigint) < (b as bigint);
    if (k1 === 'uint' && k2 === 'int') return (b as bigint) >= 0n && (a as bigint) < (b as bigint);
    throw new GoFuncError(BAD_COMPARISON);
  }
  if (k1 === 'bool') throw new GoFuncError(BAD_COMPARISON_TYPE);
  if (k1 === 'string') return Buffer.compare(Buffer.from(a as string), Buffer.from(b as string)) < 0;
  return a < b;
}

function le(a: Val, b: Val): boolean {
  return lt(a, b) || eq(a, [b]);
}

function indexArg(index: Val, cap: number): number {
  if (index === null) throw new GoFuncError('cannot index slice/array with nil');
  const k = index.type.kind;
  if (!isIntKind(k) && !isUintKind(k)) throw new GoFuncError(`cannot index slice/array with type ${index.type.name}`);
  const x = index.v as bigint;
  if (x < 0n || x > BigInt(cap)) throw new GoFuncError(`index out of range: ${x}`);
  return Number(x);
}

/** prepareArg: a map key converted to the map's key type. */
function prepareKey(value: Val, keyType: GoValue['type']): GoValue {
  if (value === null) {
    if (!['map', 'slice', 'pointer', 'interface', 'func'].includes(keyType.kind)) throw new GoFuncError(`value is nil; should be of type ${keyType.name}`);
    return zeroOf(keyType);
  }
  if (assignable(value.type, keyType)) return keyType.kind === 'interface' ? { type: keyType, v: value } : value;
  if ((isIntKind(value.type.kind) || isUintKind(value.type.kind)) && (isIntKind(keyType.kind) || isUintKind(keyType.kind))) {
    return { type: keyType, v: value.v };
  }
  throw new GoFuncError(`value has type ${value.type.name}; should be ${keyType.name}`);
}

function index(item: Val, indexes: Val[]): Val {
  item = indirectInterface(item);
  if (item === null) throw new GoFuncError('index of untyped nil');
  let cur: Val = item;
  for (let idx of indexes) {
    idx = indirectInterface(idx);
    const followed = indirect(cur);
    if (followed.isNil) throw new GoFuncError('index of nil pointer');
    cur = followed.value!;
    const k = cur.type.kind;
    if (k === 'slice') {
      const items = (cur.v as GoValue[] | null) ?? [];
      const x = indexArg(idx, items.length);
      if (x >= items.length) throw new GoFuncError(`reflect: slice index out of range`);
      cur = items[x]!;
    } else if (k === 'string') {
      const bytes = Buffer.from(cur.v as string, 'utf8');
      const x = indexArg(idx, bytes.length);
      if (x >= bytes.length) throw new GoFuncError('reflect: string index out of range');
      cur = goInt(bytes[x]!, UINT8);
    } else if (k === 'map') {
      const key = prepareKey(idx, cur.type.key!);
      const dynamic = indirectInterface(key);
      if (dynamic !== null && ['map', 'slice', 'func'].includes(dynamic.type.kind)) {
        throw new GoFuncError(`runtime error: hash of unhashable type ${dynamic.type.name}`);
      }
      cur = mapLookup(cur, key) ?? zeroOf(cur.type.elem!);
    } else {
      throw new GoFuncError(`can't index item of type ${cur.type.name}`);
    }
  }
  return cur;
}

function slice(item: Val, indexes: Val[]): Val {
  item = indirectInterface(item);
  if (item === null) throw new GoFuncError('slice of untyped nil');
  if (indexes.length > 3) throw new GoFuncError(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  let len: number;
  if (item.type.kind === 'string') {
    if (indexes.length === 3) throw new GoFuncError('cannot 3-index slice a string');
    cap = len = Buffer.byteLength(item.v as string);
  } else if (item.type.kind === 'slice') {
    cap = len = ((item.v as GoValue[] | null) ?? []).length;
  } else {
    throw new GoFuncError(`can't slice item of type ${item.type.name}`);
  }
  const idx = [0, len, 0];
  indexes.forEach((index, i) => (idx[i] = indexArg(index, cap)));
  if (idx[0]! > idx[1]!) throw new GoFuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new GoFuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (item.type.kind === 'string') {
    const bytes = Buffer.from(item.v as string, 'utf8').subarray(idx[0], idx[1]);
    const text = bytes.toString('utf8');
    if (Buffer.byteLength(text) !== bytes.length) throw new UnsupportedBuiltin('slicing a string inside a UTF-8 character');
    return goString(text);
  }
  const items = (item.v as GoValue[] | null) ?? [];
  return { type: item.type, v: items.slice(idx[0], idx[1]) };
}

function length(item: Val): Val {
  const { value, isNil } = indirect(item);
  if (isNil) throw new GoFuncError('len of nil pointer');
  if (value === null) throw new GoFuncError('reflect: call of reflect.Value.Type on zero Value');
  const n = lengthOf(value);
  if (n < 0) throw new GoFuncError(`len of type ${value.type.name}`);
  return goInt(n);
}

/** The one string of html/js/urlquery: a lone string argument as is, otherwise fmt.Sprint. */
function evalArgs(args: Val[]): string {
  if (args.length === 1 && args[0] !== null && args[0].type.kind === 'string') return args[0].v as string;
  return sprint(args.map((arg) => arg ?? goString('<no value>')));
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\ufffd', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    const special: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' };
    if (special[c] !== undefined) out += special[c];
    else if (cp < 0x20) out += `\\u00${cp.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (cp < 0x80) out += c;
    else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(c)) out += c;
    else out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

function urlQueryEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const variadicAny = (impl: (args: Val[]) => string): GoFunc => ({ params: [ANY], variadic: true, result: STRING, impl: (args) => goString(impl(args)) });
const comparison = (impl: (a: Val, b: Val) => boolean): GoFunc => ({
  params: [REFLECT_VALUE, REFLECT_VALUE], returnsError: true, result: BOOL, impl: ([a, b]) => goBool(impl(a!, b!)),
});

function call(args: Val[]): Val {
  const fn = indirectInterface(args[0]!);
  if (fn === null) throw new GoFuncError('call of nil');
  if (fn.type.kind !== 'func') throw new GoFuncError(`non-function of type ${fn.type.name}`);
  throw new UnsupportedBuiltin('calling a function value');
}

export const BUILTINS: Record<string, GoFunc> = {
  and: { params: [REFLECT_VALUE, REFLECT_VALUE], variadic: true, result: REFLECT_VALUE, impl: () => null },
  or: { params: [REFLECT_VALUE, REFLECT_VALUE], variadic: true, result: REFLECT_VALUE, impl: () => null },
  not: { params: [REFLECT_VALUE], result: BOOL, impl: ([v]) => goBool(!truth(v!)) },
  call: { params: [REFLECT_VALUE, REFLECT_VALUE], variadic: true, returnsError: true, result: REFLECT_VALUE, impl: call },
  html: variadicAny((args) => htmlEscape(evalArgs(args))),
  js: variadicAny((args) => jsEscape(evalArgs(args))),
  urlquery: variadicAny((args) => urlQueryEscape(evalArgs(args))),
  index: { params: [REFLECT_VALUE, REFLECT_VALUE], variadic: true, returnsError: true, result: REFLECT_VALUE, impl: ([item, ...rest]) => index(item!, rest) },
  slice: { params: [REFLECT_VALUE, REFLECT_VALUE], variadic: true, returnsError: true, result: REFLECT_VALUE, impl: ([item, ...rest]) => slice(item!, rest) },
  len: { params: [REFLECT_VALUE], returnsError: true, result: INT, impl: ([item]) => length(item!) },
  print: variadicAny(sprint),
  printf: { params: [STRING, ANY], variadic: true, result: STRING, impl: ([format, ...rest]) => goString(sprintf(format!.v as string, rest)) },
  println: variadicAny(sprintln),
  eq: { params: [REFLECT_VALUE, REFLECT_VALUE], variadic: true, returnsError: true, result: BOOL, impl: ([a, ...rest]) => goBool(eq(a!, rest)) },
  ne: comparison((a, b) => !eq(a, [b])),
  lt: comparison(lt),
  le: comparison(le),
  gt: comparison((a, b) => !le(a, b)),
  ge: comparison((a, b) => !lt(a, b)),
};

