import { Document, isMap, isPair, isScalar, isSeq, visit, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { OutlineMap } from '../load/fast-read.js';
import { isMergeKey, type SourceFile } from '../load/source-file.js';
import { indentLines, sameJson, type JsonObject } from '../model/compose-lists.js';
import { escapeGoYamlUnsafe } from './go-yaml-readings.js';
import { EXACT_STRINGS, exactText, quoteAmbiguousStrings, setScalarValue } from './yaml-style.js';
import { readableEntryText, yamlText } from './yaml-writer.js';
import { aliasTargets } from '../load/alias-budget.js';

interface Edit {
  start: number;
  end: number;
  text: string;
}


function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Just past the newline that ends the line holding `offset`. */
function afterLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', Math.max(offset - 1, 0));
  return newline < 0 ? text.length : newline + 1;
}

/** `key: value` as fresh YAML text, every line indented by `indent` spaces, ending in a newline. */
function render(key: string, value: unknown, indent: number, pod: boolean): string {
  const pad = ' '.repeat(indent);
  // Readable text is written in place at once; otherwise exactText reads back the text as a
  // document of its own, as it always has.
  const readable = readableEntryText(key, value, pod, pad);
  if (readable !== undefined) return readable;
  const entry = { [key]: value };
  // Exact text is all double-quoted: a label forced to `|` could not hold every string.
  return indentLines(exactText(entry, (exact) => yamlText(entry, { exact, podLabels: pod && !exact })), pad);
}

/**
 * A scalar's new value in its own style, when that is one line: an edit of just the old value.
 * A block scalar (`|`, `>`), a tagged or anchored one, or a value that needs several lines is
 * not written this way: its text, written as a document of its own, would not be indented to
 * its entry, or would repeat the tag.
 */
function inPlaceEdit(node: Scalar, value: unknown): Edit | undefined {
  // A tag or anchor is written before the node's range: kept in the text, and written again by the node.
  if (!node.range || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' || node.tag || node.anchor) return undefined;
  const scalar = node.clone() as Scalar;
  setScalarValue(scalar, value);
  // Only the value is replaced; its comments stay in the text around it.
  scalar.comment = undefined;
  scalar.commentBefore = undefined;
  const doc = new Document();
  doc.contents = scalar;
  // The document's text ends in one newline; any other is the value's own (`|+` keeps them).
  const text = escapeGoYamlUnsafe(doc.toString({ lineWidth: 0 })).replace(/\n$/, '');
  return text.includes('\n') ? undefined : { start: node.range[0], end: node.range[1], text };
}

/**
 * A one-line scalar's new value, in place; undefined when the value is not a scalar or the node
 * cannot be edited so. In a flow collection, a plain scalar may not hold `,[]{}`.
 */
function scalarEdit(node: unknown, value: unknown, flow: boolean): Edit | undefined {
  if (!isScalar(node) || (value !== null && typeof value === 'object')) return undefined;
  const edit = inPlaceEdit(node, value);
  return edit && flow && node.type === 'PLAIN' && /[,[\]{}]/.test(edit.text) ? undefined : edit;
}

/**
 * The edits that bring a list's items from `was` to `value` (`flow`: written `[...]`), each
 * changed item a scalar or a mapping whose changed values are scalars (`source:` of a long volume entry);
 * undefined when an item changed otherwise.
 */
function itemEdits(items: readonly Node[], flow: boolean, was: readonly unknown[], value: readonly unknown[]): Edit[] | undefined {
  const edits: Edit[] = [];
  for (let i = 0; i < items.length; i++) {
    if (sameJson(was[i], value[i])) continue;
    const item = items[i];
    if (isMap(item) && !hasMergeKey(item) && isPlainObject(was[i]) && isPlainObject(value[i])) {
      const before = was[i] as Record<string, unknown>;
      const after = value[i] as Record<string, unknown>;
      if (!sameJson(Object.keys(before), Object.keys(after)) || item.items.length !== Object.keys(after).length) return undefined;
      for (const pair of item.items) {
        const key = keyOf(pair);
        if (sameJson(before[key], after[key])) continue;
        const edit = scalarEdit(pair.value, after[key], flow || item.flow === true);
        if (!edit) return undefined;
        edits.push(edit);
      }
    } else {
      const edit = scalarEdit(item, value[i], flow);
      if (!edit) return undefined;
      edits.push(edit);
    }
  }
  return edits;
}

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An object JSON writes as its own keys and values, in Object.keys order: no class instance, no toJSON. */
function isJsonRecord(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as Record<string, unknown>).toJSON !== 'function';
}

/**
 * sameJson, key by key for two objects with the same keys in the same order (the services of
 * a stack before and after): their JSON texts are equal exactly when each value's is, so the
 * first pod that changed ends the comparison instead of both whole sections written as JSON.
 */
