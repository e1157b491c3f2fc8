import { isAlias, isMap, isScalar, isSeq, Scalar, visit, type Document, type Node, type Pair, YAMLMap } from 'yaml';
import { escapeGoYamlUnsafe, GO_YAML_UNSAFE } from './go-yaml-readings.js';
import { spliceText } from './splice-text.js';
import { withModeNotation } from './mode-notation.js';
import { markPodLabels, quoteAmbiguousStrings, setScalarValue } from './yaml-style.js';
import { note, type Diagnostic } from '../diagnostics.js';
import { aliasTargets } from '../load/alias-budget.js';
import { isMergeKey, positionOf, type SourceFile } from '../load/source-file.js';
import { sameJson, type JsonObject } from '../model/compose-lists.js';

const TO_STRING = { lineWidth: 0, indentSeq: true, flowCollectionPadding: false } as const;


function freshNode(doc: Document, value: unknown): Node {
  const node = doc.createNode(value, { aliasDuplicateObjects: false }) as Node;
  quoteAmbiguousStrings(node);
  return node;
}

/** What an alias stands for; the document's aliases are found in one walk, kept while it is patched. */
const aliasTargetsOf = new WeakMap<Document, ReadonlyMap<unknown, Node | undefined>>();
function aliasValue(doc: Document, alias: Node): unknown {
  let targets = aliasTargetsOf.get(doc);
  if (!targets) aliasTargetsOf.set(doc, (targets = aliasTargets(doc)));
  return targets.get(alias)?.toJS(doc, { maxAliasCount: -1 });
}

/**
 * Brings `node` to `value` while keeping whatever did not change: unchanged entries keep
 * their text, comments and anchors; changed scalars keep their quoting; new keys go last.
 */
