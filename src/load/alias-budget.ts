import { isAlias, isCollection, isPair, isScalar, visit, type Alias, type Document, type Node } from 'yaml';
import { MAX_FILE_BYTES } from './read-limited.js';

/**
 * How large a document may grow once its aliases are resolved, in nodes and in characters.
 * The yaml package's own guard (maxAliasCount) counts aliases, which refuses an honest
 * stack of a few hundred services sharing `<<: *defaults`; counting the expanded size
 * instead accepts those and still refuses a "billion laughs" bomb before it is built.
 * Nodes alone let a few aliases of one long string through (20,000 aliases of a 1 MiB string
 * made 20 GB of output text): the characters are counted too, up to what the largest file
 * read without aliases may hold, so aliases never make a document larger than a file can be.
 */
const MAX_EXPANDED_NODES = 2_000_000;
export const MAX_EXPANDED_CHARS = MAX_FILE_BYTES;

/**
 * How many aliases a document may hold. The yaml package resolves each alias by a scan over the
 * document's anchors and aliases before it, so their cost grows with the square of their number:
 * 10,000 take about a second, 100,000 (a 600 kB file) did not finish in two minutes. An honest
 * stack of 3,000 services sharing `<<: *defaults` holds 3,000.
 */
export const MAX_ALIASES = 10_000;

export interface AliasBudget {
  nodes: number;
  chars: number;
}

export interface AliasProblem {
  node: Node;
  message: string;
}

interface Size {
  nodes: number;
  chars: number;
}

/** A scalar's characters: its text, or the written form of a number, boolean or null. */
function scalarChars(node: unknown): number {
  if (!isScalar(node)) return 0;
  return typeof node.value === 'string' ? node.value.length : (node.source?.length ?? String(node.value).length);
}

/**
 * What each alias refers to: the last node before it with its anchor, found in one walk. The
 * yaml package's `alias.resolve(doc)` walks the document for each alias: 2,000 aliases in a
 * large file took seconds.
 */
export function aliasTargets(doc: Document): Map<Alias, Node | undefined> {
  const latest = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) targets.set(node, latest.get(node.source));
      else if ((isScalar(node) || isCollection(node)) && node.anchor) latest.set(node.anchor, node);
    },
  });
  return targets;
}

/**
 * The first alias that cannot be expanded: the one past MAX_ALIASES, one with no anchor, one
 * inside what it refers to (a cycle), or one at which the expanded document passes the budget
 * (in nodes or characters).
 */
export function findAliasProblem(doc: Document, budget: AliasBudget = { nodes: MAX_EXPANDED_NODES, chars: MAX_EXPANDED_CHARS }): AliasProblem | undefined {
  const targets = aliasTargets(doc);
  const sizes = new Map<unknown, Size>();
  const inProgress = new Set<unknown>();
  const over: Size = { nodes: budget.nodes + 1, chars: budget.chars + 1 };
  const tooLarge = (size: Size) => size.nodes > budget.nodes || size.chars > budget.chars;
  let lastAlias: Node | undefined;
  let problem: AliasProblem | undefined;

  // Expanded size of a node, memoised per node so a bomb is measured in time linear in its text.
  const sizeOf = (node: unknown): Size => {
    if (problem) return over;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (inProgress.has(node)) {
      problem = { node: lastAlias ?? (node as Node), message: 'an alias refers to the node that contains it: the value would be infinite' };
      return over;
    }
    inProgress.add(node);
    let size: Size = { nodes: 1, chars: scalarChars(node) };
    if (isAlias(node)) {
      lastAlias = node;
      const target = targets.get(node);
      if (!target) problem ??= { node, message: `alias *${node.source} refers to no anchor &${node.source} before it` };
      size = target ? sizeOf(target) : size;
    } else if (isCollection(node)) {
      for (const item of node.items) {
        const parts = isPair(item) ? [sizeOf(item.key), sizeOf(item.value)] : [sizeOf(item)];
        for (const part of parts) size = { nodes: size.nodes + part.nodes, chars: size.chars + part.chars };
        if (tooLarge(size)) break;
      }
    } else if (!isScalar(node)) {
      size = { nodes: 0, chars: 0 };
    }
    inProgress.delete(node);
    if (tooLarge(size) && !problem) problem = { node: lastAlias ?? (doc.contents as Node), message: tooLargeMessage(size, budget) };
    sizes.set(node, size);
    return size;
  };

  sizeOf(doc.contents);
  if (problem || targets.size <= MAX_ALIASES) return problem;
  const [alias] = [...targets.keys()].slice(MAX_ALIASES, MAX_ALIASES + 1);
  return { node: alias, message: `too many aliases (an alias bomb?): more than ${MAX_ALIASES.toLocaleString('en-US')} in one document, each of which the YAML reader resolves by a scan; share values through fewer aliases` };
}

function tooLargeMessage(size: Size, budget: AliasBudget): string {
  if (size.nodes > budget.nodes) return `alias expansion is too large (an alias bomb?): the document would grow past ${budget.nodes.toLocaleString('en-US')} nodes`;
  return `alias expansion is too large (an alias bomb?): the document's text would grow past ${budget.chars.toLocaleString('en-US')} characters; write the repeated value once, or fewer times`;
}
