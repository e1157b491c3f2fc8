import Handlebars from 'handlebars';
import { stringify } from 'yaml';
import { indentLines } from '../model/compose-lists.js';
import { recordYamlInsertion } from './yaml-insertions.js';
import { atCall, HelperError, TemplateFailure, type CallPlace } from './helper-error.js';
import { spendBlockSteps, spendHelperText } from './render-budget.js';
import { JsonValue } from './value-tokens.js';
import { contains, printf, replace, startsWith } from './go-string-helpers.js';
import { servicePorts } from '../model/service-ports.js';

/**
 * The Handlebars environment templates are compiled in: the documented helpers and,
 * while a section renders, `{{ }}` output turned into value tokens (see value-tokens.ts)
 * instead of HTML-escaped text.
 */
export const handlebars = Handlebars.create();

/** Handlebars' options object as a helper gets it (its typings leave out loc and lookupProperty; fn is there only in a block). */
interface Options {
  fn?: unknown;
  hash?: Record<string, unknown>;
  loc?: { start: CallPlace };
  lookupProperty: (value: unknown, field: string) => unknown;
}
export const SafeString = handlebars.SafeString;

/** Block helpers get an options object last; the value helpers ignore it. */
function valuesOf(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}

function isRaw(value: unknown): value is Handlebars.SafeString {
  return value instanceof SafeString;
}

/** A helper and how many values it takes before the options object Handlebars passes last. */
export interface ValueHelper {
  fn: (...args: unknown[]) => unknown;
  min: number;
  max: number;
}

const takes = (min: number, max: number, fn: ValueHelper['fn']): ValueHelper => ({ fn, min, max });

/** The widest `indent`: more is a mistake (or a way to make the output huge). */
const MAX_INDENT = 100;

function indentWidth(width: unknown): number {
  const n = typeof width === 'number' ? width : typeof width === 'string' && /^\s*\d+\s*$/.test(width) ? Number(width) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > MAX_INDENT) {
    throw new HelperError(`helper "indent": the width must be a whole number from 0 to ${MAX_INDENT}, not ${JSON.stringify(width) ?? String(width)}`);
  }
  return n;
}