function patch(doc: Document, node: unknown, value: unknown, fresh: (path: readonly string[]) => boolean, path: readonly string[] = []): Node {
  if (fresh(path)) return freshNode(doc, value);
  if (isAlias(node)) return sameJson(aliasValue(doc, node), value) ? node : freshNode(doc, value);
  if (isScalar(node) && (value === null || typeof value !== 'object')) {
    if (node.value !== value) setScalarValue(node, value);
    return node;
  }
  if (isMap(node) && value !== null && typeof value === 'object' && !Array.isArray(value) && !node.items.some((p) => isMergeKey(p.key))) {
    const entries = value as Record<string, unknown>;
    node.items = node.items.filter((pair) => isScalar(pair.key) && String(pair.key.value) in entries);
    for (const [key, child] of Object.entries(entries)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair<unknown, unknown> | undefined;
      if (pair) pair.value = patch(doc, pair.value, child, fresh, [...path, key]);
      else node.items.push(doc.createPair(key, freshNode(doc, child)) as Pair<unknown, unknown>);
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(value) && node.items.length === value.length) {
    node.items = node.items.map((item, i) => patch(doc, item, value[i], fresh, [...path, String(i)]));
    return node;
  }
  return (isMap(node) || isSeq(node)) && holdsValue(doc, node, value) ? node : freshNode(doc, value);
}

/**
 * Whether a collection still reads as `value`. One holding an alias whose anchor an earlier
 * rewrite dropped (the anchored list was merged with another file's) no longer reads at all:
 * it is written afresh from the value.
 */
function holdsValue(doc: Document, node: Node, value: unknown): boolean {
  try {
    return sameJson(node.toJS(doc, { maxAliasCount: -1 }), value);
  } catch (e) {
    if (e instanceof ReferenceError) return false;
    throw e;
  }
}

/**
 * An alias whose anchor was inside a rewritten part no longer resolves: it is replaced by
 * the value it stood for.
 */
function inlineDanglingAliases(doc: Document, values: Map<unknown, unknown>): void {
  const anchors = new Set<string>();
  visit(doc, {
    Node(_, node) {
      if (!isAlias(node) && node.anchor) anchors.add(node.anchor);
    },
  });
  visit(doc, {
    Alias(_, alias) {
      if (!anchors.has(alias.source)) return freshNode(doc, values.get(alias));
      return undefined;
    },
  });
}

/**
 * The output stack as YAML text: the first input file's document brought to the output
 * model, so services that are not pods, their order and the file's comments are kept. Where
 * the file's own text cannot be kept around the pods, `notes` gets a note saying why.
 */
export function emitYaml(first: SourceFile, model: JsonObject, podServices: readonly string[], notes: Diagnostic[] = []): string {
  return `${first.bom ?? ''}${emittedText(first, withModeNotation(first, model, podServices), podServices, notes)}`;
}

function emittedText(first: SourceFile, model: JsonObject, podServices: readonly string[], notes: Diagnostic[]): string {
  // Nothing to change (no pod, one file, no x-podlike): the file as it was, comments and all.
  if (podServices.length === 0 && sameJson(first.value ?? {}, model)) return first.text;
  const spliced = spliceText(first, model, podServices);
  if (spliced) {
    for (const path of spliced.rewrittenWhole) {
      notes.push(note(`${path.join('.')} is written afresh whole (it is in flow style, or merges with "<<", which the output cannot patch entry by entry): its own layout and comments are not kept`, positionOf(first, path, true)));
    }
    for (const alias of spliced.inlinedAliases) {
      const at = first.lineCounter.linePos(alias.offset);
      notes.push(note(`alias *${alias.name} is written as the value it stood for: its anchor's text was rewritten`, { file: first.path, line: at.line, col: at.col }));
    }
    return spliced.text;
  }
  notes.push(
    note(
      'the output is the whole file written afresh (its top level is in flow style, or has a key written as "? key" or not alone at the start of its line): comments are kept where they attach, the layout is not',
      positionOf(first, []),
    ),
  );
  return withLineBreaksOf(first.text, rewriteDocument(first, model, podServices));
}

/**
 * Aliases of nodes inside the pods become the values they stood for before the pods are
 * written afresh: patching reads values through aliases, and a `<<` of an alias left without
 * its anchor cannot be read at all.
 */
function inlineAliasesInto(doc: Document, pods: readonly (Node | undefined)[], values: Map<unknown, unknown>, targets: ReadonlyMap<unknown, Node | undefined>): void {
  const inside = (node: Node | undefined) => pods.some((pod) => pod?.range && node?.range && node.range[0] >= pod.range[0] && node.range[0] < pod.range[2]);
  visit(doc, {
    Alias(_, alias) {
      return inside(targets.get(alias)) ? freshNode(doc, values.get(alias)) : undefined;
    },
  });
}

/** Text written with LF line breaks, given those of a file whose first line ends in CRLF: one kind of line break per file. */
function withLineBreaksOf(file: string, text: string): string {
  const firstBreak = file.indexOf('\n');
  return firstBreak > 0 && file[firstBreak - 1] === '\r' ? text.replace(/\n/g, '\r\n') : text;
}

/** The fallback: the whole document re-written, its unchanged nodes (and their comments) kept. */
function rewriteDocument(first: SourceFile, model: JsonObject, podServices: readonly string[]): string {
  const doc = first.doc.clone();
  const aliasValues = new Map<unknown, unknown>();
  // One walk finds every alias's node: the yaml package's alias.resolve(doc) walks the document each time.
  const targets = aliasTargets(doc);
  visit(doc, {
    Alias(_, alias) {
      aliasValues.set(alias, targets.get(alias)?.toJS(doc, { maxAliasCount: -1 }));
    },
  });
  inlineAliasesInto(doc, podServices.map((name) => doc.getIn(['services', name], true) as Node | undefined), aliasValues, targets);
  // A rewritten pod is written afresh, in its model's key order; everything else is patched.
  const pods = new Set(podServices);
  const isPod = (path: readonly string[]) => path.length === 2 && path[0] === 'services' && pods.has(path[1]);
  doc.contents = patch(doc, doc.contents ?? new YAMLMap(), model, isPod) as typeof doc.contents;
  inlineDanglingAliases(doc, aliasValues);
  for (const name of podServices) {
    const service = doc.getIn(['services', name], true);
    if (service) markPodLabels(service as Node);
  }
  quoteGoYamlUnsafe(doc);
  return escapeGoYamlUnsafe(doc.toString(TO_STRING));
}

/** Every string a Go YAML reader would break lines in is double-quoted, so its escape is exact. */
function quoteGoYamlUnsafe(doc: Document): void {
  visit(doc, {
    Scalar(_, scalar) {
      if (typeof scalar.value === 'string' && GO_YAML_UNSAFE.test(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
    },
  });
}
