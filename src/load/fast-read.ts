import { constructFromEvents, parseEvents, type Event } from 'js-yaml';

/**
 * The fast way to read a stack file: js-yaml's event parser, several times faster than
 * composing a yaml Document and a fraction of its memory, used for files that keep to the
 * plain subset of YAML stacks are written in. Anything outside it (anchors, aliases, tags,
 * `<<` merge keys, complex keys, directives, several documents, a leading-zero octal, a
 * byte-order mark, an error of any kind) is left to the full reader, which also gives every diagnostic. Both
 * readers resolve YAML 1.2's core schema, so a file read either way has the same value.
 */

const DOCUMENT = 1;
const SEQUENCE = 2;
const MAPPING = 3;
const SCALAR = 4;
const POP = 6;
const PLAIN = 1;
const SINGLE_QUOTED = 2;
const DOUBLE_QUOTED = 3;
const FLOW = 2;

/** One entry of a block mapping, with where its text is. */
export interface OutlineEntry {
  key: string;
  /** Offset of the key's first character (its opening quote, if quoted). */
  keyStart: number;
  /** Offset just past the value's last character; the key's end for an empty value. */
  valueEnd: number;
  /** The value's entries, when it is a non-empty block mapping near the top. */
  map?: OutlineMap;
}

export interface OutlineMap {
  entries: OutlineEntry[];
}

/**
 * Where the entries of the file's top-level mapping, and of block mappings up to this depth,
 * are written: what the emitter needs to keep the file's own text around the pods.
 */
const OUTLINE_DEPTH = 3;

export interface FastRead {
  value: unknown;
  /** The top-level block mapping's outline; undefined when the top level is not one. */
  outline?: OutlineMap;
}

/** Deeper files take the full reader, which reports nesting beyond its own limit. */
const FAST_MAX_DEPTH = 50;

const LEADING_ZERO_OCTAL = /^0[0-7]+$/;

class NotFast extends Error {}

interface Open {
  kind: 'map' | 'seq';
  flow: boolean;
  start: number;
  /** Block mappings within the outline depth collect entries. */
  outline?: OutlineMap;
  /** In a mapping: whether the next node is a key. */
  atKey: boolean;
  pendingKey?: OutlineEntry;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Just past the newline that ends the line holding `offset`. */
function afterLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', Math.max(offset - 1, 0));
  return newline < 0 ? text.length : newline + 1;
}

/** Reads `text` the fast way, or returns undefined for the full reader to take it. */
export function fastRead(text: string): FastRead | undefined {
  // A byte-order mark past the start: js-yaml reads it as text, the yaml package as nothing.
  if (text.includes('\uFEFF')) return undefined;
  try {
    const events = parseEvents(text, { maxDepth: FAST_MAX_DEPTH });
    const outline = checkAndOutline(text, events);
    const [value] = constructFromEvents(events, { source: text, maxAliases: 0 }) as unknown[];
    if (outline && !outlineMatches(outline, value)) return undefined;
    return { value, outline };
  } catch {
    // A YAML error, or something outside the fast subset: the full reader reads it and says what is wrong.
    return undefined;
  }
}

