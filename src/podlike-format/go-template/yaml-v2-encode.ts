/**
 * gopkg.in/yaml.v2's Marshal for the values Podlike's `yaml` function receives (YAML-decoded
 * data): block mappings with yaml.v2's key order, sequences not indented under their key, and
 * scalars printed plain or double-quoted as yaml.v2 decides. Strings whose style depends on the
 * emitter's finer analysis (quotes, colons, leading symbols, line breaks) are refused.
 */
import { formatGoFloat } from './go-float.js';
import type { GoMapEntry, GoValue, Val } from './value.js';
import { indirect, isFloatKind, isIntKind, isUintKind } from './value.js';
import { resolvePlainScalar } from './yaml-v2-scalar.js';

export class UnsupportedYaml extends Error {}

const SAFE_PLAIN = /^[A-Za-z0-9_/][A-Za-z0-9_./\- ]*$/;

function scalar(v: GoValue): string {
  const k = v.type.kind;
  if (k === 'bool') return v.v ? 'true' : 'false';
  if (isIntKind(k) || isUintKind(k)) return (v.v as bigint).toString();
  if (isFloatKind(k)) {
    const s = formatGoFloat(v.v as number, 'g', -1);
    return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
  }
  const s = v.v as string;
  if (s === '') return '""';
  if (!SAFE_PLAIN.test(s) || s.endsWith(' ')) throw new UnsupportedYaml(`the YAML style of the string ${JSON.stringify(s)}`);
  const resolved = resolvePlainScalar(s);
  if (resolved.kind === 'timestamp') throw new UnsupportedYaml(`the YAML style of the string ${JSON.stringify(s)}`);
  if (resolved.kind === 'value' && resolved.value.type.kind === 'string') return s;
  return `"${s}"`;
}

/** yaml.v2's keyList.Less: letters after other characters, digit runs compared as numbers. */
function keyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string): boolean => /^\p{L}$/u.test(c);
  const isDigit = (c: string | undefined): boolean => c !== undefined && /^\p{Nd}$/u.test(c);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai]!.charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi]!.charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

function keyText(key: Val): string {
  const k = indirect(key).value;
  if (k === null || k.type.kind !== 'string') throw new UnsupportedYaml('a mapping key that is not a string');
  return k.v as string;
}

function isEmptyCollection(v: GoValue): boolean {
  return (v.type.kind === 'map' || v.type.kind === 'slice') && ((v.v as unknown[] | null) ?? []).length === 0;
}

function lines(v: Val, indent: string): string[] {
  const { value, isNil } = indirect(v);
  if (value === null || isNil) return ['null'];
  if (value.type.kind === 'map') {
    const entries = [...((value.v as GoMapEntry[] | null) ?? [])].sort((a, b) => {
      const [x, y] = [keyText(a.key), keyText(b.key)];
      return keyLess(x, y) ? -1 : keyLess(y, x) ? 1 : 0;
    });
    if (entries.length === 0) return ['{}'];
    return entries.flatMap((e) => field(keyText(e.key), e.value, indent));
  }
  if (value.type.kind === 'slice') {
    const items = (value.v as GoValue[] | null) ?? [];
    if (items.length === 0) return ['[]'];
    return items.flatMap((item) => {
      const inner = lines(item, `${indent}  `);
      return [`${indent}- ${inner[0]!.trimStart()}`, ...inner.slice(1)];
    });
  }
  if (value.type.kind === 'struct' || value.type.kind === 'func') throw new UnsupportedYaml(`a value of type ${value.type.name}`);
  return [scalar(value)];
}

function field(key: string, v: Val, indent: string): string[] {
  const keyLine = `${indent}${scalar({ type: { kind: 'string', name: 'string' }, v: key })}:`;
  const { value, isNil } = indirect(v);
  if (value === null || isNil || (value.type.kind !== 'map' && value.type.kind !== 'slice') || isEmptyCollection(value)) {
    return [`${keyLine} ${lines(value, indent)[0]}`];
  }
  const childIndent = value.type.kind === 'map' ? `${indent}  ` : indent;
  return [keyLine, ...lines(value, childIndent)];
}

/** yaml.Marshal(v) as yaml.v2 writes it. */
export function marshalYamlV2(v: Val): string {
  return `${lines(v, '').join('\n')}\n`;
}