export function sameJsonValue(a: unknown, b: unknown): boolean {
  if (!isJsonRecord(a) || !isJsonRecord(b)) return sameJson(a, b);
  const keys = Object.keys(a);
  const otherKeys = Object.keys(b);
  if (keys.length !== otherKeys.length || keys.some((key, i) => key !== otherKeys[i])) return sameJson(a, b);
  return keys.every((key) => sameJson(a[key], b[key]));
}

/**
 * One entry of a block mapping as the splicer sees it, from either reader: where its text
 * is, and what can be patched inside it.
 */
interface Entry {
  key: string;
  /** Offset of the key; undefined when the reader placed no key. */
  keyStart?: number;
  /** Offset just past the value. */
  valueEnd?: number;
  /** The value's entries, when it is a non-empty block mapping that can be patched entry by entry. */
  children(): Entry[] | undefined;
  /** The value's scalar node, to change in place in its own quoting style (full reader only). */
  scalar?: Scalar;
  /** The value's items, when it is a sequence, to change in place (full reader only). */
  items?: { nodes: Node[]; flow: boolean };
  /** The reader does not keep scalar nodes: a scalar's style is known only to the full reader. */
  scalarStyleUnknown?: boolean;
}

/** `<<` merge keys make a mapping's text differ from its value: such a mapping is rewritten whole. */
function hasMergeKey(map: YAMLMap): boolean {
  return map.items.some((pair) => isMergeKey(pair.key));
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/** Offset just past a node's last character of content: trailing comments, which the yaml package may count in a range, are not. */
function contentEnd(node: unknown): number | undefined {
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1];
    return isPair(last) ? (contentEnd(last.value) ?? (last.key as Node | null)?.range?.[1]) : contentEnd(last);
  }
  return (node as Node | null)?.range?.[1];
}

/**
 * Where a key starts, when it is written as the splicer writes keys: on one line, after
 * nothing but indentation. An explicit `? key` or a block scalar key has no such place: an
 * entry without one is not spliced, and the caller writes the document afresh.
 */
function simpleKeyStart(key: Node | null, text: string): number | undefined {
  if (!isScalar(key) || !key.range || !(key.type === 'PLAIN' || key.type === 'QUOTE_DOUBLE' || key.type === 'QUOTE_SINGLE')) return undefined;
  const [start, end] = key.range;
  return text.slice(lineStart(text, start), start).trim() === '' && !text.slice(start, end).includes('\n') ? start : undefined;
}

/** A yaml document's block mapping as entries. */
function documentEntries(map: YAMLMap, text: string): Entry[] {
  return map.items.map((pair) => {
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    // An anchored mapping changed in place would change what its aliases stand for: it is rewritten whole.
    const patchable = isMap(value) && !value.flow && value.items.length > 0 && !hasMergeKey(value) && !value.anchor;
    return {
      key: keyOf(pair),
      keyStart: simpleKeyStart(key, text),
      valueEnd: contentEnd(value) ?? key?.range?.[1],
      children: () => (patchable ? documentEntries(value, text) : undefined),
      scalar: isScalar(value) && value.range ? value : undefined,
      items: isSeq(value) ? { nodes: value.items as Node[], flow: value.flow === true } : undefined,
    };
  });
}

/** A fast-read file's outline as entries: no scalar nodes to change in place. */
function outlineEntries(map: OutlineMap): Entry[] {
  return map.entries.map((entry) => ({
    key: entry.key,
    keyStart: entry.keyStart,
    valueEnd: entry.valueEnd,
    children: () => (entry.map ? outlineEntries(entry.map) : undefined),
    scalarStyleUnknown: true,
  }));
}

class Splicer {
  readonly edits: Edit[] = [];
  /** Paths of non-empty mappings written afresh whole, their own layout lost: flow style, a `<<` merge key. */
  readonly rewrittenWhole: string[][] = [];
  /** Aliases replaced by their values, and where they were. */
  readonly inlinedAliases: InlinedAlias[] = [];
  /** The file's text, ending in a line break: an entry's span always ends in one. */
  readonly text: string;
  /** The file's line break (that of its first line): fresh text is written with it too. */
  readonly eol: string;

  constructor(
    readonly original: string,
    readonly pods: ReadonlySet<string>,
  ) {
    const firstBreak = original.indexOf('\n');
    this.eol = firstBreak > 0 && original[firstBreak - 1] === '\r' ? '\r\n' : '\n';
    this.text = original.endsWith('\n') ? original : `${original}${this.eol}`;
  }

