import { Document, isAlias, isMap, isScalar, visit, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { isMergeKey, type SourceFile } from '../load/source-file.js';
import { indentLines, sameJson, type JsonObject } from '../model/compose-lists.js';
import { exactText } from './yaml-style.js';
import { yamlText } from './yaml-writer.js';

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
  const entry = { [key]: value };
  // Exact text is all double-quoted: a label forced to `|` could not hold every string.
  const text = exactText(entry, (exact) => yamlText(entry, { exact, podLabels: pod && !exact }));
  return indentLines(text, ' '.repeat(indent));
}

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `<<` merge keys make a mapping's text differ from its value: such a mapping is rewritten whole. */
function hasMergeKey(map: YAMLMap): boolean {
  return map.items.some((pair) => isMergeKey(pair.key));
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/** Where a pair's text starts (the start of its key's line) and ends (the end of its value's last line). */
function pairSpan(text: string, pair: Pair): { start: number; end: number } | undefined {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  const keyStart = key?.range?.[0];
  const valueEnd = value?.range?.[1] ?? key?.range?.[1];
  if (keyStart === undefined || valueEnd === undefined) return undefined;
  return { start: lineStart(text, keyStart), end: afterLine(text, valueEnd) };
}

/** Anchors defined inside a node, which text outside it may still refer to. */
function anchorsIn(node: unknown): Set<string> {
  const anchors = new Set<string>();
  if (node) {
    visit(node as Node, {
      Node(_, n) {
        if (!isAlias(n) && n.anchor) anchors.add(n.anchor);
      },
    });
  }
  return anchors;
}

class Splicer {
  readonly edits: Edit[] = [];
  readonly removedAnchors = new Set<string>();

  constructor(
    readonly text: string,
    readonly pods: ReadonlySet<string>,
  ) {}

  replace(pair: Pair, text: string): boolean {
    const span = pairSpan(this.text, pair);
    if (!span) return false;
    for (const anchor of anchorsIn(pair.value)) this.removedAnchors.add(anchor);
    this.edits.push({ ...span, text });
    return true;
  }

  /**
   * Rewrites a pair to a new value. A scalar that stays a scalar changes in place, in its own
   * quoting style; anything else is written afresh.
   */
  change(pair: Pair, name: string, value: unknown, column: number): boolean {
    const node = pair.value;
    if (isScalar(node) && node.range && (value === null || typeof value !== 'object')) {
      const scalar = node.clone() as Scalar;
      scalar.value = value;
      // Only the value is replaced; its comments stay in the text around it.
      scalar.comment = undefined;
      scalar.commentBefore = undefined;
      const doc = new Document();
      doc.contents = scalar;
      this.edits.push({ start: node.range[0], end: node.range[1], text: doc.toString({ lineWidth: 0 }).trimEnd() });
      return true;
    }
    return this.replace(pair, render(name, value, column, false));
  }

  /**
   * A pod's fresh text ends in block scalars (its labels); a comment line after it indented
   * with a tab would read as a broken line of that scalar. Such lines get spaces instead.
   */
  untabCommentsAfter(pair: Pair, column: number): void {
    const span = pairSpan(this.text, pair);
    let at = span?.end ?? this.text.length;
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

  insertAfter(pair: Pair, text: string): boolean {
    const span = pairSpan(this.text, pair);
    if (!span) return false;
    this.edits.push({ start: span.end, end: span.end, text });
    return true;
  }

  /**
   * Brings a block mapping's text to `wanted`: unchanged entries keep their text, changed
   * mappings are patched entry by entry, other changes rewritten, new keys appended.
   * `path` locates the mapping; pods (entries of `services`) are always written afresh.
   */
  patchMap(map: YAMLMap, original: JsonObject, wanted: JsonObject, path: string[]): boolean {
    const first = (map.items[0]?.key as Node | null)?.range?.[0];
    if (first === undefined || map.flow) return false;
    const column = first - lineStart(this.text, first);
    for (const pair of map.items) {
      const name = keyOf(pair);
      const pod = path.length === 1 && path[0] === 'services' && this.pods.has(name);
      const value = pair.value;
      if (!(name in wanted)) {
        if (!this.replace(pair, '')) return false;
      } else if (pod) {
        if (!this.replace(pair, render(name, wanted[name], column, true))) return false;
        this.untabCommentsAfter(pair, column);
      } else if (sameJson(original[name], wanted[name])) {
        continue;
      } else if (isMap(value) && !value.flow && value.items.length > 0 && isPlainObject(original[name]) && isPlainObject(wanted[name]) && !hasMergeKey(value)) {
        if (!this.patchMap(value, original[name] as JsonObject, wanted[name] as JsonObject, [...path, name])) return false;
      } else if (!this.change(pair, name, wanted[name], column)) {
        return false;
      }
    }
    const written = new Set(map.items.map(keyOf));
    const added = Object.keys(wanted).filter((name) => !written.has(name));
    const last = map.items[map.items.length - 1];
    return added.length === 0 || this.insertAfter(last, added.map((name) => render(name, wanted[name], column, false)).join(''));
  }

  /** The text with every edit made, in one pass; of two inserts at one place, the one made first comes first. */
  apply(): string {
    const ordered = this.edits.map((edit, index) => ({ ...edit, index })).sort((a, b) => a.start - b.start || a.end - b.end || a.index - b.index);
    const pieces: string[] = [];
    let at = 0;
    for (const edit of ordered) {
      pieces.push(this.text.slice(at, edit.start), edit.text);
      at = Math.max(at, edit.end);
    }
    pieces.push(this.text.slice(at));
    return pieces.join('');
  }
}

/** Aliases left in kept text whose anchors were in rewritten text. */
function danglingAliases(doc: Document, removed: ReadonlySet<string>, kept: (node: Node) => boolean): boolean {
  let dangling = false;
  visit(doc, {
    Alias(_, alias) {
      if (removed.has(alias.source) && kept(alias)) dangling = true;
    },
  });
  return dangling;
}

/**
 * The output as the first input file's own text with only what changed rewritten: entries
 * that are not pods and did not change keep their bytes, comments and spacing. Returns
 * undefined where the file's shape does not allow it (a flow-style top level, an alias into
 * rewritten text), for the caller to fall back to re-writing the document.
 */
export function spliceText(first: SourceFile, model: JsonObject, podServices: readonly string[]): string | undefined {
  const top = first.doc.contents;
  if (!isMap(top) || top.flow || top.items.length === 0) return undefined;
  const text = first.text.endsWith('\n') ? first.text : `${first.text}\n`;
  const splicer = new Splicer(text, new Set(podServices));
  if (!splicer.patchMap(top, (first.value ?? {}) as JsonObject, model, [])) return undefined;

  const edited = splicer.edits;
  const inEdit = (node: Node) => edited.some((e) => node.range !== undefined && node.range !== null && node.range[0] >= e.start && node.range[0] < e.end);
  if (danglingAliases(first.doc, splicer.removedAnchors, (node) => !inEdit(node))) return undefined;
  return splicer.apply();
}
