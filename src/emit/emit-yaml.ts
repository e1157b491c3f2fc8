import { isAlias, isMap, isScalar, isSeq, Scalar, visit, type Document, type Node, type Pair, YAMLMap } from 'yaml';
import type { SourceFile } from '../load/source-file.js';
import type { JsonObject } from '../model/compose-lists.js';

const TO_STRING = { lineWidth: 0, indentSeq: true, flowCollectionPadding: false } as const;

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Scalars under a `labels` key whose name starts with `pod.` are written as `|` block literals. */
function markPodLabels(node: Node): void {
  visit(node, {
    Pair(_, pair) {
      if (isScalar(pair.key) && String(pair.key.value).startsWith('pod.') && isScalar(pair.value) && typeof pair.value.value === 'string') {
        pair.value.type = Scalar.BLOCK_LITERAL;
      }
    },
  });
}

function freshNode(doc: Document, value: unknown): Node {
  return doc.createNode(value, { aliasDuplicateObjects: false }) as Node;
}

/**
 * Brings `node` to `value` while keeping whatever did not change: unchanged entries keep
 * their text, comments and anchors; changed scalars keep their quoting; new keys go last.
 */
function patch(doc: Document, node: unknown, value: unknown): Node {
  if (isAlias(node)) return sameValue(node.resolve(doc)?.toJS(doc, { maxAliasCount: -1 }), value) ? node : freshNode(doc, value);
  if (isScalar(node) && (value === null || typeof value !== 'object')) {
    if (node.value !== value) node.value = value;
    return node;
  }
  if (isMap(node) && value !== null && typeof value === 'object' && !Array.isArray(value) && !node.items.some((p) => isScalar(p.key) && p.key.value === '<<')) {
    const entries = value as Record<string, unknown>;
    node.items = node.items.filter((pair) => isScalar(pair.key) && String(pair.key.value) in entries);
    for (const [key, child] of Object.entries(entries)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair<unknown, unknown> | undefined;
      if (pair) pair.value = patch(doc, pair.value, child);
      else node.items.push(doc.createPair(key, freshNode(doc, child)) as Pair<unknown, unknown>);
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(value) && node.items.length === value.length) {
    node.items = node.items.map((item, i) => patch(doc, item, value[i]));
    return node;
  }
  const js = isMap(node) || isSeq(node) ? node.toJS(doc, { maxAliasCount: -1 }) : undefined;
  return sameValue(js, value) ? (node as Node) : freshNode(doc, value);
}

/** A rewritten pod keeps the key order of its model (labels, which carry the pod, last). */
function inModelOrder(node: YAMLMap, services: JsonObject, name: string): void {
  const order = Object.keys(services[name] as JsonObject);
  const rank = (pair: { key: unknown }) => order.indexOf(String(isScalar(pair.key) ? pair.key.value : pair.key));
  node.items.sort((a, b) => rank(a) - rank(b));
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
 * model, so services that are not pods, their order and the file's comments are kept.
 */
export function emitYaml(first: SourceFile, model: JsonObject, podServices: readonly string[]): string {
  const doc = first.doc.clone();
  const aliasValues = new Map<unknown, unknown>();
  visit(doc, {
    Alias(_, alias) {
      aliasValues.set(alias, alias.resolve(doc)?.toJS(doc, { maxAliasCount: -1 }));
    },
  });
  doc.contents = patch(doc, doc.contents ?? new YAMLMap(), model) as typeof doc.contents;
  inlineDanglingAliases(doc, aliasValues);
  for (const name of podServices) {
    const service = doc.getIn(['services', name], true);
    if (isMap(service)) {
      inModelOrder(service, model.services as JsonObject, name);
      markPodLabels(service);
    }
  }
  return doc.toString(TO_STRING);
}
