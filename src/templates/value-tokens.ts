import Handlebars from 'handlebars';
import { isAlias, isMap, isScalar, isSeq, Scalar, visit, type Document } from 'yaml';
import type { FastReadOptions } from '../load/fast-read.js';
import { isMergeKey } from '../load/source-file.js';
import { setEntry } from '../model/compose-lists.js';

/**
 * Keeps values from changing the YAML structure of a rendered section.
 *
 * While a section renders, each `{{ }}` output is replaced by a token of private-use
 * characters; the YAML is parsed with the tokens in place, and only then are the values put
 * into the scalars that hold them. A value with a newline, `: ` or a quote therefore lands as
 * that literal string, and a scalar that is exactly one token keeps the value's type.
 *
 * Handlebars' compiled templates call the shared `Utils.escapeExpression`; it is wrapped
 * here so that outside a render it behaves exactly as before for any other user.
 */
/**
 * The two characters a token is made of: start, the value's index in decimal, end. The
 * default pair is U+E000 and U+E001. A value never lands in the text (a token stands for
 * it), but raw text does: the template's own text, `{{{ }}}`, and what `quote` or `toYaml`
 * write. When that text holds a token character, the section is rendered again with a pair
 * it does not hold (see tokensFreeIn), so no text is ever read as another value's token.
 */
export interface TokenSet {
  start: string;
  end: string;
  /** Every token, for replace. */
  any: RegExp;
  /** A text that is exactly one token. */
  whole: RegExp;
  /** A token, captured, for split. */
  parts: RegExp;
}

function tokenSet(start: string, end: string): TokenSet {
  const [s, e] = [start, end].map((c) => c.split('').map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''));
  return { start, end, any: new RegExp(`${s}(\\d+)${e}`, 'g'), whole: new RegExp(`^${s}(\\d+)${e}$`), parts: new RegExp(`${s}(\\d+)${e}`) };
}

const DEFAULT_TOKENS = tokenSet('\uE000', '\uE001');
let tokens = DEFAULT_TOKENS;

/** The pair renders and reads use now. */
export function currentTokens(): TokenSet {
  return tokens;
}

/** Whether renders use the default token pair (a plain section's precomputed text has it). */
export function usingDefaultTokens(): boolean {
  return tokens === DEFAULT_TOKENS;
}

/** Runs `fn` with renders and reads using `set`'s tokens. */
export function withTokens<T>(set: TokenSet, fn: () => T): T {
  const previous = tokens;
  tokens = set;
  try {
    return fn();
  } finally {
    tokens = previous;
  }
}

const PRIVATE_USE = /[\uE000-\uF8FF]|[\u{F0000}-\u{FFFFD}]/gu;

/** The private-use characters a pair may be taken from: the BMP's, then plane 15's. */
function* privateUseCharacters(): Generator<string> {
  for (let c = 0xe000; c <= 0xf8ff; c++) yield String.fromCharCode(c);
  for (let c = 0xf0000; c <= 0xffffd; c++) yield String.fromCodePoint(c);
}

/**
 * Whether a render's text holds the current pair's characters anywhere but in its tokens:
 * each value has one token in the text (Handlebars writes every output it makes), so a
 * count above the number of values is raw text holding them.
 */
export function tokensCollide(rendered: Rendered): boolean {
  return countOf(rendered.text, tokens.start) !== rendered.values.length || countOf(rendered.text, tokens.end) !== rendered.values.length;
}

function countOf(text: string, character: string): number {
  let count = 0;
  for (let at = text.indexOf(character); at !== -1; at = text.indexOf(character, at + character.length)) count++;
  return count;
}

export class NoFreeTokensError extends Error {
  constructor() {
    super('its text holds every private-use character, which value tokens are made of');
  }
}

/** A pair of private-use characters that `text` does not hold. */
export function tokensFreeIn(text: string): TokenSet {
  const used = new Set(text.match(PRIVATE_USE));
  const free: string[] = [];
  for (const character of privateUseCharacters()) {
    if (!used.has(character)) free.push(character);
    if (free.length === 2) return tokenSet(free[0], free[1]);
  }
  throw new NoFreeTokensError();
}

let activeValues: unknown[] | undefined;

/** The token standing for the value at `index`. */
export function valueToken(index: number): string {
  return `${tokens.start}${index}${tokens.end}`;
}

/** A rendered section: its text with value tokens, and the values they stand for. */
export interface Rendered {
  text: string;
  values: unknown[];
}

