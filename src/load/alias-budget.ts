import { isAlias, isCollection, isPair, isScalar, type Document, type Node } from 'yaml';

/**
 * How many nodes a document may expand to once its aliases are resolved.
 * The yaml package's own guard (maxAliasCount) counts aliases, which refuses an honest
 * stack of a few hundred services sharing `<<: *defaults`; counting the expanded size
 * instead accepts those and still refuses a "billion laughs" bomb before it is built.
 */
const MAX_EXPANDED_NODES = 2_000_000;

export interface AliasProblem {
  node: Node;
  message: string;
}

/**
 * The first alias that cannot be expanded: one with no anchor, one inside what it refers to
 * (a cycle), or one at which the expanded document passes the budget.
 */
export function findAliasProblem(doc: Document, budget = MAX_EXPANDED_NODES): AliasProblem | undefined {
  const sizes = new Map<unknown, number>();
  const inProgress = new Set<unknown>();
  let lastAlias: Node | undefined;
  let problem: AliasProblem | undefined;

  // Expanded size of a node, memoised per node so a bomb is measured in time linear in its text.
  const sizeOf = (node: unknown): number => {
    if (problem) return budget + 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (inProgress.has(node)) {
      problem = { node: lastAlias ?? (node as Node), message: 'an alias refers to the node that contains it: the value would be infinite' };
      return budget + 1;
    }
    inProgress.add(node);
    let size = 1;
    if (isAlias(node)) {
      lastAlias = node;
      const target = node.resolve(doc);
      if (!target) problem ??= { node, message: `alias *${node.source} refers to no anchor &${node.source} before it` };
      size = target ? sizeOf(target) : 1;
    } else if (isCollection(node)) {
      for (const item of node.items) {
        size += isPair(item) ? sizeOf(item.key) + sizeOf(item.value) : sizeOf(item);
        if (size > budget) break;
      }
    } else if (!isScalar(node)) {
      size = 0;
    }
    inProgress.delete(node);
    if (size > budget && !problem) {
      problem = { node: lastAlias ?? (doc.contents as Node), message: 'alias expansion is too large (an alias bomb?): the document would grow past 2,000,000 nodes' };
    }
    sizes.set(node, size);
    return size;
  };

  sizeOf(doc.contents);
  return problem;
}
