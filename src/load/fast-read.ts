import { CORE_SCHEMA, getScalarValue, NOT_RESOLVED, parseEvents, type Event, type MappingEvent, type ScalarEvent, type ScalarTagDefinition, type SequenceEvent } from 'js-yaml';

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

export interface FastReadOptions {
  /** The value of a plain scalar that is not a key, in place of the core schema's when it gives one. */
  plainValue?: (source: string) => unknown;
  /**
   * A key's text as the value holds it. V8 keeps one copy of each text used as a key, in the
   * form it first met: a key cut from a text with wider characters stays two bytes a character
   * wherever it is used as a key later, unless it is made narrow before it is first used.
   */
  keyText?: (key: string) => string;
}

/** Reads `text` the fast way, or returns undefined for the full reader to take it. */
export function fastRead(text: string, options: FastReadOptions = {}): FastRead | undefined {
  // A byte-order mark past the start: js-yaml reads it as text, the yaml package as nothing.
  if (text.includes('\uFEFF')) return undefined;
  try {
    const read = new EventReader(text, options).read(parseEvents(text, { maxDepth: FAST_MAX_DEPTH }));
    if (read.outline) checkSpans(text, read.outline);
    return read;
  } catch {
    // A YAML error, or something outside the fast subset: the full reader reads it and says what is wrong.
    return undefined;
  }
}

/**
 * The core schema's implicit tags for plain scalars by first character, and those for any
 * first character, in schema order: how js-yaml's own constructor resolves a plain scalar.
 */
const { byFirstChar: TAGS_BY_FIRST_CHAR, anyFirstChar: TAGS_ANY_FIRST_CHAR } = implicitTags();

function implicitTags(): { byFirstChar: Map<string, ScalarTagDefinition[]>; anyFirstChar: ScalarTagDefinition[] } {
  const implicit = CORE_SCHEMA.tags.filter((tag): tag is ScalarTagDefinition => tag.nodeKind === 'scalar' && tag.implicit);
  const tagsFor = (first?: string) => implicit.filter((tag) => tag.implicitFirstChars === null || (first !== undefined && tag.implicitFirstChars.includes(first)));
  const firstChars = new Set(implicit.flatMap((tag) => tag.implicitFirstChars ?? []));
  return { byFirstChar: new Map([...firstChars].map((first) => [first, tagsFor(first)])), anyFirstChar: tagsFor() };
}

/** A plain scalar's value: null, a boolean or a number where the core schema reads one, else its text. */
function plainValue(source: string): unknown {
  for (const tag of TAGS_BY_FIRST_CHAR.get(source.charAt(0)) ?? TAGS_ANY_FIRST_CHAR) {
    const value: unknown = tag.resolve(source, false, tag.tagName);
    if (value !== NOT_RESOLVED) return value;
  }
  return source;
}

/** A collection being read. One per nesting level, reused by the next collection at that level. */
class Frame {
  container: Record<string, unknown> | unknown[] = [];
  isMap = false;
  flow = false;
  start = 0;
  /** In a mapping: whether the next node is a key, else the value of `key`. */
  atKey = true;
  key = '';
  /** Block mappings within the outline depth collect entries. */
  outline: OutlineMap | undefined = undefined;
  /** The outline entry whose value is being read. */
  entry: OutlineEntry | undefined = undefined;
}

/**
 * Builds the value and the outline in one walk over the events, refusing what is outside the
 * fast subset. Values are built as js-yaml's constructor builds them with the core schema.
 */
class EventReader {
  private readonly frames: Frame[] = [];
  private depth = 0;
  private documents = 0;
  private value: unknown = undefined;
  private outline: OutlineMap | undefined = undefined;
  /** The furthest offset any node has reached: where the value being read ends so far. */
  private reached = -1;

  constructor(
    private readonly text: string,
    private readonly options: FastReadOptions,
  ) {}

  read(events: readonly Event[]): FastRead {
    for (const event of events) {
      switch (event.type) {
        case DOCUMENT:
          if (++this.documents > 1 || event.directives.length > 0 || event.explicitEnd) throw new NotFast();
          break;
        case SCALAR:
          this.scalar(event);
          break;
        case MAPPING:
        case SEQUENCE:
          this.open(event);
          break;
        case POP:
          // The document's own end closes no collection.
          if (this.depth > 0) this.close();
          break;
        default:
          throw new NotFast();
      }
    }
    if (this.documents !== 1) throw new NotFast();
    return { value: this.value, outline: this.outline };
  }

  private parent(): Frame | undefined {
    return this.depth > 0 ? this.frames[this.depth - 1] : undefined;
  }

  private scalar(event: ScalarEvent): void {
    if (event.anchorStart >= 0 || event.tagStart >= 0) throw new NotFast();
    const source = getScalarValue(this.text, event);
    if (event.style === PLAIN && isLeadingZeroOctal(source)) throw new NotFast();
    // A quoted scalar's range is its content; its closing quote follows.
    if (event.valueEnd >= 0) this.reached = Math.max(this.reached, event.valueEnd + (isQuoted(event.style) ? 1 : 0));
    const parent = this.parent();
    if (parent?.isMap && parent.atKey) return this.key(parent, event, source, event.style === PLAIN ? plainValue(source) : source);
    this.nodeRead(parent, event.style === PLAIN ? (this.options.plainValue?.(source) ?? plainValue(source)) : source);
  }

