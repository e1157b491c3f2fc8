/**
 * Go's fmt for the values templates hold: Sprint (what an action prints), Sprintln and Sprintf
 * with the verbs v s d q t x X o O b c U e E f F g G, flags, width and precision, and Go's
 * error forms (`%!d(string=a)`, `%!s(MISSING)`, `%!(EXTRA int=1)`). Maps print with sorted keys.
 * What Go would print as a memory address, or a form this file does not know, is refused.
 */
import { formatGoFloat } from './go-float.js';
import { goQuoteString, isGoPrint } from './parse-tree.js';
import type { GoMapEntry, GoValue, Val } from './value.js';
import { indirectInterface, isFloatKind, isIntKind, isUintKind } from './value.js';

export class UnsupportedFormat extends Error {}

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  /** %+v: field names of structs. */
  plusV: boolean;
  width?: number;
  prec?: number;
}

const noFlags = (): Flags => ({ plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false });

const runeCount = (s: string): number => [...s].length;

function pad(s: string, f: Flags): string {
  if (f.width === undefined) return s;
  const n = f.width - runeCount(s);
  if (n <= 0) return s;
  if (f.minus) return s + ' '.repeat(n);
  return (f.zero ? '0' : ' ').repeat(n) + s;
}

/** Pads a number, putting zero padding after its sign. */
function padNumber(s: string, f: Flags): string {
  if (f.width === undefined || !f.zero || f.minus) return pad(s, f);
  const sign = /^[+\- ]/.test(s) ? s[0]! : '';
  const body = s.slice(sign.length);
  return sign + body.padStart(f.width - sign.length, '0');
}

function badVerb(verb: string, v: Val, f: Flags): string {
  if (v === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${v.type.name}=${printArg(v, 'v', f, 1)})`;
}

function formatInteger(value: bigint, verb: string, f: Flags, v: GoValue): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  let digits: string;
  let prefix = '';
  switch (verb) {
    case 'v':
    case 'd':
      digits = abs.toString();
      break;
    case 'b':
      digits = abs.toString(2);
      if (f.sharp) prefix = '0b';
      break;
    case 'o':
    case 'O':
      digits = abs.toString(8);
      if (verb === 'O') prefix = '0o';
      else if (f.sharp && digits !== '0') prefix = '0';
      break;
    case 'x':
    case 'X':
      digits = abs.toString(16);
      if (verb === 'X') digits = digits.toUpperCase();
      if (f.sharp) prefix = verb === 'x' ? '0x' : '0X';
      break;
    case 'c':
      return pad(runeString(value), f);
    case 'q':
      return pad(quoteRune(value), f);
    case 'U': {
      const u = `U+${abs.toString(16).toUpperCase().padStart(4, '0')}`;
      return pad(f.sharp && isValidRune(value) && isGoPrint(Number(value)) ? `${u} '${runeString(value)}'` : u, f);
    }
    default:
      return badVerb(verb, v, f);
  }
  if (f.prec !== undefined) {
    if (f.prec === 0 && abs === 0n) digits = '';
    digits = digits.padStart(f.prec, '0');
  } else if (f.zero && f.width !== undefined && !f.minus) {
    const signWidth = negative || f.plus || f.space ? 1 : 0;
    digits = digits.padStart(f.width - signWidth - prefix.length, '0');
  }
  const sign = negative ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  return pad(sign + prefix + digits, { ...f, zero: false });
}

const isValidRune = (r: bigint): boolean => r >= 0n && r <= 0x10ffffn && !(r >= 0xd800n && r < 0xe000n);
const runeString = (r: bigint): string => (isValidRune(r) ? String.fromCodePoint(Number(r)) : '\ufffd');

function quoteRune(r: bigint): string {
  const s = runeString(r);
  if (s === "'") return "'\\''";
  if (s === '"') return `'"'`;
  const quoted = goQuoteString(s);
  return `'${quoted.slice(1, -1)}'`;
}

function formatFloat(x: number, verb: string, f: Flags, v: GoValue): string {
  let num: string;
  switch (verb) {
    case 'v':
      num = formatGoFloat(x, 'g', f.prec ?? -1);
      break;
    case 'g':
    case 'G':
      num = formatGoFloat(x, verb, f.prec ?? -1);
      break;
    case 'e':
    case 'E':
      num = formatGoFloat(x, verb, f.prec ?? 6);
      break;
    case 'f':
    case 'F':
      num = formatGoFloat(x, 'f', f.prec ?? 6);
      break;
    default:
      return badVerb(verb, v, f);
  }
  if (f.sharp) throw new UnsupportedFormat(`the # flag with %${verb} of a float`);
  if (!num.startsWith('-') && !num.startsWith('+')) num = `+${num}`;
  if (f.space && num[0] === '+' && !f.plus) num = ` ${num.slice(1)}`;
  if (num[1] === 'I' || num[1] === 'N') {
    if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
    return pad(num, { ...f, zero: false });
  }
  if (f.plus || num[0] !== '+') return padNumber(num, f);
  return padNumber(num.slice(1), f);
}

