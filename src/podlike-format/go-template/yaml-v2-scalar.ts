/**
 * gopkg.in/yaml.v2's resolution of a plain scalar (resolve.go): YAML 1.1 booleans (yes, on),
 * nulls, ints with base prefixes and underscores, floats, .inf/.nan. Used to decode data as
 * Podlike's yaml.v2 does and to know when its encoder must quote a string.
 */
import { parseGoFloat } from './number-constant.js';
import type { GoValue } from './value.js';
import { INT, UINT64, goBool, goFloat64, goInt, goString } from './value.js';

const BOOLS: Record<string, boolean> = {};
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) BOOLS[s] = true;
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) BOOLS[s] = false;
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const FLOATS: Record<string, number> = {
  '.nan': NaN, '.NaN': NaN, '.NAN': NaN,
  '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity, '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity,
  '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity,
};
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

export type Resolved = { kind: 'null' } | { kind: 'timestamp' } | { kind: 'merge' } | { kind: 'value'; value: GoValue };

/** strconv.ParseInt/ParseUint(s, 0, 64) after yaml.v2 removed every underscore. */
function parseIntBase0(s: string): bigint | null {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (m === null) return null;
  let body = m[2]!;
  if (/^0[0-7]+$/.test(body)) body = `0o${body.slice(1)}`;
  const value = BigInt(body);
  return m[1] === '-' ? -value : value;
}

function looksLikeTimestamp(s: string): boolean {
  return /^[0-9]{4}-/.test(s) && /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|$)/.test(s);
}

export function resolvePlainScalar(s: string): Resolved {
  const hint = s === '' ? 'N' : s[0]!;
  if (!/[-+0-9yYnNtTfFoO~.]/.test(hint) && s !== '' && s !== '<<') return { kind: 'value', value: goString(s) };
  if (s === '<<') return { kind: 'merge' };
  if (s in BOOLS) return { kind: 'value', value: goBool(BOOLS[s]!) };
  if (NULLS.has(s)) return { kind: 'null' };
  if (s in FLOATS) return { kind: 'value', value: goFloat64(FLOATS[s]!) };
  if (hint === '.') {
    const f = parseGoFloat(s);
    if (f !== null && !s.includes('_')) return { kind: 'value', value: goFloat64(f) };
  } else if (/[-+0-9]/.test(hint)) {
    if (looksLikeTimestamp(s)) return { kind: 'timestamp' };
    const plain = s.replace(/_/g, '');
    const i = parseIntBase0(plain);
    if (i !== null) {
      if (i >= -(2n ** 63n) && i < 2n ** 63n) return { kind: 'value', value: goInt(i, INT) };
      if (i >= 0n && i < 2n ** 64n) return { kind: 'value', value: goInt(i, UINT64) };
    }
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = parseGoFloat(plain);
      if (f !== null) return { kind: 'value', value: goFloat64(f) };
    }
  }
  return { kind: 'value', value: goString(s) };
}

