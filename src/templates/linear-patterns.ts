import { createRequire } from 'node:module';
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types/index.js';

/**
 * How the `pattern`s of an args schema compiled at run time (a user's template) match a value.
 *
 * JavaScript's regular expressions backtrack: a pattern with a quantifier over a group whose
 * parts can match the same text, such as `^(\w+\s?)*$`, takes exponential time on a value that
 * almost matches, and nothing can stop a match once it runs. Every value is therefore matched
 * by RE2 (re2js, in plain JavaScript), in time linear in the value, whatever characters it holds.
 *
 * The dialect is RE2's, read so that it means what JSON Schema's ECMA-262 (with the u flag)
 * means: V8 must accept the pattern too, and the constructs whose meaning differs are written
 * for RE2 in their ECMA sense (see toRe2). A pattern RE2 cannot read (a lookaround, a
 * back-reference, a repeat over 1000) is refused when the template loads (schema-patterns.ts).
 */

type Re2 = { test(input: string): boolean };
type Re2Module = { RE2JS: { compile(pattern: string): Re2 } };

let re2js: Re2Module | undefined;

/** Loaded on the first pattern: a run whose templates have none never reads it. */
function loadRe2(): Re2Module {
  return (re2js ??= createRequire(import.meta.url)('re2js') as Re2Module);
}

/** ECMA-262's white space and line terminators: what its `\s` matches (RE2's is ASCII only). */
const WHITE_SPACE = '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
/** Every other code point: ECMA's `\S`, as ranges that can stand inside a character class. */
const NOT_WHITE_SPACE =
  '\\x{0}-\\x{8}\\x{E}-\\x{1F}\\x{21}-\\x{9F}\\x{A1}-\\x{167F}\\x{1681}-\\x{1FFF}\\x{200B}-\\x{2027}\\x{202A}-\\x{202E}\\x{2030}-\\x{205E}\\x{2060}-\\x{2FFF}\\x{3001}-\\x{FEFE}\\x{FF00}-\\x{10FFFF}';
/** ECMA's `.` without the s flag: anything but a line terminator (RE2's stops only at \n). */
const ANY_BUT_LINE_END = '[^\\n\\r\\x{2028}\\x{2029}]';
const EVERYTHING = '\\x{0}-\\x{10FFFF}';

/**
 * An ECMA-262 pattern (one V8 accepts with the u flag) in RE2's syntax with the same meaning:
 * `\s`, `\S` and `.` as ECMA reads them on any character; `\uXXXX`, `\u{X}` and `\0` as RE2's
 * `\x{X}`; `[]` (nothing) and `[^]` (anything); a `[` inside a class a literal bracket (RE2
 * would read `[:alpha:]` there). `\w`, `\d` and `\b` are ASCII in both. What RE2 cannot read
 * is left for its compile to refuse.
 */
export function toRe2(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const [text, length] = escapeForRe2(pattern, i, inClass);
      out += text;
      i += length - 1;
    } else if (!inClass && c === '[') {
      const negated = pattern[i + 1] === '^';
      const next = i + (negated ? 2 : 1);
      if (pattern[next] === ']') {
        out += negated ? `[${EVERYTHING}]` : `[^${EVERYTHING}]`;
        i = next;
      } else {
        out += negated ? '[^' : '[';
        inClass = true;
        i = next - 1;
      }
    } else if (inClass && c === '[') {
      out += '\\[';
    } else if (inClass && c === ']') {
      out += ']';
      inClass = false;
    } else if (!inClass && c === '.') {
      out += ANY_BUT_LINE_END;
    } else {
      out += c;
    }
  }
  return out;
}

/** The RE2 text of the escape at `at`, and how many pattern characters it took. */
function escapeForRe2(pattern: string, at: number, inClass: boolean): [string, number] {
  const c = pattern[at + 1];
  if (c === 's') return [inClass ? WHITE_SPACE : `[${WHITE_SPACE}]`, 2];
  if (c === 'S') return [inClass ? NOT_WHITE_SPACE : `[^${WHITE_SPACE}]`, 2];
  if (c === '0' && !/[0-9]/.test(pattern[at + 2] ?? '')) return ['\\x{0}', 2];
  if (c === 'u') {
    const braced = /^\\u\{([0-9A-Fa-f]+)\}/.exec(pattern.slice(at));
    if (braced) return [`\\x{${braced[1]}}`, braced[0].length];
    const pair = /^\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})/i.exec(pattern.slice(at));
    if (pair) return [`\\x{${String.fromCharCode(parseInt(pair[1], 16), parseInt(pair[2], 16)).codePointAt(0)!.toString(16)}}`, pair[0].length];
    const four = /^\\u([0-9A-Fa-f]{4})/.exec(pattern.slice(at));
    if (four) return [`\\x{${four[1]}}`, four[0].length];
  }
  return [`\\${c ?? ''}`, 2];
}

/** Why RE2 cannot read an ECMA pattern (as toRe2 writes it), or undefined when it can. */
export function re2Problem(pattern: string): string | undefined {
  try {
    loadRe2().RE2JS.compile(toRe2(pattern));
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^error parsing regexp: /, '');
  }
}

/** A pattern that matches every value in time linear in its length, with ECMA's meaning. */
export function linearPattern(pattern: string, flags: string): RegExpLike {
  // V8 compiles it first, as ajv would: its syntax rules (the u flag's) decide what is valid.
  new RegExp(pattern, flags);
  const problem = re2Problem(pattern);
  if (problem) throw new SyntaxError(`pattern /${pattern}/ cannot be matched in linear time: ${problem}`);
  const linear = loadRe2().RE2JS.compile(toRe2(pattern));
  return { test: (text: string) => linear.test(text) };
}

/** ajv's `code.regExp` option: `code` names the engine in standalone code, which these validators never become. */
export const LINEAR_PATTERNS: RegExpEngine = Object.assign(linearPattern, { code: 'linearPattern' });