function formatString(s: string, verb: string, f: Flags, v: GoValue): string {
  if (f.prec !== undefined) s = [...s].slice(0, f.prec).join('');
  switch (verb) {
    case 'v':
      if (f.sharp) return pad(goQuoteString(s), f);
      return pad(s, f);
    case 's':
      return pad(s, f);
    case 'q':
      if (f.sharp && !s.includes('`') && ![...s].some((c) => c !== '\t' && !isGoPrint(c.codePointAt(0)!))) return pad(`\`${s}\``, f);
      if (f.plus) throw new UnsupportedFormat('%+q');
      return pad(goQuoteString(s), f);
    case 'x':
    case 'X': {
      const bytes = [...Buffer.from(s, 'utf8')].map((b) => b.toString(16).padStart(2, '0'));
      const hex = bytes.map((b) => (verb === 'X' ? b.toUpperCase() : b));
      const prefix = f.sharp ? (verb === 'x' ? '0x' : '0X') : '';
      return pad(f.space ? hex.map((b) => prefix + b).join(' ') : prefix + hex.join(''), f);
    }
    default:
      return badVerb(verb, v, f);
  }
}

function sortedEntries(entries: GoMapEntry[]): GoMapEntry[] {
  return [...entries].sort((a, b) => compareKeys(a.key, b.key));
}

const YAML_KEY_TYPES = new Set(['bool', 'float64', 'int', 'string', 'uint64']);

/** internal/fmtsort's order for the key types YAML data has. */
export function compareKeys(a: Val, b: Val): number {
  const x = indirectInterface(a);
  const y = indirectInterface(b);
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
  if (x.type.name !== y.type.name) {
    // Go orders keys of different dynamic types by the address of their type descriptors, which
    // its linker lays out by name: checked against Go for the types YAML keys have.
    if (!YAML_KEY_TYPES.has(x.type.name) || !YAML_KEY_TYPES.has(y.type.name)) throw new UnsupportedFormat('ordering a map whose keys have different types');
    return x.type.name < y.type.name ? -1 : 1;
  }
  const k = x.type.kind;
  if (isIntKind(k) || isUintKind(k)) return (x.v as bigint) < (y.v as bigint) ? -1 : (x.v as bigint) > (y.v as bigint) ? 1 : 0;
  if (isFloatKind(k)) {
    const [p, q] = [x.v as number, y.v as number];
    if (p < q || (Number.isNaN(p) && !Number.isNaN(q))) return -1;
    if (p > q || (!Number.isNaN(p) && Number.isNaN(q))) return 1;
    return 0;
  }
  if (k === 'string') {
    const [p, q] = [Buffer.from(x.v as string), Buffer.from(y.v as string)];
    return Buffer.compare(p, q);
  }
  if (k === 'bool') return x.v === y.v ? 0 : x.v ? 1 : -1;
  throw new UnsupportedFormat(`ordering map keys of type ${x.type.name}`);
}

