import { isScalar, parse, Scalar, visit, type Node } from 'yaml';
import { bracedDefaults, deployVariableIn } from '../model/deploy-variables.js';
import { GO_YAML_UNSAFE, hasTabStartedLine, readsOtherwiseInYaml11 } from './go-yaml-readings.js';

/**
 * Characters that make the yaml package write a string double-quoted whatever its style (C0 and
 * C1 controls, DEL, surrogates), and those a Go YAML reader breaks lines at or refuses raw.
 */
export const FORCES_DOUBLE_QUOTES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufffe\uffff]/;

/**
 * A one-line string holding a deploy-time variable, inside text docker interpolates before a second
 * reader parses it (a `pod.*` label): single-quoted, the filled-in value stays one string unless it
 * holds a `'` or a line break.
 */
export function quotedForInterpolation(text: string): boolean {
  return text.includes('$') && !text.includes('\n') && !text.includes('\r') && !FORCES_DOUBLE_QUOTES.test(text) && deployVariableIn(text) !== undefined;
}

/**
 * A mapping key inside text docker interpolates: docker never fills in a key of the stack itself,
 * so its `$` are escaped to reach Podlike as written.
 */
export function keyForInterpolation(key: string): string {
  return key.includes('$') ? key.replaceAll('$', '$$$$') : key;
}

/**
 * Quotes the strings, keys and values alike, that a Go YAML reader would read otherwise (YAML 1.1
 * words and numbers, characters it breaks lines at). With `interpolated` (a `pod.*` label's text),
 * escapes the `$` of keys (keyForInterpolation), braces unbraced defaults (bracedDefaults) and
 * single-quotes the values holding a deploy-time variable (quotedForInterpolation).
 */
export function quoteAmbiguousStrings(node: Node, interpolated = false): void {
  visit(node, {
    Scalar(role, scalar) {
      if (typeof scalar.value !== 'string') return;
      const text = !interpolated ? scalar.value : role === 'key' ? keyForInterpolation(scalar.value) : bracedDefaults(scalar.value);
      scalar.value = text;
      if (GO_YAML_UNSAFE.test(text) || readsOtherwiseInYaml11(text) || hasTabStartedLine(text)) scalar.type = Scalar.QUOTE_DOUBLE;
      else if (interpolated && role !== 'key' && quotedForInterpolation(text)) scalar.type = Scalar.QUOTE_SINGLE;
    },
  });
}

/** Scalars whose key starts with `pod.` (the controller's pod labels) become `|` block literals. */
export function markPodLabels(node: Node): void {
  visit(node, {
    Pair(_, pair) {
      if (isScalar(pair.key) && String(pair.key.value).startsWith('pod.') && isScalar(pair.value) && typeof pair.value.value === 'string' && !GO_YAML_UNSAFE.test(pair.value.value) && !hasTabStartedLine(pair.value.value)) {
        pair.value.type = Scalar.BLOCK_LITERAL;
      }
    },
  });
}

/** Characters and layouts the yaml package may not write back exactly in plain or block style. */
export const RISKY_STRING = /[\r\t\x7f-\x9f\u2028\u2029\ufffe\uffff]|[ ]\n|[ ]$|^[ ]/;

/**
 * Gives a scalar node a new value. Its tag, source text and number format were the old value's (`!!str` on a new number), and
 * aliases of its anchor stood for the old value (the emitter inlines aliases left without an
 * anchor); its style stays unless it may not hold the new text exactly (spaces alone in a `|`
 * block), which double quotes hold.
 */
export function setScalarValue(node: Scalar, value: unknown): void {
  node.value = value;
  node.tag = undefined;
  node.anchor = undefined;
  // The old value's text and number format: the yaml package writes a null as its source (`""`'s is
  // empty, which a flow list cannot hold), and a new 3 over 1.50, 0x1F or 1e3 as 3.00, 0x3 or 3e+0.
  delete node.source;
  delete node.format;
  delete node.minFractionDigits;
  if (typeof value !== 'string') return;
  const plain = node.type === undefined || node.type === Scalar.PLAIN;
  if (RISKY_STRING.test(value) || (plain && readsOtherwiseInYaml11(value))) node.type = Scalar.QUOTE_DOUBLE;
}

/** Whether a plain JSON value holds a risky string, as a key or a value. */
export function hasRiskyString(value: unknown): boolean {
  if (typeof value === 'string') return RISKY_STRING.test(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (hasRiskyString(value[i])) return true;
    return false;
  }
  for (const key of Object.keys(value)) {
    if (RISKY_STRING.test(key) || hasRiskyString((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

function readsBackAs(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}

/** Options that write every string double-quoted, JSON style: exact for any text. */
export const EXACT_STRINGS = { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', blockQuote: false, doubleQuotedAsJSON: true } as const;

/**
 * YAML text of a value that reads back as the same value. The readable rendering is used
 * unless the value holds a string the yaml package may write inexactly (a trailing space
 * before a newline, a CR, U+2028 ...) and reading it back shows a difference; then every
 * string is written double-quoted.
 */
export function exactText(value: unknown, render: (exact: boolean) => string): string {
  const text = render(false);
  if (!hasRiskyString(value) || readsBackAs(text, value)) return text;
  return render(true);
}