/**
 * What `toJson` returns: JSON text where it lands inside a string (a JSON config in a block
 * scalar), the value itself where it is a whole plain scalar (JSON is YAML). As a token it
 * keeps the section's text the same for every pod, so one parse serves them all.
 */
export class JsonValue {
  constructor(readonly value: unknown) {}

  toString(): string {
    return JSON.stringify(this.value ?? null);
  }
}

const htmlEscape = Handlebars.Utils.escapeExpression;
(Handlebars.Utils as { escapeExpression: (value: unknown) => string }).escapeExpression = (value: unknown) => {
  if (!activeValues) return htmlEscape(value as string);
  if (value instanceof Handlebars.SafeString) return value.toHTML();
  if (value === undefined || value === null) return '';
  return valueToken(activeValues.push(value) - 1);
};

/** Renders with value tokens; returns the text and the values its tokens stand for. */
export function renderWithTokens(render: () => string): Rendered {
  const values: unknown[] = [];
  // Handlebars writes to the console when a template touches a prototype property; that access
  // is denied (nothing renders), so the console text is only noise in a compiler's output.
  const { logger } = Handlebars as unknown as { logger: { log: (...args: unknown[]) => void } };
  const log = logger.log;
  logger.log = () => undefined;
  activeValues = values;
  try {
    return { text: render(), values };
  } finally {
    activeValues = undefined;
    logger.log = log;
  }
}

export class TokenValueError extends Error {
  /** `index`: the value's token, which places the error in the rendered text. */
  constructor(
    readonly value: unknown,
    readonly index: number,
  ) {
    super('a mapping cannot be written inside a longer string');
  }
}

function textOf(value: unknown, index: number): string {
  if (value instanceof JsonValue) return value.toString();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) throw new TokenValueError(value, index);
  return String(value);
}

/** The value a whole plain scalar takes: a copy, so pods never share objects. */
function wholeValue(value: unknown): unknown {
  const inner = value instanceof JsonValue ? value.value : value;
  return inner !== null && typeof inner === 'object' ? structuredClone(inner) : inner;
}

/**
 * The same text in V8's one-byte form when it has no character above U+00FF. Text cut from a
 * rendered section is stored two bytes a character, as the section is (its tokens are
 * private-use characters), and so is every label and output text built from it: a large
 * stack's output would take twice the memory it needs.
 */
function compactText(text: string): string {
  return LATIN1.test(text) ? Buffer.from(text, 'latin1').toString('latin1') : text;
}

const LATIN1 = /^[\u0000-\u00ff]*$/;

/**
 * A scalar's text with its tokens filled in, split at the tokens once: `a{0}b` → ['a', '0', 'b'],
 * the odd parts value indexes.
 */
function textFiller(text: string): Filler {
  const parts = text.split(tokens.parts).map(compactText);
  return (values) => {
    let result = parts[0];
    for (let i = 1; i < parts.length; i += 2) {
      const index = Number(parts[i]);
      result += textOf(values[index], index) + parts[i + 1];
    }
    return result;
  };
}

function substituteText(text: string, values: readonly unknown[], set: TokenSet): string {
  return text.includes(set.start) ? text.replace(set.any, (_, i: string) => textOf(values[Number(i)], Number(i))) : text;
}

/**
 * Puts the values back into a parsed section. A plain scalar that is exactly one token
 * becomes the value itself, with its type (a number, a list); a quoted or block scalar,
 * a key, or a longer text gets the value's text.
 */
export function substituteTokens(doc: Document, values: readonly unknown[], set: TokenSet = tokens): void {
  // Two passes: a node put in place is never visited again, so a value that itself holds
  // token-like characters is left as it is.
  const replacements = new Map<unknown, unknown>();
  visit(doc, {
    Scalar(key, node) {
      if (typeof node.value !== 'string' || !node.value.includes(set.start)) return;
      const whole = set.whole.exec(node.value);
      if (whole && key !== 'key' && node.type === Scalar.PLAIN) {
        replacements.set(node, doc.createNode(wholeValue(values[Number(whole[1])]), { aliasDuplicateObjects: false }));
      } else {
        node.value = substituteText(node.value, values, set);
      }
    },
  });
  if (replacements.size === 0) return;
  visit(doc, {
    Scalar(_, node) {
      return replacements.get(node) as ReturnType<typeof doc.createNode> | undefined;
    },
  });
}