  /**
   * Where an entry's text starts (the start of its key's line) and ends: the end of its value's
   * last line, and of the comment lines right after it that are indented deeper than its key,
   * which read as part of it. A comment at the key's column or less is about what follows.
   */
  span(entry: Entry): { start: number; end: number } | undefined {
    if (entry.keyStart === undefined || entry.valueEnd === undefined) return undefined;
    const start = lineStart(this.text, entry.keyStart);
    const column = entry.keyStart - start;
    let end = afterLine(this.text, entry.valueEnd);
    while (end < this.text.length) {
      const next = afterLine(this.text, end + 1);
      const line = this.text.slice(end, next);
      const content = line.trimStart();
      if (!content.startsWith('#') || line.length - content.length <= column) break;
      end = next;
    }
    return { start, end };
  }

  replace(entry: Entry, text: string): boolean {
    const span = this.span(entry);
    if (!span) return false;
    // A removed entry takes the blank lines after it along: the blank lines before it already separate what is left.
    const end = text === '' ? this.afterBlankLines(span.end) : span.end;
    this.edits.push({ start: span.start, end, text });
    return true;
  }

  afterBlankLines(at: number): number {
    let end = at;
    while (end < this.text.length && this.text.slice(end, afterLine(this.text, end + 1)).trim() === '') end = afterLine(this.text, end + 1);
    return end;
  }

  /**
   * Rewrites an entry to a new value. A scalar that stays a scalar changes in place, in its
   * own quoting style, when both are written on one line, and so do the scalars of a list of
   * the same length (a path rebased in a volume entry, short or long); anything else is
   * written afresh.
   */
  change(entry: Entry, was: unknown, value: unknown, column: number): boolean {
    if (Array.isArray(was) && Array.isArray(value) && was.length === value.length) {
      // Only the full reader keeps the items: the caller falls back to it.
      if (entry.scalarStyleUnknown) return false;
      const edits = entry.items && itemEdits(entry.items.nodes, entry.items.flow, was, value);
      if (edits) {
        this.edits.push(...edits);
        return true;
      }
    }
    const node = entry.scalar;
    if (value === null || typeof value !== 'object') {
      const edit = node && inPlaceEdit(node, value);
      if (edit) {
        this.edits.push(edit);
        return true;
      }
      // A scalar changed in place keeps its style, which only the full reader knows: the caller falls back to it.
      if (entry.scalarStyleUnknown && (was === null || typeof was !== 'object')) return false;
    }
    return this.replace(entry, render(entry.key, value, column, false));
  }

  /**
   * A pod's fresh text ends in block scalars (its labels); a comment line after it indented
   * with a tab would read as a broken line of that scalar. Such lines get spaces instead.
   */
  untabCommentsAfter(entry: Entry, column: number): void {
    let at = this.span(entry)?.end ?? this.text.length;
    while (at < this.text.length) {
      const end = afterLine(this.text, at + 1);
      const line = this.text.slice(at, end);
      const content = line.trimStart();
      if (content !== '' && !content.startsWith('#')) break;
      const lead = line.length - content.length;
      if (line.slice(0, lead).includes('\t') && content !== '') this.edits.push({ start: at, end: at + lead, text: ' '.repeat(column) });
      at = end;
    }
  }

  insertAfter(entry: Entry, text: string): boolean {
    const span = this.span(entry);
    if (!span) return false;
    this.edits.push({ start: span.end, end: span.end, text });
    return true;
  }

  /**
   * Brings a block mapping's text to `wanted`: unchanged entries keep their text, changed
   * mappings are patched entry by entry, other changes rewritten, new keys appended.
   * `path` locates the mapping; pods (entries of `services`) are always written afresh.
   */
  patchMap(entries: Entry[], original: JsonObject, wanted: JsonObject, path: string[]): boolean {
    const first = entries[0]?.keyStart;
    if (first === undefined) return false;
    const column = first - lineStart(this.text, first);
    for (const entry of entries) {
      const name = entry.key;
      const pod = path.length === 1 && path[0] === 'services' && this.pods.has(name);
      if (!(name in wanted)) {
        if (!this.replace(entry, '')) return false;
      } else if (pod) {
        if (!this.replace(entry, render(name, wanted[name], column, true))) return false;
        this.untabCommentsAfter(entry, column);
      } else if (sameJsonValue(original[name], wanted[name])) {
        continue;
      } else {
        // A mapping left with no entries is written afresh (`{}`): patched, only its key would remain, which reads as null.
        const children = isPlainObject(original[name]) && isPlainObject(wanted[name]) && Object.keys(wanted[name] as JsonObject).length > 0 ? entry.children() : undefined;
        if (!children && isPlainObject(original[name]) && Object.keys(original[name] as JsonObject).length > 0) this.rewrittenWhole.push([...path, name]);
        const done = children ? this.patchMap(children, original[name] as JsonObject, wanted[name] as JsonObject, [...path, name]) : this.change(entry, original[name], wanted[name], column);
        if (!done) return false;
      }
    }
    const written = new Set(entries.map((entry) => entry.key));
    const added = Object.keys(wanted).filter((name) => !written.has(name));
    const last = entries[entries.length - 1];
    return added.length === 0 || this.insertAfter(last, added.map((name) => render(name, wanted[name], column, false)).join(''));
  }

