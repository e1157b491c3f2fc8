import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import { findAliasProblem } from './alias-budget.js';

/** Deeper nesting is refused: real stacks nest about ten levels, and the YAML tools recurse. */
export const MAX_DEPTH = 100;

export interface DocumentProblem {
  node: Node;
  message: string;
}

/**
 * A plain number too large for a float64 (`1e400`, a run of 400 digits). Go's YAML reader, and
 * so `docker stack deploy`, reads it as its text; the core schema would make it Infinity, which
 * no stack can hold. `.inf` is Infinity for both. The fast reader reads such numbers as text too.
 */
function isOverflowingNumber(node: Scalar): boolean {
  return typeof node.value === 'number' && Math.abs(node.value) === Infinity && node.source !== undefined && !/^[-+]?\.inf$/i.test(node.source);
}

/**
 * Makes a document the yaml package read without errors ready to become a value, for a stack
 * or template file and a rendered section alike, or says what keeps it from one: nesting
 * deeper than MAX_DEPTH (the tools that read it next recurse), a key that is a mapping or a
 * list (YAML allows one, a stack does not; as an object's key its text would be made up, with
 * a warning on stderr), an alias that cannot be expanded. Ready, each overflowing number is its text.
 * One walk, without recursion, and the alias budget's.
 */
export function prepareDocument(doc: Document): DocumentProblem | undefined {
  const overflowing: Scalar[] = [];
  const stack: [unknown, number][] = [[doc.contents, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) return { node: node as Node, message: `nesting is too deep: more than ${MAX_DEPTH} levels` };
    if (isScalar(node) && isOverflowingNumber(node)) overflowing.push(node);
    if (!isMap(node) && !isSeq(node)) continue;
    for (const item of node.items) {
      if (!isPair(item)) {
        stack.push([item, depth + 1]);
        continue;
      }
      const key = isAlias(item.key) ? item.key.resolve(doc) : item.key;
      if (isCollection(key)) return { node: item.key as Node, message: `a key cannot be a ${isMap(key) ? 'mapping' : 'list'}: keys are text` };
      stack.push([item.key, depth + 1], [item.value, depth + 1]);
    }
  }
  const aliasProblem = findAliasProblem(doc);
  if (aliasProblem) return aliasProblem;
  for (const scalar of overflowing) scalar.value = scalar.source;
  return undefined;
}

/** A yaml package error's message without its source excerpt (the position points there), or the nesting its stack overflow stands for. */
export function yamlErrorText(message: string): string {
  if (/Maximum call stack size exceeded/.test(message)) return `nesting is too deep to read (more than ${MAX_DEPTH} levels)`;
  return `invalid YAML: ${message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
}
