import { isAlias, isCollection, isMap, isPair, visit, type Document, type Node } from 'yaml';

export interface CollectionKey {
  node: Node;
  message: string;
}

/**
 * The first key that is a mapping or a list (`{a: 1}: b`, `? [a, b]`), itself or through an
 * alias. YAML allows one; a stack, Compose and Podlike do not, and turning it into an object's
 * key would make its text up (`"{ a: 1 }"`), with a warning on stderr.
 */
export function findCollectionKey(doc: Document): CollectionKey | undefined {
  let found: CollectionKey | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair)) return undefined;
      const key = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
      if (!isCollection(key)) return undefined;
      found = { node: pair.key as Node, message: `a key cannot be a ${isMap(key) ? 'mapping' : 'list'}: keys are text` };
      return visit.BREAK;
    },
  });
  return found;
}