  /**
   * An alias left in kept text whose anchored node was rewritten, in part or whole, would stand
   * for the new text, or for nothing, or for an earlier anchor of that name: it is replaced,
   * where it stands, by the value it stood for, written on one line.
   */
  inlineAliasesOfEdited(doc: Document): void {
    const targets = aliasTargets(doc);
    visit(doc, {
      Alias: (_, alias) => {
        const start = alias.range?.[0];
        const target = targets.get(alias);
        if (start === undefined || !target || this.edits.some((e) => start >= e.start && start < e.end) || !this.edited(target)) return;
        this.edits.push({ start, end: alias.range![1], text: oneLineText(target.toJS(doc, { maxAliasCount: -1 })) });
        this.inlinedAliases.push({ name: alias.source, offset: start });
      },
    });
  }

  /** Whether an edit changes a node's text, or adds to it (an entry inserted after its last line). */
  edited(node: Node): boolean {
    const start = node.range?.[0];
    const end = contentEnd(node);
    if (start === undefined || end === undefined) return false;
    const lineEnd = afterLine(this.text, end);
    return this.edits.some((e) => (e.start < end && e.end > start) || (e.start === e.end && e.start > start && e.start <= lineEnd));
  }

  /**
   * The text with every edit made, in one pass; of two inserts at one place, the one made first
   * comes first. Fresh text takes the file's line break; a file that did not end in one still
   * does not, unless an edit reached its end.
   */
  apply(): string {
    const ordered = this.edits.map((edit, index) => ({ ...edit, index })).sort((a, b) => a.start - b.start || a.end - b.end || a.index - b.index);
    const pieces: string[] = [];
    let at = 0;
    for (const edit of ordered) {
      pieces.push(this.text.slice(at, edit.start), this.eol === '\n' ? edit.text : edit.text.replace(/\n/g, this.eol));
      at = Math.max(at, edit.end);
    }
    const endKept = at < this.text.length;
    pieces.push(this.text.slice(at));
    const spliced = pieces.join('');
    return endKept && this.text !== this.original ? spliced.slice(0, -this.eol.length) : spliced;
  }
}

/** A value as YAML on one line: flow collections, every string double-quoted, exact; keys quoted where Go YAML would read them otherwise. */
function oneLineText(value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  if (doc.contents) quoteAmbiguousStrings(doc.contents as Node);
  return escapeGoYamlUnsafe(doc.toString({ ...EXACT_STRINGS, collectionStyle: 'flow', lineWidth: 0, flowCollectionPadding: false })).replace(/\n$/, '');
}

export interface InlinedAlias {
  name: string;
  offset: number;
}

/** The spliced text, the mappings in it that had to be written afresh whole, and the aliases written as their values. */
export interface Spliced {
  text: string;
  rewrittenWhole: string[][];
  inlinedAliases: InlinedAlias[];
}

function spliced(splicer: Splicer): Spliced {
  return { text: splicer.apply(), rewrittenWhole: splicer.rewrittenWhole, inlinedAliases: splicer.inlinedAliases };
}

/**
 * The output as the first input file's own text with only what changed rewritten: entries
 * that are not pods and did not change keep their bytes, comments and spacing; an alias of a
 * node whose text changed becomes the value it stood for. Returns undefined where the file's
 * shape does not allow it (a flow-style top level, a key the splicer cannot place), for the
 * caller to fall back to re-writing the document.
 */
export function spliceText(first: SourceFile, model: JsonObject, podServices: readonly string[]): Spliced | undefined {
  const original = (first.value ?? {}) as JsonObject;
  const pods = new Set(podServices);
  if (first.outline) {
    // The fast reader's files have no anchors; only a scalar changed in place needs the full document.
    const splicer = new Splicer(first.text, pods);
    if (splicer.patchMap(outlineEntries(first.outline), original, model, [])) return spliced(splicer);
  }
  const top = first.doc.contents;
  if (!isMap(top) || top.flow || top.items.length === 0) return undefined;
  const splicer = new Splicer(first.text, pods);
  if (!splicer.patchMap(documentEntries(top, splicer.text), original, model, [])) return undefined;
  splicer.inlineAliasesOfEdited(first.doc);
  return spliced(splicer);
}
