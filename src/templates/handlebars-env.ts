import Handlebars from 'handlebars';
import { stringify } from 'yaml';
import { indentLines } from '../model/compose-lists.js';
import { JsonValue } from './value-tokens.js';

/**
 * The Handlebars environment templates are compiled in: the documented helpers and,
 * while a section renders, `{{ }}` output turned into value tokens (see value-tokens.ts)
 * instead of HTML-escaped text.
 */
export const handlebars = Handlebars.create();

type Options = Handlebars.HelperOptions;
const SafeString = handlebars.SafeString;

/** Block helpers get an options object last; the value helpers ignore it. */
function valuesOf(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}

function isRaw(value: unknown): value is Handlebars.SafeString {
  return value instanceof SafeString;
}

const helpers: Record<string, (...args: unknown[]) => unknown> = {
  /** Raw YAML text of a value, block style: an explicit choice to insert structure. */
  toYaml: (value) => new SafeString(stringify(value ?? null, { lineWidth: 0 }).trimEnd()),
  /** JSON text of a value: valid YAML in flow context, and a string stays one quoted scalar. */
  toJson: (value) => new JsonValue(value),
  /** Indents every line by `width` spaces; raw text stays raw, a plain value stays a value. */
  indent: (width, text) => {
    const pad = ' '.repeat(Number(width));
    const indented = indentLines(String(text ?? ''), pad);
    return isRaw(text) ? new SafeString(indented) : indented;
  },
  default: (value, fallback) => (value === undefined || value === null || value === '' ? fallback : value),
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  and: (...args) => valuesOf(args).every(Boolean),
  or: (...args) => valuesOf(args).some(Boolean),
  not: (value) => !value,
  join: (list, separator, options) =>
    Array.isArray(list) ? list.join(options === undefined || typeof separator !== 'string' ? ',' : separator) : list,
  split: (text, separator, options) =>
    String(text ?? '')
      .split(options === undefined || typeof separator !== 'string' ? ',' : separator)
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  /** A double-quoted YAML scalar of the value's text. */
  quote: (value) => new SafeString(JSON.stringify(String(value ?? ''))),
  /** `{{swarm "Task.ID"}}` writes the Swarm placeholder `{{.Task.ID}}` literally. */
  swarm: (path) => new SafeString(`{{.${String(path).replace(/^\./, '')}}}`),
};

for (const [name, helper] of Object.entries(helpers)) {
  handlebars.registerHelper(name, function (this: unknown, ...args: unknown[]) {
    const options = args[args.length - 1] as Options;
    return helper(...args.slice(0, -1), options);
  });
}

export const HELPER_NAMES = Object.keys(helpers);
