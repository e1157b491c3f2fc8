import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  Document,
  type Node,
  type Pair,
  type ScalarTag,
  type YAMLMap,
} from 'yaml';
import { CompileError, error, type SourcePosition } from '../diagnostics.js';
import { MAX_DEPTH, prepareDocument, yamlErrorText } from './prepare-document.js';
import { indentationTab, TAB_INDENTATION } from './tab-indentation.js';
import { fastRead, type OutlineEntry, type OutlineMap } from './fast-read.js';
import { FileTooLargeError, MAX_FILE_BYTES } from './read-limited.js';
import { aliasTargets } from './alias-budget.js';

export type PathKey = string | number;

/** One parsed input file with what is needed to point back into it. */
export interface SourceFile {
  path: string;
  text: string;
  /** The file's plain value: aliases and `<<` merge keys resolved. */
  value: unknown;
  /** The byte-order mark(s) the file started with, which `text` no longer holds: the output starts with them again. */
  bom?: string;
  /** Where the top-level mapping's entries are written, when the file was read the fast way. */
  outline?: OutlineMap;
  /**
   * The yaml package's document of the file, with every node's position. A file read the
   * fast way composes it on first use: only diagnostics and some re-writing need it.
   */
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
}

/**
 * Go's YAML reader (which `docker stack deploy` uses) reads `0440` as octal, as YAML 1.1 did;
 * YAML 1.2's core schema would read it as 440. File modes of configs and secrets depend on it.
 * A number read this way is written back the same way; a new number is written in decimal.
 */
export const leadingZeroOctal: ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  format: 'LEADING_ZERO_OCT',
  default: true,
  test: /^0[0-7]+$/,
  identify: (value) => typeof value === 'number' && Number.isInteger(value) && value >= 0,
  resolve: (source: string) => parseInt(source, 8),
  stringify: ({ value }) => `0${Number(value).toString(8)}`,
};

/**
 * Text as YAML readers agree on it: leading byte-order marks dropped (they would become part of
 * the first key), and old Mac line ends (a lone CR) made LF, which the yaml package would
 * otherwise read as one long line.
 */
function normalized(text: string): string {
  const withoutBom = text.slice(leadingBom(text).length);
  return withoutBom.includes('\r') ? withoutBom.replace(/\r(?!\n)/g, '\n') : withoutBom;
}

function leadingBom(text: string): string {
  return /^\uFEFF*/.exec(text)![0];
}

/**
 * The yaml package's document of a text, read as docker reads YAML (leading-zero octal): for
 * stack and template files, and for rendered sections the fast reader does not take.
 */
export function composeDocument(text: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  // The yaml package makes an Error for every problem it finds: a broken 200k-character line
  // gives a hundred thousand, whose stack traces nobody reads took most of a second.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const doc = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: false, customTags: (tags) => [leadingZeroOctal, ...tags] });
    return { doc, lineCounter: lineCounterOf(text) };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * The line starts of a text, for positions. The yaml package's own counter, filled as it
 * lexes, misses the line breaks inside a token it could not read (after a tab in the
 * indentation, say), and puts later errors on an earlier line, past its end.
 */
function lineCounterOf(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) counter.addNewLine(at + 1);
  return counter;
}

/**
 * The line and column of an offset. An offset on the LF of a CRLF (where the yaml package puts
 * an error at the end of a line) is the end of its line, where the CR is, not a column past it.
 */
function linePosition(text: string, lineCounter: LineCounter, offset: number): { line: number; col: number } {
  return lineCounter.linePos(offset > 0 && text[offset] === '\n' && text[offset - 1] === '\r' ? offset - 1 : offset);
}

/**
 * Reads a file: the fast way when it keeps to the plain subset, else the full way with every
 * diagnostic. `fullReader` forces the full way (the tests compare the two).
 */
