/**
 * The functions Podlike adds to its templates (pkg/template/funcs.go): yaml, indent, empty,
 * notEmpty, contains, replace, startsWith, with Go's signatures, so that a call with the wrong
 * argument types fails as it fails in `podlike template`.
 */
import { stringify } from 'yaml';
import { ANY, BOOL, INT, STRING, goBool, goString, indirect, lengthOf, type GoFunc, type GoValue, type Val } from './go-template/value.js';

/** A Go value as plain data, for yaml.v2's Marshal (struct fields under their lower-cased names, as yaml.v2 names them). */
function plainOf(value: Val): unknown {
  const { value: v } = indirect(value);
  if (v === null) return null;
  switch (v.type.kind) {
    case 'slice':
      return ((v.v as GoValue[] | null) ?? []).map(plainOf);
    case 'map':
      return Object.fromEntries(((v.v as { key: GoValue; value: GoValue }[] | null) ?? []).map((e) => [String(plainOf(e.key)), plainOf(e.value)]));
    case 'struct':
      return Object.fromEntries((v.type.fields ?? []).map((f, i) => [f.name.toLowerCase(), plainOf((v.v as GoValue[])[i])]));
    case 'func':
      return null;
    default:
      return typeof v.v === 'bigint' ? Number(v.v) : v.v;
  }
}

const text = (value: Val) => String(indirect(value).value?.v ?? '');

/** Go's strings.Replace: at most n replacements, all of them for n < 0; an empty old inserts between characters. */
function goReplace(source: string, old: string, replacement: string, n: number): string {
  const parts = old === '' ? ['', ...Array.from(source), ''] : source.split(old);
  const limit = n < 0 ? parts.length - 1 : Math.min(n, parts.length - 1);
  return parts.slice(0, limit + 1).join(replacement) + (limit + 1 < parts.length ? old + parts.slice(limit + 1).join(old) : '');
}

function func(params: GoFunc['params'], result: GoFunc['result'], impl: GoFunc['impl']): GoFunc {
  return { params, result, impl };
}

const empty = (value: Val) => lengthOf(indirect(value).value ?? goString('')) === 0;

export const PODLIKE_FUNCS: Record<string, GoFunc> = {
  yaml: { params: [ANY], result: STRING, returnsError: true, impl: ([v]) => goString(stringify(plainOf(v), { sortMapEntries: true, indentSeq: false, lineWidth: 0 })) },
  indent: func([INT, STRING], STRING, ([n, s]) => goString(text(s).split('\n').map((line) => ' '.repeat(Number(indirect(n).value?.v ?? 0)) + line).join('\n'))),
  empty: func([ANY], BOOL, ([v]) => goBool(empty(v))),
  notEmpty: func([ANY], BOOL, ([v]) => goBool(!empty(v))),
  contains: func([STRING, STRING], BOOL, ([item, target]) => goBool(text(target).includes(text(item)))),
  startsWith: func([STRING, STRING], BOOL, ([item, target]) => goBool(text(target).startsWith(text(item)))),
  replace: func([STRING, STRING, INT, STRING], STRING, ([old, replacement, n, source]) => goString(goReplace(text(source), text(old), text(replacement), Number(indirect(n).value?.v ?? 0)))),
};