/** Walks the events once: refuses what is outside the fast subset, and outlines the block mappings near the top. */
function checkAndOutline(text: string, events: readonly Event[]): OutlineMap | undefined {
  const stack: Open[] = [];
  let documents = 0;
  let top: OutlineMap | undefined;
  // The furthest offset any node has reached: where the value being read ends so far.
  let reached = -1;

  const valueRead = (parent: Open | undefined) => {
    if (parent?.kind !== 'map') return;
    if (!parent.atKey && parent.pendingKey) {
      parent.pendingKey.valueEnd = Math.max(parent.pendingKey.valueEnd, reached);
      parent.pendingKey = undefined;
    }
    parent.atKey = !parent.atKey;
  };

  for (const event of events) {
    if (event.type === DOCUMENT) {
      documents++;
      if (documents > 1 || event.directives.length > 0 || event.explicitEnd) throw new NotFast();
      continue;
    }
    if (event.type === POP) {
      const closed = stack.pop();
      if (closed?.flow) reached = flowEnd(text, closed, reached);
      valueRead(stack[stack.length - 1]);
      continue;
    }
    if (event.type !== SCALAR && event.type !== MAPPING && event.type !== SEQUENCE) throw new NotFast();
    if (event.anchorStart >= 0 || event.tagStart >= 0) throw new NotFast();
    const parent = stack[stack.length - 1];
    const isKey = parent?.kind === 'map' && parent.atKey;

    if (event.type === SCALAR) {
      const source = event.valueStart >= 0 ? text.slice(event.valueStart, event.valueEnd) : '';
      if (event.style === PLAIN && LEADING_ZERO_OCTAL.test(source)) throw new NotFast();
      if (isKey) {
        if (source === '<<' || source === '__proto__') throw new NotFast();
        if (parent.outline) parent.pendingKey = outlineEntry(text, parent.outline, event.valueStart, source, event.style);
      }
      // A quoted scalar's range is its content; its closing quote follows.
      if (event.valueEnd >= 0) reached = Math.max(reached, event.valueEnd + (event.style === SINGLE_QUOTED || event.style === DOUBLE_QUOTED ? 1 : 0));
      valueRead(parent);
      continue;
    }

    // A mapping or sequence as a key is a complex key.
    if (isKey) throw new NotFast();
    const open: Open = { kind: event.type === MAPPING ? 'map' : 'seq', flow: event.style === FLOW, start: event.start, atKey: true };
    if (open.kind === 'map' && !open.flow && stack.length < OUTLINE_DEPTH) {
      open.outline = { entries: [] };
      if (stack.length === 0) top = open.outline;
      else if (parent?.pendingKey) parent.pendingKey.map = open.outline;
    }
    stack.push(open);
  }
  if (documents !== 1) throw new NotFast();
  if (top) checkSpans(text, top);
  return top;
}

/** The entry for a key scalar written alone at the start of its line, in a form whose text is its value. */
function outlineEntry(text: string, map: OutlineMap, start: number, source: string, style: number): OutlineEntry {
  const quoted = style === SINGLE_QUOTED || style === DOUBLE_QUOTED;
  if (!quoted && style !== PLAIN) throw new NotFast();
  if ((style === SINGLE_QUOTED && source.includes("'")) || (style === DOUBLE_QUOTED && source.includes('\\'))) throw new NotFast();
  const keyStart = quoted ? start - 1 : start;
  if (!/^ *$/.test(text.slice(lineStart(text, keyStart), keyStart))) throw new NotFast();
  const entry: OutlineEntry = { key: source, keyStart, valueEnd: start + source.length + (quoted ? 1 : 0) };
  map.entries.push(entry);
  return entry;
}

/** Just past a flow collection: only an empty `{}` or `[]`, or one ending on its last item's line, is placed exactly. */
function flowEnd(text: string, open: Open, reached: number): number {
  if (reached >= open.start) return reached;
  const empty = text.slice(open.start, open.start + 2);
  if (empty === '{}' || empty === '[]') return open.start + 2;
  throw new NotFast();
}

/**
 * Each entry's text must end on its value's last line: what follows, up to the next entry,
 * may only be blank or comment lines, or lines less indented than the entry. A flow
 * collection's closing bracket on a line of its own fails this, and the full reader takes it.
 */
function checkSpans(text: string, map: OutlineMap): void {
  for (const entry of map.entries) {
    const column = entry.keyStart - lineStart(text, entry.keyStart);
    for (let at = afterLine(text, entry.valueEnd); at < text.length; at = afterLine(text, at + 1)) {
      const line = text.slice(at, afterLine(text, at + 1));
      const content = line.trimStart();
      if (content === '' || content.startsWith('#')) continue;
      if (line.length - content.length > column) throw new NotFast();
      break;
    }
    if (entry.map) checkSpans(text, entry.map);
  }
}

/** The outline's keys are the value's keys: no key reads as anything other than its text. */
function outlineMatches(map: OutlineMap, value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== map.entries.length) return false;
  const record = value as Record<string, unknown>;
  return map.entries.every((entry) => Object.hasOwn(record, entry.key) && (!entry.map || outlineMatches(entry.map, record[entry.key])));
}
