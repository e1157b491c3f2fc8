/**
 * An env file as its two readers read it. The author writes it for docker (`docker stack
 * deploy`, docker 28: its key/value file reader): lines end at LF, one CR before it is dropped;
 * a line must be valid UTF-8 and shorter than 64 KiB; a byte-order mark starts the first line;
 * leading white space is dropped, empty lines and `#` lines skipped; the key is the text before
 * the first `=`, and must not be empty or hold a space or tab; the value after it is kept as it
 * is, quotes and all; a line without `=` takes the variable from the deploying shell. In a pod,
 * Podlike's controller reads it instead (pkg/component/env_variables.go, fromEnvFile, the same
 * in 0.5.1 and master): lines split at LF only, a line that is empty or starts with `#` skipped,
 * a line without `=` skipped, and the rest cut at the first `=`, every byte kept. A line the two
 * read differently is a problem: the app would not get what the author wrote. No problem ever
 * holds a value: an env file holds secrets.
 */

/** What docker's line scanner holds at most: a longer line fails the whole file. */
const MAX_LINE_BYTES = 64 * 1024 - 1;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const LF = 0x0a;
const CR = 0x0d;

/** Leading white space as Go's unicode.IsSpace sees it (no U+FEFF, which JS's \s has). */
const LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A line the app would not get as written; the message never holds the line's value. */
export interface EnvFileProblem {
  line: number;
  col: number;
  message: string;
}

export interface EnvFile {
  /** The variable names the file sets, in file order, each once. */
  keys: string[];
  problems: EnvFileProblem[];
}

/** One line as a reader takes it: nothing, a variable, or (docker only) a name to look up, or a refusal. */
type Reading = { kind: 'skip' } | { kind: 'variable'; key: string; value: string } | { kind: 'bare'; key: string } | { kind: 'refused'; col: number; message: string };

/** The file's lines cut at LF, as both readers cut them: no empty line after a final newline. */
function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let at = bytes.indexOf(LF); at !== -1; at = bytes.indexOf(LF, start)) {
    lines.push(bytes.subarray(start, at));
    start = at + 1;
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

function decodeLine(raw: Buffer, first: boolean): string | undefined {
  const withoutCr = raw.at(-1) === CR ? raw.subarray(0, -1) : raw;
  const line = first && withoutCr.subarray(0, 3).equals(BOM) ? withoutCr.subarray(3) : withoutCr;
  try {
    return strictUtf8.decode(line);
  } catch {
    return undefined;
  }
}

/** One line as docker reads it. */
function dockerReading(raw: Buffer, first: boolean): Reading {
  if (raw.length > MAX_LINE_BYTES) return { kind: 'refused', col: 1, message: `the line is longer than ${MAX_LINE_BYTES} bytes, which docker refuses` };
  const text = decodeLine(raw, first);
  if (text === undefined) return { kind: 'refused', col: 1, message: 'the line is not valid UTF-8, which docker refuses' };
  const line = text.replace(LEADING_SPACE, '');
  if (line === '' || line.startsWith('#')) return { kind: 'skip' };
  const col = text.length - line.length + 1;
  const at = line.indexOf('=');
  const key = at < 0 ? line : line.slice(0, at);
  if (key === '') return { kind: 'refused', col, message: 'no variable name before "=", which docker refuses' };
  if (/[ \t]/.test(key)) {
    // Without `=` the whole line is the key, and could be a value written by mistake: it is not shown.
    const named = at < 0 ? 'the variable name' : `variable name ${JSON.stringify(key)}`;
    return { kind: 'refused', col, message: `${named} contains a space or tab, which docker refuses` };
  }
  return at < 0 ? { kind: 'bare', key } : { kind: 'variable', key, value: line.slice(at + 1) };
}

/** One line as Podlike reads it (fromEnvFile): bytes as they are, the CR and a byte-order mark kept. */
function podlikeReading(raw: Buffer): Reading {
  if (raw.length === 0 || raw[0] === 0x23) return { kind: 'skip' };
  const at = raw.indexOf(0x3d);
  if (at < 0) return { kind: 'skip' };
  return { kind: 'variable', key: raw.subarray(0, at).toString('latin1'), value: raw.subarray(at + 1).toString('latin1') };
}

/** Docker's reading in Podlike's terms (its text as bytes, one char per byte), to compare the two. */
function asBytes(reading: Reading): Reading {
  if (reading.kind !== 'variable') return reading;
  return { kind: 'variable', key: Buffer.from(reading.key).toString('latin1'), value: Buffer.from(reading.value).toString('latin1') };
}

function sameReading(a: Reading, b: Reading): boolean {
  if (a.kind === 'variable' && b.kind === 'variable') return a.key === b.key && a.value === b.value;
  return a.kind === 'skip' && b.kind === 'skip';
}

/** Why Podlike reads a line docker reads otherwise, and how to write it for both. */
function differenceOf(raw: Buffer, first: boolean): string {
  if (first && raw.subarray(0, 3).equals(BOM)) return 'the file starts with a byte-order mark, which Podlike keeps in the first variable\'s name (docker drops it); save the file without it';
  if (raw.at(-1) === CR) return 'the line ends with CR LF, and Podlike keeps the CR in the value (docker drops it); save the file with LF line ends';
  if (LEADING_SPACE.test(raw.toString('latin1'))) return 'the line starts with white space, which Podlike keeps in the variable\'s name or reads as part of a comment (docker drops it); remove it';
  return 'Podlike reads the line otherwise than docker; write it as NAME=value';
}

const BARE_NAME =
  'a line without "=" takes the variable from the deploying shell in docker, and Podlike, which reads the file in a pod, skips it; write NAME=value, or set it in the service\'s environment as NAME: ${NAME}';

export function readEnvFile(bytes: Buffer): EnvFile {
  const keys = new Set<string>();
  const problems: EnvFileProblem[] = [];
  splitLines(bytes).forEach((raw, index) => {
    const line = index + 1;
    const docker = dockerReading(raw, index === 0);
    if (docker.kind === 'refused') return problems.push({ line, col: docker.col, message: docker.message });
    if (docker.kind === 'bare') return problems.push({ line, col: 1, message: BARE_NAME });
    if (!sameReading(asBytes(docker), podlikeReading(raw))) return problems.push({ line, col: 1, message: differenceOf(raw, index === 0) });
    if (docker.kind === 'variable') keys.add(docker.key);
  });
  return { keys: [...keys], problems };
}
