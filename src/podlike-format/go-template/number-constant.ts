/**
 * Numeric constants of templates as Go's parser reads them (strconv's base-0 integer and float
 * syntax, `'x'` runes): which of int, uint and float each constant can be, or Go's error text.
 * Complex constants (`1i`) are refused as unsupported.
 */
import type { ItemType } from './lexer.js';
import type { NumberConst } from './parse-tree.js';
import { unquoteRune } from './unquote.js';

export class UnsupportedNumber extends Error {}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseUint(text, 0, 64) without a sign; null on failure. */
function parseUnsigned(body: string): bigint | null {
  let digits: string;
  let prefix: string;
  if (/^0[xX](_?[0-9a-fA-F])+$/.test(body)) [prefix, digits] = ['0x', body.slice(2)];
  else if (/^0[oO](_?[0-7])+$/.test(body)) [prefix, digits] = ['0o', body.slice(2)];
  else if (/^0[bB](_?[01])+$/.test(body)) [prefix, digits] = ['0b', body.slice(2)];
  else if (/^0(_?[0-7])+$/.test(body)) [prefix, digits] = ['0o', body.slice(1)];
  else if (/^[0-9](_?[0-9])*$/.test(body)) [prefix, digits] = ['', body];
  else return null;
  const value = BigInt(prefix + digits.replace(/_/g, ''));
  return value <= UINT64_MAX ? value : null;
}

function parseSigned(text: string): bigint | null {
  const negative = text.startsWith('-');
  const body = text.startsWith('-') || text.startsWith('+') ? text.slice(1) : text;
  const u = parseUnsigned(body);
  if (u === null) return null;
  const value = negative ? -u : u;
  return value >= INT64_MIN && value <= INT64_MAX ? value : null;
}

const DECIMAL_FLOAT = /^[+-]?(?=\.?[0-9])([0-9](_?[0-9])*)?(\.([0-9](_?[0-9])*)?)?([eE][+-]?[0-9](_?[0-9])*)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]((?:_?[0-9a-fA-F])*)(?:\.([0-9a-fA-F](?:_?[0-9a-fA-F])*)?)?[pP]([+-]?[0-9](?:_?[0-9])*)$/;

/** strconv.ParseFloat(text, 64); null on a syntax or range error. */
export function parseGoFloat(text: string): number | null {
  let value: number;
  if (DECIMAL_FLOAT.test(text)) {
    value = Number(text.replace(/_/g, ''));
  } else {
    const m = HEX_FLOAT.exec(text);
    if (m === null) return null;
    const mantissa = (m[2] ?? '').replace(/_/g, '');
    const fraction = (m[3] ?? '').replace(/_/g, '');
    if (mantissa === '' && fraction === '') return null;
    const bits = BigInt(`0x${mantissa}${fraction}` === '0x' ? '0' : `0x${mantissa}${fraction}`);
    value = Number(bits) * 2 ** (Number(m[4]!.replace(/_/g, '')) - 4 * fraction.length);
    if (m[1] === '-') value = -value;
  }
  return Number.isFinite(value) ? value : null;
}

export function parseNumber(text: string, typ: ItemType): NumberConst | string {
  const n: NumberConst = { isInt: false, isUint: false, isFloat: false, isComplex: false, int64: 0n, uint64: 0n, float64: 0 };
  if (typ === 'charConstant') {
    const r = unquoteRune(text);
    if (typeof r === 'string') return r;
    return { ...n, isInt: true, isUint: true, isFloat: true, int64: BigInt(r), uint64: BigInt(r), float64: r };
  }
  if (typ === 'complex' || (text.endsWith('i') && parseGoFloat(text.slice(0, -1)) !== null)) {
    throw new UnsupportedNumber(`complex constant ${text}`);
  }
  const u = text.startsWith('+') || text.startsWith('-') ? null : parseUnsigned(text);
  if (u !== null) [n.isUint, n.uint64] = [true, u];
  const i = parseSigned(text);
  if (i !== null) {
    [n.isInt, n.int64] = [true, i];
    if (i === 0n) [n.isUint, n.uint64] = [true, u ?? 0n];
  }
  if (n.isInt) [n.isFloat, n.float64] = [true, Number(n.int64)];
  else if (n.isUint) [n.isFloat, n.float64] = [true, Number(n.uint64)];
  else {
    const f = parseGoFloat(text);
    if (f !== null) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${JSON.stringify(text)}`;
      [n.isFloat, n.float64] = [true, f];
      if (Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) [n.isInt, n.int64] = [true, BigInt(f)];
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) [n.isUint, n.uint64] = [true, BigInt(f)];
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${JSON.stringify(text)}`;
  return n;
}
