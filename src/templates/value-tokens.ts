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
const TOKEN_START = '\uE000';
const TOKEN_END = '\uE001';
const TOKEN = /\uE000(\d+)\uE001/g;
const WHOLE_TOKEN = /^\uE000(\d+)\uE001$/;
const TOKEN_PARTS = /\uE000(\d+)\uE001/;

let activeValues: unknown[] | undefined;

/** The token standing for the value at `index`. */
export function valueToken(index: number): string {
  return `${TOKEN_START}${index}${TOKEN_END}`;
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
  const parts = text.split(TOKEN_PARTS).map(compactText);
  return (values) => {
    let result = parts[0];
    for (let i = 1; i < parts.length; i += 2) {
      const index = Number(parts[i]);
      result += textOf(values[index], index) + parts[i + 1];
    }
    return result;
  };
}

function substituteText(text: string, values: readonly unknown[]): string {
  return text.includes(TOKEN_START) ? text.replace(TOKEN, (_, i: string) => textOf(values[Number(i)], Number(i))) : text;
}

/**
 * Puts the values back into a parsed section. A plain scalar that is exactly one token
 * becomes the value itself, with its type (a number, a list); a quoted or block scalar,
 * a key, or a longer text gets the value's text.
 */
export function substituteTokens(doc: Document, values: readonly unknown[]): void {
  // Two passes: a node put in place is never visited again, so a value that itself holds
  // token-like characters is left as it is.
  const replacements = new Map<unknown, unknown>();
  visit(doc, {
    Scalar(key, node) {
      if (typeof node.value !== 'string' || !node.value.includes(TOKEN_START)) return;
      const whole = WHOLE_TOKEN.exec(node.value);
      if (whole && key !== 'key' && node.type === Scalar.PLAIN) {
        replacements.set(node, doc.createNode(wholeValue(values[Number(whole[1])]), { aliasDuplicateObjects: false }));
      } else {
        node.value = substituteText(node.value, values);
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
  return text.includes(TOKEN_START) ? textFiller(text) : constant(compactText(text));
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
      const whole = WHOLE_TOKEN.exec(value);
      return whole && !isKey && node.type === Scalar.PLAIN ? wholeTokenFiller(Number(whole[1])) : scalarTextFiller(value);
    }
    if (isMap(node)) {
      const entries: [string | Filler, Filler][] = [];
      for (const pair of node.items) {
        if (isMergeKey(pair.key)) return undefined;
        const key = build(pair.key, true);
        const value = build(pair.value);
        if (!key || !value) return undefined;
        const fixedKey = isScalar(pair.key) && !String(pair.key.value).includes(TOKEN_START);
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
    const whole = WHOLE_TOKEN.exec(source);
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
  if (keys.some((key) => key.includes(TOKEN_START)) && keys.some((key) => INDEX_KEY.test(key))) return undefined;
  return mapFiller(keys.map((key, i) => [key.includes(TOKEN_START) ? textFiller(key) : compactText(key), fillers[i]]));
}
