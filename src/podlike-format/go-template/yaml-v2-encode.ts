/**
 * gopkg.in/yaml.v2's Marshal for YAML-decoded data: what Podlike's `yaml` function prints, and
 * the template text Podlike makes of an inline mapping. It follows yaml.v2's encoder (key order,
 * which strings are quoted) and its emitter (block style, sequences not indented under a key,
 * plain/single/double/literal scalars chosen by the emitter's analysis, long lines folded past
 * column 80), structs by their yaml tags. Collection keys and MarshalYAML methods that never end
 * are refused.
 */
import { formatGoFloat } from './go-float.js';
import type { GoMapEntry, GoValue, Val } from './value.js';
import { indirect, isFloatKind, isIntKind, isUintKind } from './value.js';
import { resolvePlainScalar } from './yaml-v2-scalar.js';

export class UnsupportedYaml extends Error {}

type Style = 'plain' | 'single' | 'double' | 'literal';

interface Analysis {
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

const isBreakChar = (c: string | undefined): boolean => c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isBlankz = (c: string | undefined): boolean => c === undefined || isBlank(c) || isBreakChar(c) || c === '\0';

/** yaml.v2's is_printable, by code point. */
function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

/** yaml_emitter_analyze_scalar. */
function analyze(value: string): Analysis {
  if (value === '') return { multiline: false, flowPlainAllowed: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = [...value];
  let blockIndicators = false;
  let flowIndicators = false;
  if (value.startsWith('---') || value.startsWith('...')) [blockIndicators, flowIndicators] = [true, true];
  let lineBreaks = false;
  let special = false;
  let [leadingSpace, leadingBreak, trailingSpace, trailingBreak, breakSpace, spaceBreak] = [false, false, false, false, false, false];
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  chars.forEach((c, i) => {
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || isBlank(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) [flowIndicators, blockIndicators] = [true, true];
      else if (c === '?' || c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (c === '-' && followedByWhitespace) [flowIndicators, blockIndicators] = [true, true];
    } else if (',?[]{}'.includes(c)) flowIndicators = true;
    else if (c === ':') {
      flowIndicators = true;
      if (followedByWhitespace) blockIndicators = true;
    } else if (c === '#' && precededByWhitespace) [flowIndicators, blockIndicators] = [true, true];
    if (!isPrintable(c)) special = true;
    const last = i === chars.length - 1;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      [previousSpace, previousBreak] = [true, false];
    } else if (isBreakChar(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      [previousSpace, previousBreak] = [false, true];
    } else {
      [previousSpace, previousBreak] = [false, false];
    }
    precededByWhitespace = isBlankz(c);
  });
  const a: Analysis = { multiline: lineBreaks, flowPlainAllowed: true, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) [a.flowPlainAllowed, a.blockPlainAllowed] = [false, false];
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) [a.flowPlainAllowed, a.blockPlainAllowed, a.singleQuotedAllowed] = [false, false, false];
  if (spaceBreak || special) [a.flowPlainAllowed, a.blockPlainAllowed, a.singleQuotedAllowed, a.blockAllowed] = [false, false, false, false];
  if (lineBreaks) [a.flowPlainAllowed, a.blockPlainAllowed] = [false, false];
  if (flowIndicators) a.flowPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** The text and requested style of a scalar, as yaml.v2's encoder picks them. */
function scalarEvent(v: GoValue | null): { text: string; style: Style } {
  if (v === null) return { text: 'null', style: 'plain' };
  const k = v.type.kind;
  if (k === 'bool') return { text: v.v ? 'true' : 'false', style: 'plain' };
  if (isIntKind(k) || isUintKind(k)) return { text: (v.v as bigint).toString(), style: 'plain' };
  if (isFloatKind(k)) {
    const s = formatGoFloat(v.v as number, 'g', -1);
    return { text: s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s, style: 'plain' };
  }
  if (k !== 'string') throw new UnsupportedYaml(`a value of type ${v.type.name}`);
  const s = v.v as string;
  const resolved = resolvePlainScalar(s);
  const canUsePlain = resolved.kind === 'value' && resolved.value.type.kind === 'string' && !BASE60_FLOAT.test(s);
  if (s.includes('\n')) return { text: s, style: 'literal' };
  return { text: s, style: canUsePlain ? 'plain' : 'double' };
}

/** yaml.v2's keyList.Less over decoded keys. */
const REFLECT_KIND_ORDER: Record<string, number> = {
  bool: 1, int: 2, int8: 3, int16: 4, int32: 5, int64: 6, uint: 7, uint8: 8, uint16: 9, uint32: 10, uint64: 11,
  float32: 13, float64: 14, interface: 20, map: 21, pointer: 22, slice: 23, string: 24, struct: 25,
};

function keyFloat(v: GoValue): number | null {
  const k = v.type.kind;
  if (isIntKind(k) || isUintKind(k)) return Number(v.v as bigint);
  if (isFloatKind(k)) return v.v as number;
  if (k === 'bool') return v.v ? 1 : 0;
  return null;
}

function stringLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string): boolean => /^\p{L}$/u.test(c);
  const isDigit = (c: string | undefined): boolean => c !== undefined && /^\p{Nd}$/u.test(c);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          [an, bn] = [1n, 1n];
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai]!.codePointAt(0)! - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi]!.codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
  }
  return ar.length < br.length;
}

