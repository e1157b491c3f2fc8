import { isObject, keyValueSeparator, KEY_VALUE_KEYS, mergeListBy, mountTarget, type Json, type JsonObject } from '../model/compose-lists.js';
import { mergeKeyValues } from '../model/interpolated-keys.js';

/** Lists that stand for one value (a command line): a later layer replaces them whole. */
export const ATOMIC_LISTS = new Set(['command', 'entrypoint', 'test']);
/** Lists whose items are identified by their container path. */
const MOUNT_LISTS = new Set(['volumes', 'devices']);

/** `base` then the items of `over` it does not already hold (compared as JSON). */
function appendUnique(base: Json[], over: Json[]): Json[] {
  const scalars = new Set<Json>();
  const objects = new Set<string>();
  for (const item of base) {
    if (item !== null && typeof item === 'object') objects.add(JSON.stringify(item));
    else scalars.add(item);
  }
  const result = base.slice();
  for (const item of over) {
    const known = item !== null && typeof item === 'object' ? objects.has(JSON.stringify(item)) : scalars.has(item);
    if (!known) result.push(item);
  }
  return result;
}

/** A later value over an earlier one under `key`, both present. */
function mergeValue(key: string, base: Json, over: Json[] | JsonObject): Json {
  if (KEY_VALUE_KEYS.has(key)) return mergeKeyValues(base, over, keyValueSeparator(key), mergeMaps);
  if (MOUNT_LISTS.has(key)) return Array.isArray(base) && Array.isArray(over) ? mergeListBy(base, over, mountTarget) : over;
  if (ATOMIC_LISTS.has(key)) return over;
  if (Array.isArray(over)) return Array.isArray(base) ? appendUnique(base, over) : over;
  return isObject(base) ? mergeMaps(base, over) : over;
}

function mergeMaps(base: JsonObject, over: JsonObject): JsonObject {
  const result: JsonObject = { ...base };
  for (const key of Object.keys(over)) {
    // Assigning it would set the result's prototype instead of a key.
    if (key === '__proto__') continue;
    const value = over[key];
    result[key] = Object.hasOwn(base, key) && value !== null && typeof value === 'object' ? mergeValue(key, base[key], value) : value;
  }
  return result;
}

/**
 * Merges a later layer over an earlier one with the pod merge rules: mappings deeply,
 * KEY=VALUE lists as mappings by key, volumes and devices by target path, command lines
 * replaced, other lists appended without exact duplicates; a later scalar wins.
 *
 * Neither input is changed; the result shares the values it does not merge with them, so
 * what holds a merged value must not change it in place.
 */
export function merge<T extends JsonObject>(base: T, over: JsonObject): T {
  return mergeMaps(base, over) as T;
}
