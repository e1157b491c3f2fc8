/**
 * Podlike's template functions (pkg/template/funcs.go of Podlike master) with their Go
 * signatures: yaml, indent, empty, notEmpty, contains, replace, startsWith. A panic inside one
 * (reflect's Len on a number, a negative Repeat count) is the error Go's template reports.
 */
import { GoFuncError } from './builtins.js';
import type { GoFunc, GoValue, Val } from './value.js';
import { ANY, BOOL, INT, STRING, goBool, goString, lengthOf } from './value.js';
import { marshalYamlV2 } from './yaml-v2-encode.js';
import { goReplace } from '../../model/go-strings.js';

/** reflect.Value's Kind().String() as its panics name it. */
function reflectKindName(v: GoValue): string {
  if (v.type.kind === 'pointer') return 'ptr to non-array';
  return v.type.kind;
}

function isEmpty(v: Val): boolean {
  if (v === null) throw new GoFuncError('reflect: call of reflect.Value.Len on zero Value');
  const n = lengthOf(v);
  if (n < 0) throw new GoFuncError(`reflect: call of reflect.Value.Len on ${reflectKindName(v)} Value`);
  return n === 0;
}

function indent(width: bigint, s: string): string {
  if (width < 0n) throw new GoFuncError('strings: negative Repeat count');
  const pad = ' '.repeat(Number(width));
  return s.split('\n').map((line) => pad + line).join('\n');
}

/** strings.Replace with Go's int count (beyond any string's length, a count is as good as all). */
function replace(oldStr: string, newStr: string, n: bigint, source: string): string {
  return goReplace(oldStr, newStr, n < 0n ? -1 : n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n), source);
}

const str = (v: Val): string => v!.v as string;

export const PODLIKE_FUNCS: Record<string, GoFunc> = {
  yaml: { params: [ANY], returnsError: true, result: STRING, impl: ([v]) => goString(marshalYamlV2(v!)) },
  indent: { params: [INT, STRING], result: STRING, impl: ([w, s]) => goString(indent(w!.v as bigint, str(s!))) },
  empty: { params: [ANY], result: BOOL, impl: ([v]) => goBool(isEmpty(v!)) },
  notEmpty: { params: [ANY], result: BOOL, impl: ([v]) => goBool(!isEmpty(v!)) },
  contains: { params: [STRING, STRING], result: BOOL, impl: ([item, target]) => goBool(str(target!).includes(str(item!))) },
  replace: { params: [STRING, STRING, INT, STRING], result: STRING, impl: ([o, n, c, s]) => goString(replace(str(o!), str(n!), c!.v as bigint, str(s!))) },
  startsWith: { params: [STRING, STRING], result: BOOL, impl: ([item, target]) => goBool(str(target!).startsWith(str(item!))) },
};