export function parseSource(path: string, raw: string, { fullReader = false } = {}): SourceFile {
  const text = normalized(raw);
  if (text.length > MAX_FILE_BYTES / 4 && Buffer.byteLength(text) > MAX_FILE_BYTES) {
    throw new CompileError([{ severity: 'error', message: new FileTooLargeError(MAX_FILE_BYTES).message, file: path }]);
  }
  const file = readSource(path, text, fullReader);
  const bom = leadingBom(raw);
  if (bom) file.bom = bom;
  return file;
}

function readSource(path: string, text: string, fullReader: boolean): SourceFile {
  const fast = fullReader ? undefined : fastRead(text);
  if (!fast) return readFully(path, text);
  let composed: ReturnType<typeof composeDocument> | undefined;
  const document = () => (composed ??= composeDocument(text));
  return remember(composedOnDemand, {
    path,
    text,
    value: fast.value,
    outline: fast.outline,
    get doc() {
      return document().doc;
    },
    get lineCounter() {
      return document().lineCounter;
    },
  });
}

/** Files whose document is composed on first use. */
const composedOnDemand = new WeakSet<SourceFile>();

function remember(set: WeakSet<SourceFile>, file: SourceFile): SourceFile {
  set.add(file);
  return file;
}

/**
 * A position whose line and column are looked up when first read. Positions are taken for
 * many values in case a diagnostic needs them; for a file read the fast way, finding one
 * means composing its document, so only the positions a diagnostic shows pay for that.
 */
function positionOnDemand(file: SourceFile, path: readonly PathKey[], key: boolean): SourcePosition {
  let found: SourcePosition | undefined;
  const resolve = () => (found ??= outlineKeyPosition(file, path, key) ?? positionInDocument(file, path, key));
  return {
    file: file.path,
    get line() {
      return resolve().line;
    },
    get col() {
      return resolve().col;
    },
  };
}

/**
 * A key's position from the fast reader's outline, when the path's keys are all in it (the top
 * levels, where services are): found without composing the document, as a diagnostic at a
 * service needs no more. Undefined for anything else.
 */
function outlineKeyPosition(file: SourceFile, path: readonly PathKey[], key: boolean): SourcePosition | undefined {
  if (!key || path.length === 0 || !file.outline) return undefined;
  let map: OutlineMap | undefined = file.outline;
  let entry: OutlineEntry | undefined;
  for (const step of path) {
    entry = map?.entries.find((e) => e.key === String(step));
    if (!entry) return undefined;
    map = entry.map;
  }
  return entry && { file: file.path, ...lineAndColumn(file.text, entry.keyStart) };
}

/** 1-based line and column of an offset, counting LF line ends as the line counter does. */
export function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

function readFully(path: string, text: string): SourceFile {
  let composed: ReturnType<typeof composeDocument>;
  try {
    composed = composeDocument(text);
  } catch (e) {
    // The yaml package recurses; a pathological nesting can overflow the stack before it reports.
    if (e instanceof RangeError) throw new CompileError([error(`nesting is too deep to read (more than ${MAX_DEPTH} levels)`, { file: path, line: 1, col: 1 })]);
    throw e;
  }
  const { doc, lineCounter } = composed;
  const at = (offset: number): SourcePosition => ({ file: path, ...linePosition(text, lineCounter, offset) });

  if (doc.errors.length > 0) {
    const tab = indentationTab(text, doc.errors.map((e) => ({ offset: e.pos[0], message: e.message })));
    if (tab !== undefined) throw new CompileError([error(TAB_INDENTATION, at(tab))]);
    const shown = doc.errors.slice(0, MAX_YAML_ERRORS).map((e) => error(yamlErrorMessage(e.code, e.message, keyAt(text, e.pos[0])), at(e.pos[0])));
    const more = doc.errors.length - shown.length;
    if (more > 0) shown.push(error(`${more} more YAML errors not shown`, at(doc.errors[MAX_YAML_ERRORS].pos[0])));
    throw new CompileError(shown);
  }
  const problem = prepareDocument(doc);
  if (problem) throw new CompileError([error(problem.message, at(problem.node.range?.[0] ?? 0))]);
  try {
    return { path, text, doc, lineCounter, value: doc.toJS({ maxAliasCount: -1 }) };
  } catch (e) {
    // What the yaml package finds only while building values, such as a `<<` merge of a scalar.
    const where = badMergeKey(doc) ?? (doc.contents as Node | null);
    throw new CompileError([error(`invalid YAML: ${(e as Error).message}`, at(where?.range?.[0] ?? 0))]);
  }
}

