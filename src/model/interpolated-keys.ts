/**
 * docker interpolates `${VAR}` and `$$` in every string value of a stack, never in a mapping key.
 * In a `KEY=VALUE` list the key is part of the value, so `traefik.http.routers.${NAME}.rule=...`
 * is filled in, while the same key in a mapping stays as written. A list holding such a key keeps
 * its list form through podlike-gen; a mapping key joining it is escaped (`$` → `$$`) so that it
 * still means what it meant.
 */
import { keyValueMap, setEntry, type Json, type JsonObject } from './compose-lists.js';

/** The key of a `KEY=VALUE` list item. */
function itemKey(item: Json, separator: string): string {
  const text = String(item);
  const at = text.indexOf(separator);
  return at < 0 ? text : text.slice(0, at);
}

/** Whether a value is a `KEY=VALUE` list with a key docker fills in (any `$`, `$$` included). */
export function hasInterpolatedKey(value: unknown, separator = '='): value is Json[] {
  return Array.isArray(value) && value.some((item) => itemKey(item, separator).includes('$'));
}

/** A mapping entry as the list item that means the same to docker. */
function listItem(key: string, value: Json, separator: string): string {
  const escapedKey = key.replaceAll('$', '$$$$');
  if (value === null) return escapedKey;
  return `${escapedKey}${separator}${typeof value === 'string' ? value : JSON.stringify(value)}`;
}

/** Items by key, in order, from a list (as written) or a mapping (as list items). */
function itemsByKey(value: Json, separator: string): Map<string, Json> {
  const items = new Map<string, Json>();
  if (Array.isArray(value)) for (const item of value) items.set(itemKey(item, separator), item);
  else for (const [key, entry] of Object.entries(keyValueMap(value, separator))) items.set(key, listItem(key, entry, separator));
  return items;
}

/**
 * Two `KEY=VALUE` sets merged by key, a later one winning: as a mapping, unless either is a list
 * with an interpolated key, when the result is a list that keeps every key's meaning.
 */
export function mergeKeyValues(base: Json, over: Json, separator: string, mergeMaps: (a: JsonObject, b: JsonObject) => JsonObject): Json {
  if (!hasInterpolatedKey(base, separator) && !hasInterpolatedKey(over, separator)) {
    return mergeMaps(keyValueMap(base, separator), keyValueMap(over, separator));
  }
  const merged = itemsByKey(base, separator);
  for (const [key, item] of itemsByKey(over, separator)) merged.set(key, item);
  return [...merged.values()];
}

/** A `KEY=VALUE` set without the entries whose key `drop` names, in the form it keeps meaning in. */
export function withoutKeys(value: Json, drop: (key: string) => boolean, separator = '='): Json {
  if (hasInterpolatedKey(value, separator)) return value.filter((item) => !drop(itemKey(item, separator)));
  const kept: JsonObject = {};
  for (const [key, entry] of Object.entries(keyValueMap(value, separator))) if (!drop(key)) setEntry(kept, key, entry);
  return kept;
}
