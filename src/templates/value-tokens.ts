import Handlebars from 'handlebars';
import { Scalar, visit, type Document } from 'yaml';

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

let activeValues: unknown[] | undefined;

const htmlEscape = Handlebars.Utils.escapeExpression;
(Handlebars.Utils as { escapeExpression: (value: unknown) => string }).escapeExpression = (value: unknown) => {
  if (!activeValues) return htmlEscape(value as string);
  if (value instanceof Handlebars.SafeString) return value.toHTML();
  if (value === undefined || value === null) return '';
  activeValues.push(value);
  return `${TOKEN_START}${activeValues.length - 1}${TOKEN_END}`;
};

/** Renders with value tokens; returns the text and the values its tokens stand for. */
export function renderWithTokens(render: () => string): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  activeValues = values;
  try {
    return { text: render(), values };
  } finally {
    activeValues = undefined;
  }
}

export class TokenValueError extends Error {
  constructor(readonly value: unknown) {
    super('a mapping cannot be written inside a longer string');
  }
}

function textOf(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) throw new TokenValueError(value);
  return String(value);
}

function substituteText(text: string, values: readonly unknown[]): string {
  return text.includes(TOKEN_START) ? text.replace(TOKEN, (_, i: string) => textOf(values[Number(i)])) : text;
}

/**
 * Puts the values back into a parsed section. A plain scalar that is exactly one token
 * becomes the value itself, with its type (a number, a list); a quoted or block scalar,
 * a key, or a longer text gets the value's text.
 */
export function substituteTokens(doc: Document, values: readonly unknown[]): void {
  visit(doc, {
      Scalar(key, node) {
        if (typeof node.value !== 'string' || !node.value.includes(TOKEN_START)) return undefined;
        const whole = WHOLE_TOKEN.exec(node.value);
        if (whole && key !== 'key' && node.type === Scalar.PLAIN) {
          return doc.createNode(structuredClone(values[Number(whole[1])]), { aliasDuplicateObjects: false });
        }
        node.value = substituteText(node.value, values);
        return undefined;
      },
  });
}
