/**
 * Direct YAML writing of plain JSON values (objects, arrays, strings, numbers, booleans, null),
 * byte for byte what the yaml package's `new Document(value, { aliasDuplicateObjects: false })`
 * writes with the emit options, quoteAmbiguousStrings and (for pods) markPodLabels applied.
 *
 * Why: a 1000-pod stack writes thousands of small documents (each component label, each pod
 * service); building a yaml Document for each and stringifying it was a third of the compile.
 * Here the layout of block maps and sequences is written directly, and so are the scalars
 * whose text is certain: simple plain strings, numbers, booleans, null, `"…"` for strings
 * YAML 1.1 misreads, `|` block literals, JSON text in exact mode. Any other string is written
 * by the yaml package alone, once per (string, context), and indented into place; any value
 * the writer does not know at all (undefined, a class instance, a non-finite number) is
 * written by the yaml package whole.
 */
import { Document, type Node } from 'yaml';
import { leadingZeroOctal } from '../load/source-file.js';
import { indentLines } from '../model/compose-lists.js';
import { bracedDefaults } from '../model/deploy-variables.js';
import { escapeGoYamlUnsafe, hasTabStartedLine, readsOtherwiseInYaml11 } from './go-yaml-readings.js';
import { EXACT_STRINGS, FORCES_DOUBLE_QUOTES, keyForInterpolation, markPodLabels, quotedForInterpolation, quoteAmbiguousStrings, RISKY_STRING } from './yaml-style.js';

export interface WriteStyle {
  /** Every string double-quoted, JSON style: exactText's fallback. */
  readonly exact: boolean;
  /** String values of `pod.*` keys as `|` block literals: the controller's pod labels. */
  readonly podLabels: boolean;
  /**
   * The text of a `pod.*` label, which docker interpolates before Podlike parses it: one-line
   * strings with a deploy-time variable are single-quoted (quotedForInterpolation).
   */
  readonly interpolated?: boolean;
}

/**
 * The options both emit writers used with the yaml package. (labelText used the default
 * flowCollectionPadding; it changes only non-empty flow collections, which a document made
 * from plain values never holds: its empty collections are `{}` and `[]` either way.)
 */
const PACKAGE_OPTIONS = { lineWidth: 0, indentSeq: true, flowCollectionPadding: false } as const;

/** One nesting step of block collections, as the yaml package indents them. */
const STEP = '  ';

/** Raised for a value the direct writer leaves to the yaml package whole. */
class NotDirect extends Error {}

/**
 * The value as a document through the yaml package: the oracle the direct writer matches. Every
 * string with a character Go YAML readers break lines at is double-quoted, so escaping those
 * characters in the text is exact.
 */
function packageYamlText(value: unknown, style: WriteStyle): string {
  // The leading-zero octal tag writes a mode in its author's notation (mode-notation.ts); it never claims a plain number.
  const doc = new Document(value, { aliasDuplicateObjects: false, customTags: (tags) => [...tags, leadingZeroOctal] });
  if (doc.contents) {
    quoteAmbiguousStrings(doc.contents as Node, style.interpolated);
    if (style.podLabels) markPodLabels(doc.contents as Node);
  }
  return escapeGoYamlUnsafe(doc.toString({ ...PACKAGE_OPTIONS, ...(style.exact ? EXACT_STRINGS : {}) }));
}

/**
 * The YAML text of a plain JSON object or array, exactly as packageYamlText writes it, ending
 * in a newline; with `indent`, every line that is not empty starts with it (the text of a
 * document placed inside another, as indentLines would place it, without copying it again).
 */
export function yamlText(value: unknown, style: WriteStyle, indent = ''): string {
  return directYamlText(value, style, indent)?.text ?? placedPackageText(value, style, indent);
}

/**
 * yamlText of the one-entry map `{ [key]: value }`, without making that object: an object
 * literal with a computed key gives V8 a new hidden class for every pod and volume name.
 */
export function entryText(key: string, value: unknown, style: WriteStyle, indent = ''): string {
  return directEntryText(key, value, style, indent)?.text ?? placedPackageText({ [key]: value }, style, indent);
}

