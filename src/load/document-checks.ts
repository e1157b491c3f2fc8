import { isMap, isPair, isSeq, type Document, type Node } from 'yaml';
import { findAliasProblem } from './alias-budget.js';
import { findCollectionKey } from './collection-keys.js';

/** Deeper nesting is refused: real stacks nest about ten levels, and the YAML tools recurse. */
export const MAX_DEPTH = 100;

export interface DocumentProblem {
  node: Node;
  message: string;
}

/** The first node nested deeper than `limit`, found without recursion. */
function tooDeep(root: unknown, limit: number): Node | undefined {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return node as Node;
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) stack.push([item.key, depth + 1], [item.value, depth + 1]);
        else stack.push([item, depth + 1]);
      }
    }
  }
  return undefined;
}

/**
 * What keeps a document the yaml package read without errors from becoming a value, for a
 * stack or template file and for a rendered section alike: nesting deeper than MAX_DEPTH (the
 * tools that read it next recurse), an alias that cannot be expanded, a key that is a mapping.
 */
export function documentProblem(doc: Document): DocumentProblem | undefined {
  const deep = tooDeep(doc.contents, MAX_DEPTH);
  if (deep) return { node: deep, message: `nesting is too deep: more than ${MAX_DEPTH} levels` };
  return findAliasProblem(doc) ?? findCollectionKey(doc);
}

/** A yaml package error's message without its source excerpt (the position points there), or the nesting its stack overflow stands for. */
export function yamlErrorText(message: string): string {
  if (/Maximum call stack size exceeded/.test(message)) return `nesting is too deep to read (more than ${MAX_DEPTH} levels)`;
  return `invalid YAML: ${message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
}
