/**
 * Shared pieces of the hardening tests: temporary template folders, value generators biased
 * towards the characters YAML, Handlebars and shells treat specially, and small checks on
 * compile results. Not a test file itself (npm test only runs *.test.js).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { Document, parse, Scalar, stringify, visit, type ToStringOptions } from 'yaml';
import { escapeGoYamlUnsafe, GO_YAML_UNSAFE } from '../../src/emit/go-yaml-readings.js';
import { compile, type CompileOptions, type CompileResult } from '../../src/compile.js';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics.js';

/** A fresh temporary folder with the given files; remove it with `rmSync(dir, { recursive: true })`. */
export function tempFolder(files: Record<string, string>, prefix = 'podlike-hardening-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export function removeFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Compiles one in-memory stack text, with no PODLIKE_TEMPLATES from the environment. */
export function compileText(text: string, dir: string, options: CompileOptions = {}, path = 'stack.yml'): CompileResult {
  return compile({ path, text }, { cwd: dir, env: {}, ...options });
}

export function errorsOf(result: CompileResult): Diagnostic[] {
  return result.diagnostics.filter((d) => d.severity === 'error');
}

export function describeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join('\n');
}

/** Strings one YAML, Handlebars or shell reader treats specially, and a few unicode oddities. */
export const SPECIALS: readonly string[] = [
  '\n', '\r\n', '\r', ': ', ':', ' #', '#', "'", '"', '{{', '}}', '{{{', '}}}', '\\{{', '${', '${X}', '$X', '$$', '$', '*', '&', '!', '!!str ', '|', '|-', '>', '>-',
  '-', '- ', '--- ', '---', '...', '[', ']', '{', '}', ',', '%', '@', '`', '?', '? ', '<<', '=', '\\', '\\n', '\t', ' ', '  ', '~', 'null', 'Null', 'true',
  'false', 'yes', 'no', 'on', 'off', 'y', 'n', '0', '0440', '0x1F', '1e3', '1_000', '12:30', '.inf', '-.inf', '.nan', '1.5', '{{.Task.ID}}', '{{ .Node.Hostname }}',
  '{{#if x}}', '{{/if}}', '{{> p}}', '{{!c}}', 'é', '日本語', '🙂', '👩‍👩‍👧', '\u00a0', '\u0085', '\ufeff', '\u200b', '\u0000', '\u0007', '\u001b[1m',
  'ﾟ', '¥', 'İ',
];

/**
 * Characters with a known bug of their own, kept out of the main generators so those keep
 * finding other problems; each has its own property test:
 * - U+E000/U+E001: the compiler's internal value tokens (value-tokens.ts);
 * - U+2028/U+2029: JavaScript's `^` in a multiline RegExp matches after them (splice-text.ts).
 */
export const SEPARATELY_TESTED = /[\uE000\uE001\u2028\u2029]/;

/**
 * Whether the yaml package writes this string, and the longer strings templates build around
 * it, so that they read back as themselves. yaml 2.9.1 gets two kinds wrong, and the compiler
 * emits with it:
 * - whitespace-only text ending in a newline (` \n`, `\n \n`) becomes a `|+` block scalar
 *   without an indentation indicator, which reads back without the spaces;
 * - a double-quoted string of 40 characters or more (folded over lines) holding `\r\n \n`
 *   gets `\\ ` (an escaped backslash) where `\ ` (an escaped space) belongs.
 * Values like these are kept out of the main generators and tested on their own.
 */
export function yamlKeepsString(value: string): boolean {
  const texts = [value, `line ${value}\n`, `x${value}y`, `${'long enough to be folded: '.repeat(2)}\nx=${value}\n`];
  const doc = { a: { b: texts, c: value } };
  return isDeepStrictEqual(parse(stringify(doc, { lineWidth: 0 })), doc);
}

const special = fc.constantFrom(...SPECIALS);
const anyGrapheme = fc.string({ unit: 'grapheme', maxLength: 4 });
const asciiWord = fc.string({ unit: fc.constantFrom(...'abcXYZ019_-./'), maxLength: 6 });

/** Mostly specials glued together, with bits of ordinary text, and leading/trailing spaces sometimes. */
export const biasedString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('', ' ', '  ', '\t', '\n'), fc.array(fc.oneof({ weight: 3, arbitrary: special }, { weight: 2, arbitrary: asciiWord }, { weight: 1, arbitrary: anyGrapheme }), { maxLength: 10 }), fc.constantFrom('', ' ', '\n', '\t', '\n\n'))
  .map(([lead, parts, trail]) => `${lead}${parts.join('')}${trail}`);

/** Any arg value: arbitrary unicode text, the biased text, or the classic edge cases. */
export const argValue: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 5, arbitrary: biasedString },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', '-', '|', '>', '*a', '&a', '!x', '? x', '- x', 'a: b', 'a #b', '"', "'", '{{x}}', '${X}', '$$') },
  )
  .filter((v) => !SEPARATELY_TESTED.test(v) && yamlKeepsString(v));

/** Swarm service names (letters, digits, `_`, `.`, `-`), biased towards words YAML may read as something else. */
export const serviceName: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_-]{0,11}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,15}$/) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('no', 'on', 'off', 'yes', 'y', 'n', 'true', 'false', 'null', 'Null', 'NULL', '0', '123', '0440', '0x1F', '0o17', '1e3', '1_000', '1.5', '1.0', '0.5e2', 'NaN', 'Infinity', 'a.b', 'x_1', 'A-B'),
  },
);

/** Whether a text mentions a name: quoted, or as a word. */
export function mentions(text: string, name: string): boolean {
  return text.includes(`"${name}"`) || new RegExp(`(^|[^A-Za-z0-9_.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9_-]|$)`).test(text);
}

/** Escapes a value so a failure message shows invisible characters. */
export function shown(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'string' ? v.replace(/[^\x20-\x7e]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`) : v));
}

/** fc.assert, with the failing assertion's own message in the error (node:test does not print an error's cause). */
export function assertProperty<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>, params: fc.Parameters<Ts> = {}): void {
  try {
    fc.assert(property, params);
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    if (cause instanceof Error) (e as Error).message += `\nCaused by: ${cause.message}`;
    throw e;
  }
}

/**
 * The input as a JS object, written with the yaml package, and read back to make sure the
 * text holds exactly these values. yaml 2.9 writes a few whitespace-only lines (` \n`) as a
 * block scalar that reads back differently; such an input is written double-quoted instead.
 */
function readsBack(text: string, stack: object): boolean {
  try {
    return isDeepStrictEqual(parse(text), stack);
  } catch {
    // yaml 2.9 can even write such a value as a block scalar it then refuses to read.
    return false;
  }
}

/**
 * The stack as YAML text docker reads alike: a string holding a character Go YAML breaks lines
 * at (U+2028 ...) is double-quoted, with the character escaped (podlike-gen refuses it raw).
 */
function goSafeText(stack: object, options?: ToStringOptions): string {
  const doc = new Document(stack);
  visit(doc, {
    Scalar(_, scalar) {
      if (typeof scalar.value === 'string' && GO_YAML_UNSAFE.test(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return escapeGoYamlUnsafe(doc.toString(options));
}

export function yamlTextOf(stack: object): string {
  let text = goSafeText(stack);
  if (!readsBack(text, stack)) text = goSafeText(stack, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', doubleQuotedAsJSON: true });
  assert.deepEqual(parse(text), stack, 'the generated input does not read back as itself');
  return text;
}