/**
 * yamlText in the readable style (not exact), when it certainly reads back as `value`: the
 * direct writer wrote it and met no risky string (see hasRiskyString) on the way. Otherwise
 * undefined, and exactText decides.
 */
export function readableYamlText(value: unknown, podLabels: boolean, indent = '', interpolated = false): string | undefined {
  const direct = directYamlText(value, { exact: false, podLabels, interpolated }, indent);
  return direct && !direct.riskyString ? direct.text : undefined;
}

/** entryText as readableYamlText writes it. */
export function readableEntryText(key: string, value: unknown, podLabels: boolean, indent = ''): string | undefined {
  const direct = directEntryText(key, value, { exact: false, podLabels }, indent);
  return direct && !direct.riskyString ? direct.text : undefined;
}

function directYamlText(value: unknown, style: WriteStyle, indent: string): Written | undefined {
  // Exact text has no block literals; the two together are left to the yaml package.
  if (!isCollection(value) || (style.exact && style.podLabels)) return undefined;
  return directText(style, indent, (writing) => writeCollection(writing, value, indent, true));
}

function directEntryText(key: string, value: unknown, style: WriteStyle, indent: string): Written | undefined {
  if (value === undefined || (style.exact && style.podLabels)) return undefined;
  return directText(style, indent, (writing) => writePair(writing, key, value, indent, true));
}

/** One direct write in progress: its style, its pieces, and whether a string in it is risky. */
interface Writing extends WriteStyle {
  readonly out: string[];
  /** A string was written by a way other than lineText and is risky (hasRiskyString). */
  riskyString: boolean;
}

interface Written {
  text: string;
  riskyString: boolean;
}

/**
 * The text a direct writer gives, starting at `indent` and ending in a newline; undefined if
 * it meets something it leaves to the yaml package. The pieces are joined once at the end:
 * joining each collection's lines instead copied a pod's labels once per level, and linking
 * them with `+` made joining the pieces slower.
 */
function directText(style: WriteStyle, indent: string, write: (writing: Writing) => void): Written | undefined {
  const writing: Writing = { exact: style.exact, podLabels: style.podLabels, interpolated: style.interpolated, out: [indent], riskyString: false };
  try {
    write(writing);
  } catch (e) {
    if (!(e instanceof NotDirect)) throw e;
    return undefined;
  }
  writing.out.push('\n');
  return { text: writing.out.join(''), riskyString: writing.riskyString };
}

/** Notes a string written by the block-literal or yaml-package way, whose reading back is not certain. */
function uncertain(writing: Writing, text: string): void {
  if (!writing.riskyString && RISKY_STRING.test(text)) writing.riskyString = true;
}

function placedPackageText(value: unknown, style: WriteStyle, indent: string): string {
  const text = packageYamlText(value, style);
  return indent === '' ? text : indentLines(text, indent);
}

type Collection = Record<string, unknown> | unknown[];