/** A parsed section turned into a function of its values: parse once, fill in for every pod. */
export type Filler = (values: readonly unknown[]) => unknown;

const constant =
  (value: unknown): Filler =>
  () =>
    value;

/** A scalar's text, with its tokens filled in when it has any. */
function scalarTextFiller(text: string): Filler {
  return text.includes(tokens.start) ? textFiller(text) : constant(compactText(text));
}

/** A whole plain scalar that is one token: the value itself, with its type. */
const wholeTokenFiller =
  (index: number): Filler =>
  (values) =>
    wholeValue(values[index]);

/**
 * A mapping's keys are fixed texts or fillers of texts with tokens. A `__proto__` key is an own
 * property, as the yaml package makes it, not the object's prototype.
 */
function mapFiller(entries: [string | Filler, Filler][]): Filler {
  return (values) => {
    const result: Record<string, unknown> = {};
    for (const [key, value] of entries) setEntry(result, typeof key === 'string' ? key : String(key(values) ?? ''), value(values));
    return result;
  };
}

function seqFiller(items: Filler[]): Filler {
  return (values) => items.map((fill) => fill(values));
}

/**
 * The same result as substituteTokens followed by toJS, as a function built once per parsed
 * section; undefined for a section that uses anchors, aliases, merge keys or tags, which the
 * caller substitutes the slow way.
 */
export function compileFiller(doc: Document): Filler | undefined {
  const build = (node: unknown, isKey = false): Filler | undefined => {
    if (node === null || node === undefined) return constant(null);
    if (isAlias(node) || ((isScalar(node) || isMap(node) || isSeq(node)) && (node.anchor || node.tag))) return undefined;
    if (isScalar(node)) {
      const value = node.value;
      if (typeof value !== 'string') return constant(value);
      const whole = tokens.whole.exec(value);
      return whole && !isKey && node.type === Scalar.PLAIN ? wholeTokenFiller(Number(whole[1])) : scalarTextFiller(value);
    }
    if (isMap(node)) {
      const entries: [string | Filler, Filler][] = [];
      for (const pair of node.items) {
        if (isMergeKey(pair.key)) return undefined;
        const key = build(pair.key, true);
        const value = build(pair.value);
        if (!key || !value) return undefined;
        const fixedKey = isScalar(pair.key) && !String(pair.key.value).includes(tokens.start);
        entries.push([fixedKey ? String(key([]) ?? '') : key, value]);
      }
      return mapFiller(entries);
    }
    if (isSeq(node)) {
      const items: Filler[] = [];
      for (const item of node.items) {
        const fill = build(item);
        if (!fill) return undefined;
        items.push(fill);
      }
      return seqFiller(items);
    }
    return undefined;
  };
  return build(doc.contents);
}

/** What the fast reader gives for a plain scalar that is exactly one token (see tokenReadOptions). */
class WholeToken {
  constructor(readonly index: number) {}
}

/**
 * Fast reader options that mark whole plain-scalar tokens, which keep their value's type, and
 * keep keys one byte a character (a rendered section is two bytes a character: its tokens).
 */
export const tokenReadOptions: FastReadOptions = {
  plainValue: (source) => {
    const whole = tokens.whole.exec(source);
    return whole ? new WholeToken(Number(whole[1])) : undefined;
  },
  keyText: compactText,
};

/** A key JS orders before all others in an object, whatever order it was written in. */
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

/**
 * The filler of a section the fast reader read with tokenReadOptions: the same function
 * compileFiller makes from its document (the fast reader takes no anchors, aliases, tags or
 * merge keys). Undefined for a mapping with an index-like key and a key with tokens, where
 * only the document keeps the written order that decides which of two equal keys wins.
 */
export function valueFiller(value: unknown): Filler | undefined {
  if (value instanceof WholeToken) return wholeTokenFiller(value.index);
  if (typeof value === 'string') return scalarTextFiller(value);
  const children = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? Object.values(value) : undefined;
  if (!children) return constant(value);
  const fillers: Filler[] = [];
  for (const child of children) {
    const filler = valueFiller(child);
    if (!filler) return undefined;
    fillers.push(filler);
  }
  if (Array.isArray(value)) return seqFiller(fillers);
  const keys = Object.keys(value as object);
  if (keys.some((key) => key.includes(tokens.start)) && keys.some((key) => INDEX_KEY.test(key))) return undefined;
  return mapFiller(keys.map((key, i) => [key.includes(tokens.start) ? textFiller(key) : compactText(key), fillers[i]]));
}
