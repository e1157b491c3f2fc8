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
export const SafeString = handlebars.SafeString;

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
  // Without a separator, Handlebars' options object takes its place: not a string, so ','.
  join: (list, separator) => (Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ',') : list),
  split: (text, separator) =>
    String(text ?? '')
      .split(typeof separator === 'string' ? separator : ',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  /** A double-quoted YAML scalar of the value's text. */
  quote: (value) => new SafeString(JSON.stringify(String(value ?? ''))),
  /** `{{swarm "Task.ID"}}` writes the Swarm placeholder `{{.Task.ID}}` literally. */
  swarm: (path) => new SafeString(`{{.${String(path).replace(/^\./, '')}}}`),
};

/** A custom helper as Handlebars calls it: the options object last, as the helpers above expect. */
function registered(helper: (...args: unknown[]) => unknown) {
  return function (this: unknown, ...args: unknown[]) {
    const options = args[args.length - 1] as Options;
    return helper(...args.slice(0, -1), options);
  };
}

for (const [name, helper] of Object.entries(helpers)) handlebars.registerHelper(name, registered(helper));

export const HELPER_NAMES = Object.keys(helpers);

/** A documented helper by name, as its section calls it: its values, then an options object. */
export function valueHelper(name: string): ((...args: unknown[]) => unknown) | undefined {
  return Object.hasOwn(helpers, name) ? helpers[name] : undefined;
}

/** Built-in helpers that other helpers call through the environment: `unless` calls `if`, a block over a list calls `each`. */
const ALWAYS_KEPT = new Set(['helperMissing', 'blockHelperMissing', 'each', 'if']);

/**
 * Every name a section's template could look a helper up by: each path's first part and each
 * string literal. More than the helpers it calls (`service` is a path too), never fewer.
 */
export function namesIn(ast: hbs.AST.Program): string[] {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const { type } = node as { type?: string };
    if (type === 'PathExpression') names.add(String((node as hbs.AST.PathExpression).parts[0] ?? ''));
    if (type === 'StringLiteral') names.add((node as hbs.AST.StringLiteral).value);
    for (const [key, child] of Object.entries(node)) if (key !== 'loc') walk(child);
  };
  walk(ast);
  return [...names].filter((name) => Object.hasOwn(handlebars.helpers, name)).sort();
}

const environments = new Map<string, typeof Handlebars>();

/**
 * An environment with only the helpers a section can name (see namesIn), and those the
 * built-in helpers need. Handlebars wraps every helper of the environment on each render,
 * a cost per pod and section that grows with the helpers registered; the section behaves
 * the same with the others absent, since it cannot name them.
 */
export function handlebarsWith(names: readonly string[]): typeof Handlebars {
  const key = names.join(',');
  let env = environments.get(key);
  if (env) return env;
  env = Handlebars.create();
  for (const name of Object.keys(env.helpers)) if (!ALWAYS_KEPT.has(name) && !names.includes(name)) env.unregisterHelper(name);
  for (const name of names) {
    const helper = valueHelper(name);
    if (helper) env.registerHelper(name, registered(helper));
  }
  environments.set(key, env);
  return env;
}