function isCollection(value: unknown): value is Collection {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  // A class instance (a Date, a Map) is something the yaml package writes its own way.
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isEmpty(value: Collection): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

/**
 * Writes a block collection whose own lines start at `indent`: its first line without the
 * indent (the caller has placed it), the others with it. Empty collections are flow `{}` and
 * `[]`. `topLevel`: the document's root, whose keys the yaml package quotes a little more.
 */
function writeCollection(writing: Writing, value: Collection, indent: string, topLevel = false): void {
  const { out } = writing;
  if (Array.isArray(value)) return writeSequence(writing, value, indent);
  const keys = Object.keys(value);
  if (keys.length === 0) out.push('{}');
  for (let i = 0; i < keys.length; i++) {
    const child = value[keys[i]];
    // The yaml package leaves a key out when its value is undefined; leave that to it.
    if (child === undefined) throw new NotDirect();
    if (i > 0) out.push('\n', indent);
    writePair(writing, keys[i], child, indent, topLevel);
  }
}

/** `- item` lines: an item's own lines are indented one step past the dash. */
function writeSequence(writing: Writing, items: unknown[], indent: string): void {
  const { out } = writing;
  if (items.length === 0) out.push('[]');
  const itemIndent = indent + STEP;
  for (let i = 0; i < items.length; i++) {
    // A hole or undefined item is not JSON; the yaml package decides what it becomes.
    if (!(i in items) || items[i] === undefined) throw new NotDirect();
    out.push(i === 0 ? '- ' : `\n${indent}- `);
    writeNode(writing, items[i], itemIndent, false);
  }
}

/**
 * `key: value` in a map whose lines start at `indent`. The value sits one step deeper: a
 * non-empty collection on the lines below the key (sequences indented too, `indentSeq`),
 * anything else after `: `.
 */
function writePair(writing: Writing, key: string, value: unknown, indent: string, topLevel: boolean): void {
  const { out } = writing;
  const valueIndent = indent + STEP;
  out.push(mapKeyText(writing, key, topLevel));
  if (isCollection(value) && !isEmpty(value)) {
    out.push(':\n', valueIndent);
    writeCollection(writing, value, valueIndent);
  } else {
    out.push(': ');
    writeNode(writing, value, valueIndent, writing.podLabels && key.startsWith('pod.') && typeof value === 'string');
  }
}

/** A value placed after `key: ` or `- `, at a node indent of `indent`. */
function writeNode(writing: Writing, value: unknown, indent: string, literal: boolean): void {
  if (typeof value === 'string') writing.out.push(stringText(writing, value, indent, literal));
  else if (isCollection(value)) writeCollection(writing, value, indent);
  else writing.out.push(scalarText(value));
}

function scalarText(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // The yaml package writes finite numbers as JSON does, except -0; the rest (.nan, .inf,
  // -0, bigint) is left to it.
  if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) return String(value);
  throw new NotDirect();
}

/**
 * Strings the yaml package certainly writes plain, as they are: one line of ordinary
 * characters, starting with a letter, `_`, `/` or `$`, perhaps after one or two dashes (no
 * indicator, no number, no document marker), without `: ` or ` #`, not ending in a space or `:`.
 */
