import { isAlias, isCollection, isPair, isScalar, type Document, type Node } from 'yaml';

/**
 * How many nodes a document may expand to once its aliases are resolved.
 * The yaml package's own guard (maxAliasCount) counts aliases, which refuses an honest
 * stack of a few hundred services sharing `<<: *defaults`; counting the expanded size
 * instead accepts those and still refuses a "billion laughs" bomb before it is built.
 */
export const MAX_EXPANDED_NODES = 2_000_000;

/** An alias at which expansion passes the budget, or undefined when the document fits. */
export function findAliasBomb(doc: Document, budget = MAX_EXPANDED_NODES): Node | undefined {
  const sizes = new Map<unknown, number>();
  let lastAlias: Node | undefined;
  let exceeded = false;

  // Expanded size of a node, memoised per node so a bomb is measured in time linear in its text.
  const sizeOf = (node: unknown): number => {
    if (exceeded) return budget + 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let size = 1;
    if (isAlias(node)) {
      lastAlias = node;
      const target = node.resolve(doc);
      size = target ? sizeOf(target) : 1;
    } else if (isCollection(node)) {
      for (const item of node.items) {
        size += isPair(item) ? sizeOf(item.key) + sizeOf(item.value) : sizeOf(item);
        if (size > budget) break;
      }
    } else if (!isScalar(node)) {
      size = 0;
    }
    if (size > budget) exceeded = true;
    sizes.set(node, size);
    return size;
  };

  sizeOf(doc.contents);
  return exceeded ? (lastAlias ?? (doc.contents as Node)) : undefined;
}