function keyLess(x: Val, y: Val): boolean {
  const a = indirect(x);
  const b = indirect(y);
  const av = a.isNil ? null : a.value;
  const bv = b.isNil ? null : b.value;
  const ak = av === null ? 20 : REFLECT_KIND_ORDER[av.type.kind]!;
  const bk = bv === null ? 20 : REFLECT_KIND_ORDER[bv.type.kind]!;
  const af = av === null ? null : keyFloat(av);
  const bf = bv === null ? null : keyFloat(bv);
  if (af !== null && bf !== null) {
    if (af !== bf) return af < bf;
    if (ak !== bk) return ak < bk;
    return (av!.v as number | bigint | boolean) < (bv!.v as number | bigint | boolean);
  }
  if (av === null || bv === null || av.type.kind !== 'string' || bv.type.kind !== 'string') return ak < bk;
  return stringLess(av.v as string, bv.v as string);
}

class Emitter {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;
  indent = -1;
  private readonly indents: number[] = [];

  put(s: string): void {
    this.out += s;
    this.column += [...s].length;
  }

  putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  node(value: Val, context: { sequence?: boolean; mapping?: boolean; simpleKey?: boolean }): void {
    const concrete = marshalled(value);
    if (concrete !== null && concrete.type.kind === 'map') return this.mapping(sortedEntries(concrete));
    if (concrete !== null && concrete.type.kind === 'struct') return this.mapping(structEntries(concrete));
    if (concrete !== null && concrete.type.kind === 'slice') return this.sequence(concrete, context.mapping === true);
    this.scalar(scalarEvent(concrete), context.simpleKey === true);
  }

  scalar(event: { text: string; style: Style }, simpleKey: boolean): void {
    const a = analyze(event.text);
    let style = event.style;
    if (simpleKey && a.multiline) style = 'double';
    if (style === 'plain') {
      if (!a.blockPlainAllowed) style = 'single';
      if (event.text === '' && simpleKey) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
    this.increaseIndent(true, false);
    const allowBreaks = !simpleKey;
    if (style === 'plain') this.plain(event.text, allowBreaks);
    else if (style === 'single') this.singleQuoted(event.text, allowBreaks);
    else if (style === 'double') this.doubleQuoted(event.text, allowBreaks);
    else this.literal(event.text);
    this.popIndent();
  }

  plain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    this.foldedText(value, allowBreaks, false);
    this.whitespace = false;
    this.indention = false;
  }

  singleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    this.foldedText(value, allowBreaks, true);
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  /** The body of a plain or single-quoted scalar: spaces may fold past the best width. */
  private foldedText(value: string, allowBreaks: boolean, quoted: boolean): void {
    const chars = [...value];
    let spaces = false;
    let breaks = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        const inside = !quoted || (i > 0 && i < chars.length - 1);
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && inside && chars[i + 1] !== ' ') this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreakChar(c)) {
        if (!breaks && c === '\n') this.putBreak();
        if (c === '\n') this.putBreak();
        else {
          this.put(c);
          this.column = 0;
        }
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (quoted && c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    });
  }

  doubleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const chars = [...value];
    const bytes = Buffer.byteLength(value);
    let offset = 0;
    let spaces = false;
    chars.forEach((c, i) => {
      const cp = c.codePointAt(0)!;
      if (!isPrintable(c) || cp === 0xfeff || isBreakChar(c) || c === '"' || c === '\\') {
        this.put(`\\${escapeFor(cp)}`);
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && offset > 0 && offset < bytes - 1) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.put('\\');
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
      offset += Buffer.byteLength(c);
    });
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  literal(value: string): void {
    this.writeIndicator('|', true, false, false);
    const chars = [...value];
    if (chars[0] === ' ' || isBreakChar(chars[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const last = chars[chars.length - 1];
    let chomp = '';
    if (value === '' || !isBreakChar(last)) chomp = '-';
    else if (chars.length === 1 || isBreakChar(chars[chars.length - 2])) chomp = '+';
    if (chomp !== '') this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreakChar(c)) {
        if (c === '\n') this.putBreak();
        else {
          this.put(c);
          this.column = 0;
        }
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }

  sequence(v: GoValue, mappingContext: boolean): void {
    const items = (v.v as GoValue[] | null) ?? [];
    if (items.length === 0) return this.emptyFlow('[', ']');
    this.increaseIndent(false, mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, { sequence: true });
    }
    this.popIndent();
  }

  mapping(entries: { key: Val; value: Val }[]): void {
    if (entries.length === 0) return this.emptyFlow('{', '}');
    this.increaseIndent(false, false);
    for (const entry of entries) {
      this.writeIndent();
      const concreteKey = marshalled(entry.key);
      if (concreteKey !== null && (concreteKey.type.kind === 'map' || concreteKey.type.kind === 'slice')) {
        throw new UnsupportedYaml('a mapping key that is a collection');
      }
      const event = scalarEvent(concreteKey);
      if (analyze(event.text).multiline || Buffer.byteLength(event.text) > 128) throw new UnsupportedYaml('a long or multi-line mapping key');
      this.scalar(event, true);
      this.writeIndicator(':', false, false, false);
      this.node(entry.value, { mapping: true });
    }
    this.popIndent();
  }

  emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.popIndent();
    this.writeIndicator(close, false, false, false);
  }
}

function escapeFor(cp: number): string {
  const simple: Record<number, string> = {
    0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
    0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
  };
  if (simple[cp] !== undefined) return simple[cp];
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `u${hex.padStart(4, '0')}`;
  return `U${hex.padStart(8, '0')}`;
}

/** What yaml.v2 marshals for a value: through pointers, interfaces and MarshalYAML methods; null for nil. */
function marshalled(value: Val): GoValue | null {
  const { value: v, isNil } = indirect(value);
  if (v === null || isNil) return null;
  if (v.type.marshalYaml !== undefined) {
    const replaced = v.type.marshalYaml(v);
    if (replaced === null) throw new UnsupportedYaml(`the MarshalYAML method of ${v.type.name}`);
    return marshalled(replaced);
  }
  if (v.type.stringer !== undefined) return { type: { kind: 'string', name: 'string' }, v: v.type.stringer(v) };
  return v;
}

function sortedEntries(v: GoValue): GoMapEntry[] {
  const entries = [...((v.v as GoMapEntry[] | null) ?? [])];
  return entries.sort((x, y) => (keyLess(x.key, y.key) ? -1 : keyLess(y.key, x.key) ? 1 : 0));
}

/** yaml.v2's isZero, for omitempty. */
function isZero(v: Val): boolean {
  if (v === null) return true;
  const k = v.type.kind;
  if (k === 'string') return v.v === '';
  if (k === 'interface' || k === 'pointer' || k === 'func') return v.v === null;
  if (k === 'slice' || k === 'map') return ((v.v as unknown[] | null) ?? []).length === 0;
  if (isIntKind(k) || isUintKind(k)) return v.v === 0n;
  if (isFloatKind(k)) return v.v === 0;
  if (k === 'bool') return v.v === false;
  return (v.v as GoValue[]).every((field, i) => !/^\p{Lu}/u.test(v.type.fields![i]!.name) || isZero(field));
}

/** A struct's fields in declaration order, named and skipped by their yaml tags. */
function structEntries(v: GoValue): { key: Val; value: Val }[] {
  const fields = v.type.fields ?? [];
  return (v.v as GoValue[]).flatMap((value, i) => {
    const field = fields[i]!;
    if (!/^\p{Lu}/u.test(field.name)) return [];
    const tag = field.yamlTag ?? '';
    if (tag === '-') return [];
    const [name, ...flags] = tag.split(',');
    if (flags.some((f) => f !== 'omitempty')) throw new UnsupportedYaml(`the yaml tag "${tag}" of ${v.type.name}.${field.name}`);
    if (flags.includes('omitempty') && isZero(value)) return [];
    return [{ key: { type: { kind: 'string', name: 'string' }, v: name || field.name.toLowerCase() }, value }];
  });
}

/** yaml.Marshal(v) as yaml.v2 writes it. */
export function marshalYamlV2(v: Val): string {
  const emitter = new Emitter();
  emitter.node(v, {});
  emitter.writeIndent();
  return emitter.out;
}