  private key(map: Frame, event: ScalarEvent, source: string, value: unknown): void {
    // A null key is the empty string, as the yaml package reads it.
    const text = value === null ? '' : String(value);
    const key = this.options.keyText ? this.options.keyText(text) : text;
    // A merge key, one that would set the prototype, and a duplicate (an error) are the full reader's.
    if (key === '<<' || key === '__proto__' || Object.hasOwn(map.container, key)) throw new NotFast();
    map.key = key;
    map.atKey = false;
    if (map.outline) map.entry = outlineEntry(this.text, map.outline, event, source, key);
  }

  private open(event: MappingEvent | SequenceEvent): void {
    if (event.anchorStart >= 0 || event.tagStart >= 0) throw new NotFast();
    const parent = this.parent();
    // A mapping or sequence as a key is a complex key.
    if (parent?.isMap && parent.atKey) throw new NotFast();
    const frame = (this.frames[this.depth] ??= new Frame());
    frame.isMap = event.type === MAPPING;
    frame.flow = event.style === FLOW;
    frame.start = event.start;
    frame.atKey = true;
    frame.entry = undefined;
    frame.container = frame.isMap ? {} : [];
    frame.outline = undefined;
    if (frame.isMap && !frame.flow && this.depth < OUTLINE_DEPTH && (!parent || parent.entry)) {
      frame.outline = { entries: [] };
      if (parent?.entry) parent.entry.map = frame.outline;
      else this.outline = frame.outline;
    }
    this.depth++;
  }

  private close(): void {
    const frame = this.frames[--this.depth];
    if (frame.flow) this.reached = flowEnd(this.text, frame.start, this.reached);
    this.nodeRead(this.parent(), frame.container);
  }

  /** A node read whole: the document's value, a sequence's item, or a mapping's value. */
  private nodeRead(parent: Frame | undefined, value: unknown): void {
    if (!parent) this.value = value;
    else if (!parent.isMap) (parent.container as unknown[]).push(value);
    else {
      (parent.container as Record<string, unknown>)[parent.key] = value;
      parent.atKey = true;
      if (parent.entry) {
        parent.entry.valueEnd = Math.max(parent.entry.valueEnd, this.reached);
        parent.entry = undefined;
      }
    }
  }
}

function isQuoted(style: number): boolean {
  return style === SINGLE_QUOTED || style === DOUBLE_QUOTED;
}

/**
 * The entry for a key scalar written alone at the start of its line, as its own text: the
 * outline's keys are the value's keys. (A `fast` scalar is one line without escapes, whose
 * source is its text.)
 */
function outlineEntry(text: string, map: OutlineMap, event: ScalarEvent, source: string, key: string): OutlineEntry {
  if (!event.fast || key !== source) throw new NotFast();
  const quoted = isQuoted(event.style);
  const keyStart = quoted ? event.valueStart - 1 : event.valueStart;
  if (keyColumn(text, keyStart) < 0) throw new NotFast();
  const entry: OutlineEntry = { key, keyStart, valueEnd: event.valueEnd + (quoted ? 1 : 0) };
  map.entries.push(entry);
  return entry;
}

/** Just past a flow collection: only an empty `{}` or `[]`, or one ending on its last item's line, is placed exactly. */
function flowEnd(text: string, start: number, reached: number): number {
  if (reached >= start) return reached;
  const empty = text.slice(start, start + 2);
  if (empty === '{}' || empty === '[]') return start + 2;
  throw new NotFast();
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
const HASH = 0x23;
const ZERO = 0x30;

function isLeadingZeroOctal(source: string): boolean {
  return source.charCodeAt(0) === ZERO && LEADING_ZERO_OCTAL.test(source);
}

/** The column of a key preceded on its line by spaces only; -1 when anything else precedes it. */
function keyColumn(text: string, keyStart: number): number {
  let at = keyStart;
  while (at > 0 && text.charCodeAt(at - 1) === SPACE) at--;
  return at === 0 || text.charCodeAt(at - 1) === NEWLINE ? keyStart - at : -1;
}

/** Just past the newline that ends the line holding `offset`. */
function afterLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', Math.max(offset - 1, 0));
  return newline < 0 ? text.length : newline + 1;
}

/** Leading white space of a line (what `trimStart` removes), up to its newline. */
const INDENT = /[^\S\n]*/y;

/**
 * Each entry's text must end on its value's last line: what follows, up to the next entry,
 * may only be blank or comment lines, or lines less indented than the entry. A flow
 * collection's closing bracket on a line of its own fails this, and the full reader takes it.
 */
function checkSpans(text: string, map: OutlineMap): void {
  for (const entry of map.entries) {
    const column = keyColumn(text, entry.keyStart);
    for (let at = afterLine(text, entry.valueEnd); at < text.length; at = afterLine(text, at + 1)) {
      INDENT.lastIndex = at;
      INDENT.test(text);
      const first = text.charCodeAt(INDENT.lastIndex);
      if (first === NEWLINE || first === HASH || Number.isNaN(first)) continue;
      if (INDENT.lastIndex - at > column) throw new NotFast();
      break;
    }
    if (entry.map) checkSpans(text, entry.map);
  }
}
