import deepmerge from 'deepmerge';
import { isObject, keyValueMap, keyValueSeparator, KEY_VALUE_KEYS, mergeListBy, mountTarget, type Json, type JsonObject } from '../model/compose-lists.js';

/** Lists that stand for one value (a command line): a later layer replaces them whole. */
const ATOMIC_LISTS = new Set(['command', 'entrypoint', 'test']);
/** Lists whose items are identified by their container path. */
const MOUNT_LISTS = new Set(['volumes', 'devices']);

function appendUnique(base: unknown[], over: unknown[]): unknown[] {
  const seen = new Set(base.map((item) => JSON.stringify(item)));
  return [...base, ...over.filter((item) => !seen.has(JSON.stringify(item)))];
}

const options: deepmerge.Options = {
  arrayMerge: (base, over) => appendUnique(base, over),
  customMerge: (key) => {
    if (KEY_VALUE_KEYS.has(key)) {
      const separator = keyValueSeparator(key);
      return (base, over) => merge(keyValueMap(base, separator), keyValueMap(over, separator));
    }
    if (MOUNT_LISTS.has(key)) {
      return (base, over) => (Array.isArray(base) && Array.isArray(over) ? mergeListBy(base, over, mountTarget) : over);
    }
    if (ATOMIC_LISTS.has(key)) return (_base, over) => over;
    return undefined;
  },
  // Only plain mappings are merged; anything else is a value the later layer replaces.
  isMergeableObject: (value) => Array.isArray(value) || isObject(value),
};

/**
 * Merges a later layer over an earlier one with the pod merge rules: mappings deeply,
 * KEY=VALUE lists as mappings by key, volumes and devices by target path, command lines
 * replaced, other lists appended without exact duplicates; a later scalar wins.
 */
export function merge<T extends JsonObject>(base: T, over: JsonObject): T {
  return deepmerge(base, over, options) as T;
}

/** A leaf the conflict check compares: a scalar, or a list that stands for one value. */
export type Leaves = Map<string, Json>;

/** Every scalar a layer sets, by path, with KEY=VALUE lists read as mappings. */
export function leavesOf(value: Json, path: string[] = [], into: Leaves = new Map()): Leaves {
  const key = path[path.length - 1] ?? '';
  if (KEY_VALUE_KEYS.has(key) && Array.isArray(value)) value = keyValueMap(value, keyValueSeparator(key));
  if (isObject(value)) {
    for (const [child, childValue] of Object.entries(value)) leavesOf(childValue, [...path, child], into);
  } else if (!Array.isArray(value) || ATOMIC_LISTS.has(key)) {
    into.set(path.join('.'), value);
  }
  return into;
}
