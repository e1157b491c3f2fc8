import { isAbsolute, relative, resolve } from 'node:path';
import { CompileError, error, fail, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { readProblem } from '../load/file-problem.js';
import { readLimitedBytes } from '../load/read-limited.js';
import type { Json, JsonObject } from '../model/compose-lists.js';

/**
 * Env files read as the docker CLI reads them (`docker stack deploy`, docker 28: its key/value
 * file reader): lines end at LF, one CR before it is dropped; a line must be valid UTF-8 and
 * shorter than 64 KiB; a byte-order mark starts the first line; leading white space is dropped,
 * empty lines and `#` lines skipped; the key is the text before the first `=`, and must not be
 * empty or hold a space or tab; the value after it is kept as it is, quotes and all.
 */

/** What docker's line scanner holds at most: a longer line fails the whole file. */
const MAX_LINE_BYTES = 64 * 1024 - 1;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Leading white space as Go's unicode.IsSpace sees it (no U+FEFF, which JS's \s has). */
const LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A line docker refuses; the message never holds the line's value, which may be a secret. */
export interface EnvFileProblem {
  line: number;
  col: number;
  message: string;
}

export interface EnvFile {
  variables: JsonObject;
  problems: EnvFileProblem[];
}

/** The file's lines as docker's scanner cuts them: no empty line after a final newline. */
function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, at));
    start = at + 1;
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

function decodeLine(raw: Buffer, first: boolean): string | undefined {
  const withoutCr = raw.at(-1) === 0x0d ? raw.subarray(0, -1) : raw;
  const line = first && withoutCr.subarray(0, 3).equals(BOM) ? withoutCr.subarray(3) : withoutCr;
  try {
    return strictUtf8.decode(line);
  } catch {
    return undefined;
  }
}

/**
 * One line's variable, or why docker refuses the line. A value is written as the stack file
 * would need it: `docker stack deploy` interpolates `$` in the stack but not in env files, so `$`
 * is doubled; a bare `KEY` (take the deployer's value) becomes `${KEY}`, which asks the same of it.
 */
function readLine(text: string, variables: JsonObject): { col: number; message: string } | undefined {
  const line = text.replace(LEADING_SPACE, '');
  if (line === '' || line.startsWith('#')) return undefined;
  const col = text.length - line.length + 1;
  const at = line.indexOf('=');
  const key = at < 0 ? line : line.slice(0, at);
  if (key === '') return { col, message: 'no variable name before "="' };
  if (/[ \t]/.test(key)) {
    // Without `=` the whole line is the key, and could be a value written by mistake: it is not shown.
    const named = at < 0 ? 'the variable name' : `variable name ${JSON.stringify(key)}`;
    return { col, message: `${named} contains a space or tab` };
  }
  variables[key] = at < 0 ? `\${${key}}` : line.slice(at + 1).replace(/\$/g, '$$$$');
  return undefined;
}

export function parseEnvFile(bytes: Buffer): EnvFile {
  const variables: JsonObject = {};
  const problems: EnvFileProblem[] = [];
  splitLines(bytes).forEach((raw, index) => {
    const line = index + 1;
    if (raw.length > MAX_LINE_BYTES) return problems.push({ line, col: 1, message: `the line is longer than ${MAX_LINE_BYTES} bytes` });
    const text = decodeLine(raw, index === 0);
    if (text === undefined) return problems.push({ line, col: 1, message: 'the line is not valid UTF-8' });
    const problem = readLine(text, variables);
    if (problem) problems.push({ line, ...problem });
  });
  return { variables, problems };
}

/** An env file's path as diagnostics show it: relative to the current folder when it is below it. */
function shownPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? path : shown;
}

/**
 * The variables of a service's env_file(s), read now: inside a pod, Podlike would look for the
 * file in the controller's own file system, where the author's file is not. A line docker
 * refuses is an error at that line of the env file.
 */
export function readEnvFiles(envFile: Json, stackDir: string, where: SourcePosition | undefined, service: string): JsonObject {
  const files = Array.isArray(envFile) ? envFile.map(String) : [String(envFile)];
  let variables: JsonObject = {};
  const errors: Diagnostic[] = [];
  for (const file of files) {
    const path = resolve(stackDir, file);
    let bytes: Buffer;
    try {
      bytes = readLimitedBytes(path);
    } catch (e) {
      fail(`service "${service}": cannot read env_file "${file}": ${readProblem(e)}`, where);
    }
    const read = parseEnvFile(bytes);
    for (const { line, col, message } of read.problems) {
      errors.push(error(`service "${service}": env_file "${file}", line ${line}: ${message}, which docker refuses`, { file: shownPath(path), line, col }));
    }
    variables = { ...variables, ...read.variables };
  }
  if (errors.length > 0) throw new CompileError(errors);
  return variables;
}