/** fmt's printValue/printArg: one operand with a verb. */
function printArg(v: Val, verb: string, f: Flags, depth: number): string {
  if (v === null) {
    if (verb === 'v' || verb === 'T') return pad('<nil>', f);
    return badVerb(verb, null, f);
  }
  const k = v.type.kind;
  if (k === 'interface') {
    if (v.v === null) return pad('<nil>', f);
    return printArg(v.v as GoValue, verb, f, depth + 1);
  }
  if (verb === 'T') return pad(v.type.name, f);
  const stringer = k === 'pointer' ? v.type.elem?.stringer : v.type.stringer;
  if (stringer !== undefined && 'vsqxX'.includes(verb)) {
    if (v.v === null) return pad('<nil>', f);
    return formatString(stringer(k === 'pointer' ? (v.v as GoValue) : v), verb, f, v);
  }
  if (k === 'bool') return verb === 'v' || verb === 't' ? pad(v.v ? 'true' : 'false', f) : badVerb(verb, v, f);
  if (isIntKind(k) || isUintKind(k)) return formatInteger(v.v as bigint, verb, f, v);
  if (isFloatKind(k)) return formatFloat(v.v as number, verb, f, v);
  if (k === 'string') return formatString(v.v as string, verb, f, v);
  if (f.sharp && verb === 'v') throw new UnsupportedFormat('%#v');
  switch (k) {
    case 'map': {
      const entries = sortedEntries((v.v as GoMapEntry[] | null) ?? []);
      return `map[${entries.map((e) => `${printArg(e.key, verb, f, depth + 1)}:${printArg(e.value, verb, f, depth + 1)}`).join(' ')}]`;
    }
    case 'slice': {
      if (v.type.elem?.kind === 'uint8' && (verb === 's' || verb === 'q' || verb === 'x' || verb === 'X')) {
        throw new UnsupportedFormat(`%${verb} of a byte slice`);
      }
      const items = (v.v as GoValue[] | null) ?? [];
      return `[${items.map((item) => printArg(item, verb, f, depth + 1)).join(' ')}]`;
    }
    case 'struct': {
      const fields = v.v as GoValue[];
      const names = v.type.fields ?? [];
      return `{${fields.map((field, i) => (f.plusV ? `${names[i]!.name}:` : '') + printArg(field, verb, f, depth + 1)).join(' ')}}`;
    }
    case 'pointer': {
      const target = v.v as GoValue | null;
      if (target === null) return verb === 'v' ? pad('<nil>', f) : badVerb(verb, v, f);
      if (depth === 0 && ['struct', 'slice', 'map'].includes(target.type.kind)) return `&${printArg(target, verb, f, depth + 1)}`;
      throw new UnsupportedFormat(`printing a pointer of type ${v.type.name}, which Go prints as a memory address`);
    }
    default:
      throw new UnsupportedFormat(`printing a value of type ${v.type.name}`);
  }
}

const isStringArg = (v: Val): boolean => v !== null && v.type.kind === 'string';

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: Val[]): string {
  let out = '';
  args.forEach((arg, i) => {
    if (i > 0 && !isStringArg(arg) && !isStringArg(args[i - 1]!)) out += ' ';
    out += printArg(arg, 'v', noFlags(), 0);
  });
  return out;
}

export function sprintln(args: Val[]): string {
  return `${args.map((arg) => printArg(arg, 'v', noFlags(), 0)).join(' ')}\n`;
}

function intArg(v: Val): number | null {
  if (v === null) return null;
  const k = v.type.kind;
  if (isIntKind(k) || isUintKind(k)) {
    const n = Number(v.v as bigint);
    return Math.abs(n) <= 1e6 ? n : null;
  }
  return null;
}

export function sprintf(format: string, args: Val[]): string {
  let out = '';
  let argNum = 0;
  const chars = [...format];
  for (let i = 0; i < chars.length; ) {
    if (chars[i] !== '%') {
      out += chars[i++];
      continue;
    }
    i++;
    const f = noFlags();
    for (; i < chars.length; i++) {
      const c = chars[i];
      if (c === '#') f.sharp = true;
      else if (c === '0') f.zero = !f.minus;
      else if (c === '+') f.plus = true;
      else if (c === '-') [f.minus, f.zero] = [true, false];
      else if (c === ' ') f.space = true;
      else break;
    }
    if (chars[i] === '[') throw new UnsupportedFormat('explicit argument indexes in printf');
    if (chars[i] === '*') {
      i++;
      const w = intArg(args[argNum] ?? null);
      if (argNum >= args.length || w === null) out += '%!(BADWIDTH)';
      else {
        f.width = Math.abs(w);
        if (w < 0) [f.minus, f.zero] = [true, false];
      }
      argNum++;
    } else {
      let digits = '';
      while (i < chars.length && /[0-9]/.test(chars[i]!)) digits += chars[i++];
      if (digits !== '') f.width = Number(digits);
    }
    if (chars[i] === '.') {
      i++;
      if (chars[i] === '*') {
        i++;
        const p = intArg(args[argNum] ?? null);
        if (argNum >= args.length || p === null || p < 0) out += '%!(BADPREC)';
        else f.prec = p;
        argNum++;
      } else {
        let digits = '';
        while (i < chars.length && /[0-9]/.test(chars[i]!)) digits += chars[i++];
        f.prec = digits === '' ? 0 : Number(digits);
      }
    }
    if (i >= chars.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = chars[i++]!;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argNum++]!;
    if (verb === 'v' && f.plus) [f.plusV, f.plus] = [true, false];
    if (verb === 'w') out += badVerb(verb, arg, f);
    else out += printArg(arg, verb, f, 0);
  }
  if (argNum < args.length) {
    out += `%!(EXTRA ${args.slice(argNum).map((a) => (a === null ? '<nil>' : `${a.type.name}=${printArg(a, 'v', noFlags(), 0)}`)).join(', ')})`;
  }
  return out;
}
