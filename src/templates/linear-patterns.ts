import { createRequire } from 'node:module';
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types/index.js';

/**
 * How the `pattern`s of an args schema compiled at run time (a user's template) match a value.
 *
 * JavaScript's regular expressions backtrack: a pattern with a quantifier over a group whose
 * parts can match the same text, such as `^(\w+\s?)*$`, takes exponential time on a value that
 * almost matches (3 s at 26 characters, twice that for each one more), and nothing can stop a
 * match once it runs. RE2 (re2js, in plain JavaScript) matches in time linear in the value, and
 * reads the same syntax for what such patterns are made of.
 *
 * A pattern RE2 cannot read (a lookahead, a back-reference, `\u0041`) keeps V8's engine. A
 * value is given to RE2 only when it is printable ASCII, tabs and line feeds: there the two
 * engines agree on every construct RE2 reads (`\s`, `.` and `\w` differ only on other
 * characters: `\v`, `\r`, U+2028, non-breaking spaces, astral characters). Any other value
 * takes V8's engine, as before.
 */

type Re2 = { test(input: string): boolean };
type Re2Module = { RE2JS: { compile(pattern: string): Re2 } };

let re2js: Re2Module | undefined;

/** Loaded on the first pattern: a run whose templates have none never reads it. */
function loadRe2(): Re2Module {
  return (re2js ??= createRequire(import.meta.url)('re2js') as Re2Module);
}

const RE2_SAFE_TEXT = /^[\t\n\x20-\x7e]*$/;

/** A pattern that matches in linear time where RE2 can read it, with V8's engine otherwise. */
export function linearPattern(pattern: string, flags: string): RegExpLike {
  // V8 compiles it first, as ajv would: its syntax rules (the u flag's) decide what is valid.
  const native = new RegExp(pattern, flags);
  let linear: Re2;
  try {
    linear = loadRe2().RE2JS.compile(pattern);
  } catch {
    return native;
  }
  return { test: (text: string) => (RE2_SAFE_TEXT.test(text) ? linear.test(text) : native.test(text)) };
}

/** ajv's `code.regExp` option: `code` names the engine in standalone code, which these validators never become. */
export const LINEAR_PATTERNS: RegExpEngine = Object.assign(linearPattern, { code: 'linearPattern' });