const SIMPLE_PLAIN = /^-{0,2}[A-Za-z_/$](?:[\w./$@=+~,*{}-]|:(?=[^ ])| (?=[^ #]))*$/;

/** Plain words the core schema reads as booleans or null, which the yaml package quotes. */
const CORE_WORDS = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE|[Nn]ull|NULL)$/;

/** One line of printable ASCII: its quoted forms need no escapes beyond JSON's `\"` and `\\`. */
const PRINTABLE_ASCII_LINE = /^[\x20-\x7e]*$/;

/**
 * One-line text the yaml package cannot write plain, so it quotes it: starting with an
 * indicator or a space, `-` or `?` alone or before a space, holding `: ` or ` #`, ending in
 * a space or `:`. (A subset of its rules; the strings it leaves out are written by the package.)
 */
const CANNOT_BE_PLAIN = /^[ ,[\]{}#&*!|>'"%@`]|^[?-](?: |$)|: | #|[ :]$/;

/** Longer one-line strings are left to the yaml package. */
const MAX_DIRECT_LINE = 64 * 1024;

/** Longer implicit keys become `? key` explicit keys; those are left to the yaml package. */
const MAX_IMPLICIT_KEY = 1024;

/**
 * A one-line key or value string written directly when its form is certain: plain, or
 * quoted the way the yaml package picks (single quotes for text with `"` and no `'`,
 * double quotes otherwise). Undefined for anything else.
 */
function lineText(text: string): string | undefined {
  // SIMPLE_PLAIN's repeated group overflows V8's backtracking stack on a megabyte of text (the fuzzer's long-string aliases).
  if (text.length > MAX_DIRECT_LINE || !PRINTABLE_ASCII_LINE.test(text)) return undefined;
  if (SIMPLE_PLAIN.test(text)) return CORE_WORDS.test(text) || readsOtherwiseInYaml11(text) ? undefined : text;
  if (!CANNOT_BE_PLAIN.test(text)) return undefined;
  return text.includes('"') && !text.includes("'") ? `'${text}'` : JSON.stringify(text);
}

/** `'text'`, as the yaml package writes a one-line single-quoted scalar. */
function singleQuoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function stringText(writing: Writing, value: string, indent: string, literal: boolean): string {
  const text = writing.interpolated ? bracedDefaults(value) : value;
  if (writing.interpolated && quotedForInterpolation(text)) return singleQuoted(text);
  // In exact mode every other value string is double-quoted as JSON (doubleQuotedAsJSON).
  if (writing.exact) return escapeGoYamlUnsafe(JSON.stringify(text));
  // A pod label is a block literal; so is any other text of several lines (at lineWidth 0
  // the yaml package never folds it).
  if (literal || text.includes('\n')) {
    uncertain(writing, text);
    return blockLiteralText(text, indent) ?? placed(packageValue(text, literal ? 'literal' : 'value'), indent);
  }
  // quoteAmbiguousStrings: such strings are words, numbers, `<<` or dates (no `"`, `\\` or
  // control character), so their double-quoted form needs no escapes.
  if (readsOtherwiseInYaml11(text)) return `"${text}"`;
  const line = lineText(text);
  if (line !== undefined) return line;
  uncertain(writing, text);
  return placed(packageValue(text, 'value'), indent);
}

function mapKeyText(writing: Writing, key: string, topLevel: boolean): string {
  const written = writing.interpolated ? keyForInterpolation(key) : key;
  const text = lineKeys.get(written, () => lineKeyText(written));
  if (text !== '') return text;
  uncertain(writing, written);
  return packageKey(written, topLevel, writing.exact);
}

/** A key's one-line text, as lineText writes it; '' for a key left to the yaml package. */
function lineKeyText(key: string): string {
  const text = lineText(key);
  return text !== undefined && text.length <= MAX_IMPLICIT_KEY ? text : '';
}

/** A string whose last line holds only spaces or tabs: the yaml package quotes it instead. */
function hasBlankLastLine(text: string): boolean {
  // Checked from the end: a pod label is long, and only its last line matters.
  const lastNewline = text.lastIndexOf('\n');
  if (lastNewline < 0 || lastNewline === text.length - 1) return false;
  for (let i = lastNewline + 1; i < text.length; i++) if (text[i] !== ' ' && text[i] !== '\t') return false;
  return true;
}

/**
 * A `|` block literal as the yaml package writes one for a node at `indent` (never the
 * document root): the header carries the chomping indicator for the trailing newlines
 * (`-` for none, nothing for one, `+` for more, kept as lines) and `2` when the text starts
 * with spaces a reader would otherwise take for indentation. Every line that is not empty is indented.
 * Undefined for strings the yaml package writes another way or that are unusual enough to
 * leave to it (empty, whitespace only, control characters).
 */
function blockLiteralText(text: string, indent: string): string | undefined {
  if (FORCES_DOUBLE_QUOTES.test(text) || hasBlankLastLine(text) || hasTabStartedLine(text)) return undefined;
  let bodyEnd = text.length;
  while (bodyEnd > 0 && isBlank(text[bodyEnd - 1])) bodyEnd--;
  if (bodyEnd === 0) return undefined;

  // Trailing spaces, tabs and newlines: one final newline is the clip default; more are
  // kept (`+`) and written as lines, none is stripped (`-`).
  let tail = text.slice(bodyEnd);
  const firstNewline = tail.indexOf('\n');
  const chomp = firstNewline < 0 ? '-' : firstNewline === tail.length - 1 ? '' : '+';
  if (tail.endsWith('\n')) tail = tail.slice(0, -1);

  // Leading spaces and newlines: the lines of them are written before the first content
  // line; any space among them needs the explicit indentation indicator.
  const body = text.slice(0, bodyEnd);
  let leadingSpace = false;
  let lastLeadingNewline = -1;
  for (let i = 0; i < body.length && (body[i] === ' ' || body[i] === '\n'); i++) {
    if (body[i] === ' ') leadingSpace = true;
    else lastLeadingNewline = i;
  }
  const lead = body.slice(0, lastLeadingNewline + 1);
  const content = body.slice(lastLeadingNewline + 1);
  const header = `|${leadingSpace ? '2' : ''}${chomp}`;
  return `${header}\n${indent}${indentAfterNewlines(lead, indent)}${indentAfterNewlines(content, indent)}${indentAfterNewlines(tail, indent, false)}`;
}

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n';
}

/**
 * Indents the line after each run of newlines (the blank lines of the run stay empty). With
 * `atEnd` false, a run that ends the text is left as it is: those are kept trailing newlines.
 */
function indentAfterNewlines(text: string, indent: string, atEnd = true): string {
  if (!text.includes('\n')) return text;
  // Most text has no blank lines: then every newline is followed by a line to indent (split and
  // join make fewer V8 instructions of it than replaceAll).
  if (atEnd && !text.includes('\n\n')) return text.split('\n').join(`\n${indent}`);
  const indented = text.replace(/\n(?=[^\n])/g, `\n${indent}`);
  return atEnd && text.endsWith('\n') ? indented + indent : indented;
}

/** Block scalar kinds of a value string, for the yaml package. */
type ValueKind = 'value' | 'literal';

/** What the yaml package writes for strings in each context; values repeat across pods. */
class TextMemo {
  private readonly entries = new Map<string, string>();
  constructor(private readonly limit = 20_000) {}

  get(key: string, make: () => string): string {
    let text = this.entries.get(key);
    if (text === undefined) {
      // A crude bound on memory for stacks of mostly unique strings.
      if (this.entries.size >= this.limit) this.entries.clear();
      text = make();
      this.entries.set(key, text);
    }
    return text;
  }
}

const valueMemo: Record<ValueKind, TextMemo> = { value: new TextMemo(), literal: new TextMemo() };
/** lineKeyText of keys, which repeat across components and pods. */
const lineKeys = new TextMemo();
const keyMemo = { top: [new TextMemo(), new TextMemo()], nested: [new TextMemo(), new TextMemo()] };

/**
 * A value string as the yaml package writes it at node indent STEP: as the value of a
 * top-level key, with the same styling steps (a `pod.` key for a block literal).
 */
function packageValue(text: string, kind: ValueKind): string {
  return valueMemo[kind].get(text, () => {
    const key = kind === 'literal' ? 'pod.k' : 'k';
    const written = packageYamlText({ [key]: text }, { exact: false, podLabels: kind === 'literal' });
    const prefix = `${key}: `;
    if (!written.startsWith(prefix) || !written.endsWith('\n')) throw new NotDirect();
    return written.slice(prefix.length, -1);
  });
}

/**
 * A key as the yaml package writes it: top-level keys differ (a `%` or `---` start is quoted
 * there only). Written in a pair with a null value, whose text is known; a key that needs
 * more than one line (an explicit `? key`) is left to the yaml package with the whole value.
 */
function packageKey(key: string, topLevel: boolean, exact: boolean): string {
  const memo = (topLevel ? keyMemo.top : keyMemo.nested)[exact ? 1 : 0];
  return memo.get(key, () => {
    const style = { exact, podLabels: false };
    const written = topLevel ? packageYamlText({ [key]: null }, style) : packageYamlText({ k: { [key]: null } }, style);
    const prefix = topLevel ? '' : `k:\n${STEP}`;
    const suffix = ': null\n';
    if (!written.startsWith(prefix) || !written.endsWith(suffix)) throw new NotDirect();
    const text = written.slice(prefix.length, -suffix.length);
    if (text.includes('\n')) throw new NotDirect();
    return text;
  });
}

/**
 * A scalar written at node indent STEP moved to node indent `indent`: the yaml package starts
 * every continuation line that is not empty with the node indent, and nothing else depends
 * on it once it is not the document root.
 */
function placed(text: string, indent: string): string {
  if (indent === STEP || !text.includes('\n')) return text;
  return text
    .split('\n')
    .map((line, i) => {
      if (i === 0 || line === '') return line;
      if (!line.startsWith(STEP)) throw new NotDirect();
      return indent + line.slice(STEP.length);
    })
    .join('\n');
}