const documentedHelpers: Record<string, ValueHelper> = {
  /** Raw YAML text of a value, block style: an explicit choice to insert structure. */
  toYaml: takes(1, 1, (value) => {
    const text = stringify(value ?? null, { lineWidth: 0 }).trimEnd();
    recordYamlInsertion(text);
    return new SafeString(text);
  }),
  /** JSON text of a value: valid YAML in flow context, and a string stays one quoted scalar. */
  toJson: takes(1, 1, (value) => new JsonValue(value)),
  /** Indents every line by `width` spaces; raw text stays raw, a plain value stays a value. */
  indent: takes(2, 2, (width, text) => {
    const indented = indentLines(String(text ?? ''), ' '.repeat(indentWidth(width)));
    return isRaw(text) ? new SafeString(indented) : indented;
  }),
  default: takes(2, 2, (value, fallback) => (value === undefined || value === null || value === '' ? fallback : value)),
  eq: takes(2, 2, (a, b) => a === b),
  ne: takes(2, 2, (a, b) => a !== b),
  and: takes(2, Infinity, (...args) => valuesOf(args).every(Boolean)),
  or: takes(2, Infinity, (...args) => valuesOf(args).some(Boolean)),
  not: takes(1, 1, (value) => !value),
  // Without a separator, Handlebars' options object takes its place: not a string, so ','.
  join: takes(1, 2, (list, separator) => (Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ',') : list)),
  split: takes(1, 2, (text, separator) =>
    String(text ?? '')
      .split(typeof separator === 'string' ? separator : ',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  ),
  /** A double-quoted YAML scalar of the value's text. */
  quote: takes(1, 1, (value) => new SafeString(JSON.stringify(String(value ?? '')))),
  /** `{{fail "port and listen must differ"}}` stops the compile with that message (inside an `if`: a check across args). */
  fail: takes(1, 1, (message) => {
    throw new TemplateFailure(String(message));
  }),
  startsWith: takes(2, 2, startsWith),
  contains: takes(2, 2, contains),
  replace: takes(4, 4, replace),
  /** Go's printf for %s, %d, %v and %% (go-string-helpers.ts); its text is raw, as in Go: the format is the author's. */
  printf: takes(1, Infinity, (format, ...rest) => new SafeString(printf(format, ...valuesOf(rest)))),
  /** The service's ports in docker's long form (mode, target, published, protocol), one for each port of a range. */
  servicePorts: takes(1, 1, (ports) => servicePorts(ports)),
  /** `{{swarm "Task.ID"}}` writes the Swarm placeholder `{{.Task.ID}}` literally. */
  swarm: takes(1, 1, (path) => {
    if (typeof path !== 'string') throw new HelperError(`helper "swarm" takes a placeholder's path as text, such as "Task.ID", not ${JSON.stringify(path) ?? String(path)}`);
    return new SafeString(`{{.${path.replace(/^\./, '')}}}`);
  }),
};

/**
 * The helpers whose text can outgrow their values' (quote escapes, indent widens, toYaml quotes
 * and escapes, join joins): the others return a value they were given, a part of one, or true
 * or false.
 */
const TEXT_HELPERS = new Set(['toYaml', 'indent', 'quote', 'join', 'replace', 'printf']);

/** The documented helpers, with the text a text helper returns counted against its render's budget. */
const helpers: Record<string, ValueHelper> = Object.fromEntries(
  Object.entries(documentedHelpers).map(([name, helper]) => [
    name,
    TEXT_HELPERS.has(name) ? { ...helper, fn: (...args: unknown[]) => spendHelperText(name, helper.fn(...args)) } : helper,
  ]),
);

/** Handlebars' own `lookup`, with its count of values checked like the documented helpers'. */
const LOOKUP = takes(2, 2, (value, field, options) => (value ? (options as Options).lookupProperty(value, field as string) : value));

function valueCount({ min, max }: ValueHelper): string {
  if (min === max) return `${min} value${min === 1 ? '' : 's'}`;
  return max === Infinity ? `${min} or more values` : `${min} or ${max} values`;
}

/**
 * A helper as Handlebars calls it, refusing a call Handlebars would let through with its
 * options object in place of a missing value (`{{toJson}}` would write the whole context).
 */
function registered(name: string, helper: ValueHelper) {
  return function (this: unknown, ...args: unknown[]) {
    const options = args[args.length - 1] as Options;
    const at = options.loc?.start;
    const misuse = helperMisuse(name, helper, { values: args.length - 1, block: options.fn !== undefined, named: Object.keys(options.hash ?? {}) });
    if (misuse) throw new HelperError(misuse, at);
    try {
      return helper.fn(...args);
    } catch (e) {
      throw atCall(e, at);
    }
  };
}

/** How a call is made: how many values, as a block or not, which named values. */
export interface HelperUse {
  values: number;
  block: boolean;
  named: readonly string[];
}

/** What is wrong with calling `name` this way, or undefined: the same message when the template loads and when it renders. */
export function helperMisuse(name: string, helper: ValueHelper, use: HelperUse): string | undefined {
  if (use.values < helper.min || use.values > helper.max) return `helper "${name}" takes ${valueCount(helper)}, not ${use.values}`;
  if (use.block) return `helper "${name}" is not a block: write {{${name} ...}}, not {{#${name} ...}}`;
  if (use.named.length > 0) return `helper "${name}" takes no named values (${use.named.map((key) => `${key}=`).join(', ')})`;
  return undefined;
}

/** Handlebars' `log` would write to stdout, where the output stack goes. */
export const LOG_REFUSED = 'helper "log" is not available: a template writes nothing but its sections';

function refuseLog(options: Options): never {
  throw new HelperError(LOG_REFUSED, options.loc?.start);
}

/** How many times `each` renders its body for a value: once a list item or mapping key. */
function iterations(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return value !== null && typeof value === 'object' ? Object.keys(value).length : 0;
}

/**
 * A built-in block helper that counts its steps against the section's budget before it runs:
 * one for the block, and one an iteration for `each` (which a block over a list calls).
 */
function budgeted(name: string, helper: Handlebars.HelperDelegate): Handlebars.HelperDelegate {
  const iterates = name === 'each';
  // A block over a list is counted by the `each` it hands the list to.
  const handsListsToEach = name === 'blockHelperMissing';
  return function (this: unknown, value: unknown, options: Options) {
    if (!(handsListsToEach && Array.isArray(value))) spendBlockSteps(1 + (iterates ? iterations(value) : 0), options.loc?.start);
    return (helper as (value: unknown, options: Options) => unknown).call(this, value, options);
  };
}

const BLOCK_HELPERS = ['each', 'if', 'with', 'blockHelperMissing'];

/** Our helpers and Handlebars' lookup, checked; Handlebars' log refused; block steps counted. */
function registerHelpers(env: typeof Handlebars, names: readonly string[]): void {
  env.registerHelper('log', (...args: unknown[]) => refuseLog(args[args.length - 1] as Options));
  for (const name of BLOCK_HELPERS) if (env.helpers[name]) env.registerHelper(name, budgeted(name, env.helpers[name]));
  for (const name of names) {
    const helper = valueHelper(name);
    if (helper) env.registerHelper(name, registered(name, helper));
  }
}

export const HELPER_NAMES = Object.keys(helpers);
registerHelpers(handlebars, [...HELPER_NAMES, 'lookup']);

/** A helper a plain section can call, by name (the documented ones and `lookup`): its function and how many values it takes. */
export function valueHelper(name: string): ValueHelper | undefined {
  return name === 'lookup' ? LOOKUP : Object.hasOwn(helpers, name) ? helpers[name] : undefined;
}

/** Built-in helpers that other helpers call through the environment: `unless` calls `if`, a block over a list calls `each`. */
const ALWAYS_KEPT = new Set(['helperMissing', 'blockHelperMissing', 'each', 'if']);

/**
 * Every name a section's template could look a helper up by: each path's first part and each
 * string literal. More than the helpers it calls (`service` is a path too), never fewer.
 */
export function namesIn(ast: hbs.AST.Program): string[] {
  const names = new Set<string>();
  for (const { type, node } of syntaxNodes(ast)) {
    if (type === 'PathExpression') names.add(String((node as hbs.AST.PathExpression).parts[0] ?? ''));
    if (type === 'StringLiteral') names.add((node as hbs.AST.StringLiteral).value);
  }
  return [...names].filter((name) => Object.hasOwn(handlebars.helpers, name)).sort();
}

/** Every node of a section's syntax tree, with its type, in document order. */
export function syntaxNodes(ast: hbs.AST.Program): { type: string; node: unknown }[] {
  const nodes: { type: string; node: unknown }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const { type } = node as { type?: string };
    if (type) nodes.push({ type, node });
    for (const [key, child] of Object.entries(node)) if (key !== 'loc') walk(child);
  };
  walk(ast);
  return nodes;
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
  registerHelpers(env, names);
  environments.set(key, env);
  return env;
}
