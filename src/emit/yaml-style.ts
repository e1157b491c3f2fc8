import { isScalar, parse, Scalar, visit, type Node } from 'yaml';

/**
 * Strings that YAML 1.1 readers may take for something else: `25:25` is a base-60 number to
 * them, `no` a boolean. Docker's docs quote port mappings for that reason; so does fresh
 * output, for every `number:number` string (ports, `user: 1000:1000`) and those words.
 */
export const AMBIGUOUS_IN_YAML_1_1 = /^[\d.]*\d:\d[\d:\-/a-z]*$|^(y|Y|n|N|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;

export function quoteAmbiguousStrings(node: Node): void {
  visit(node, {
    Scalar(key, scalar) {
      if (key !== 'key' && typeof scalar.value === 'string' && AMBIGUOUS_IN_YAML_1_1.test(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
    },
  });
}

/** Scalars whose key starts with `pod.` (the controller's pod labels) become `|` block literals. */
export function markPodLabels(node: Node): void {
  visit(node, {
    Pair(_, pair) {
      if (isScalar(pair.key) && String(pair.key.value).startsWith('pod.') && isScalar(pair.value) && typeof pair.value.value === 'string') {
        pair.value.type = Scalar.BLOCK_LITERAL;
      }
    },
  });
}

/** Characters and layouts the yaml package may not write back exactly in plain or block style. */
export const RISKY_STRING = /[\r\u0085\u2028\u2029\t]|[ ]\n|[ ]$|^[ ]/;

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
  if (typeof value === 'string' && RISKY_STRING.test(value)) node.type = Scalar.QUOTE_DOUBLE;
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