/** A `<<` merge key: the yaml package gives its value as a symbol. */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (key.source === '<<' || typeof key.value === 'symbol');
}

/** The first `<<` whose value is not a mapping (or an alias of one, or a list of those). */
function badMergeKey(doc: Document): Node | undefined {
  const targets = aliasTargets(doc);
  const isMapping = (node: unknown): boolean => isMap(isAlias(node) ? targets.get(node) : node);
  let found: Node | undefined;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key;
      if (found || !isMergeKey(key)) return;
      const value = pair.value;
      if (!(isMapping(value) || (isSeq(value) && value.items.every(isMapping)))) found = key as Node;
    },
  });
  return found;
}

/** Past this many YAML errors a file is not worth reading further; the rest are counted. */
const MAX_YAML_ERRORS = 20;

/**
 * The key written at `offset`: the text up to its first `:` that ends a key (one followed by a
 * space or the line's end). A search, not a pattern anchored at the line's end: that one tried
 * every `: ` of a long line against the rest of it, and never finished on a 200k-character line.
 */
function keyAt(text: string, offset: number): string {
  const end = text.indexOf('\n', offset);
  const line = text.slice(offset, end < 0 ? undefined : end);
  const colon = line.search(/:(?:\s|$)/);
  return (colon < 0 ? line : line.slice(0, colon)).replace(/^["']|["']$/g, '');
}

function yamlErrorMessage(code: string, message: string, source: string): string {
  if (code === 'DUPLICATE_KEY') return `duplicate key "${source}": a key may appear once in a mapping`;
  return yamlErrorText(message);
}

const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/** A mapping's pairs by key, built once per mapping: position look-ups stay cheap on large stacks. */
function pairsByKey(map: YAMLMap): Map<string, Pair> {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) if (isScalar(pair.key) && !index.has(String(pair.key.value))) index.set(String(pair.key.value), pair);
    pairIndexes.set(map, index);
  }
  return index;
}

/**
 * Where the node at `path` starts (its key when `key` is set), following aliases;
 * falls back to the deepest ancestor found, so every diagnostic gets a position.
 */
export function positionOf(file: SourceFile, path: readonly PathKey[], key = false): SourcePosition {
  if (composedOnDemand.has(file)) return positionOnDemand(file, path, key);
  return positionInDocument(file, path, key);
}

/** Where the node at `path` (or its key) starts; the file's start when nothing on the way is (an empty document). */
function positionInDocument(file: SourceFile, path: readonly PathKey[], key: boolean): SourcePosition {
  let node: unknown = file.doc.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(file.doc);
    const step = path[i];
    let next: unknown;
    let keyNode: unknown;
    if (isMap(node)) {
      const pair = pairsByKey(node).get(String(step));
      next = pair?.value;
      keyNode = pair?.key;
    } else if (isSeq(node) && typeof step === 'number') {
      next = node.items[step];
    }
    if (next === undefined && keyNode === undefined) break;
    const isLast = i === path.length - 1;
    const target = isLast && key && keyNode ? keyNode : (next ?? keyNode);
    const start = (target as Node | null)?.range?.[0];
    if (start !== undefined) offset = start;
    node = next;
  }
  return offset === undefined ? { file: file.path, line: 1, col: 1 } : { file: file.path, ...linePosition(file.text, file.lineCounter, offset) };
}

/**
 * How many leading steps of `path` name a node written in this file (not only reached through
 * an alias or merge key): the whole path's length when the file wrote it.
 */
export function writtenDepth(file: SourceFile, path: readonly PathKey[]): number {
  let value: unknown = file.value;
  let depth = 0;
  for (const step of path) {
    if (value === null || typeof value !== 'object' || !(step in (value as object))) break;
    value = (value as Record<PathKey, unknown>)[step];
    depth++;
  }
  return depth;
}
