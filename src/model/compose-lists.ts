/**
 * The list shapes Compose lets authors write in two forms, and the keys by which
 * their items are identified when two definitions are merged.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** `object[key] = value` as Object.fromEntries sets it: a `__proto__` key (YAML allows it) is an entry, not the prototype. */
export function setEntry(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

/** Whether two plain values are the same (key order included, as output order matters). */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Keys whose value may be a mapping or a list of `KEY=VALUE` strings. */
export const KEY_VALUE_KEYS = new Set(['environment', 'labels', 'sysctls', 'extra_hosts']);

/** `['A=1', 'B']` → `{A: '1', B: null}`; a mapping is returned as it is. */
export function keyValueMap(value: unknown, separator = '='): JsonObject {
  if (isObject(value)) return value;
  const map: JsonObject = {};
  if (!Array.isArray(value)) return map;
  for (const item of value) {
    const text = String(item);
    const at = text.indexOf(separator);
    if (at < 0) setEntry(map, text, null);
    else setEntry(map, text.slice(0, at), text.slice(at + 1));
  }
  return map;
}

/** extra_hosts is written `host:ip` in its list form. */
export function keyValueSeparator(key: string): string {
  return key === 'extra_hosts' ? ':' : '=';
}

/** The container path of a volume or device entry: its identity when merging. */
export function mountTarget(entry: Json): string {
  if (isObject(entry)) return String(entry.target ?? entry.source ?? JSON.stringify(entry));
  // `src:dst[:mode]`, or a lone `dst` for an anonymous volume.
  const text = String(entry);
  const first = text.indexOf(':');
  if (first < 0) return text;
  const second = text.indexOf(':', first + 1);
  return second < 0 ? text.slice(first + 1) : text.slice(first + 1, second);
}

/** The source of a volume entry, short or long form ('' for an anonymous volume). */
export function mountSource(entry: Json): string {
  if (isObject(entry)) return String(entry.source ?? '');
  const text = String(entry);
  const first = text.indexOf(':');
  return first < 0 ? '' : text.slice(0, first);
}

/** A named volume's source, as opposed to a host path or an anonymous volume. */
export function isNamedVolumeSource(source: string): boolean {
  return source !== '' && !/^[./~]/.test(source) && !source.includes('/') && !source.includes('$');
}

/** The source of a config or secret reference, short (`name`) or long (`{source}`). */
export function objectSource(entry: Json): string {
  return isObject(entry) ? String(entry.source) : String(entry);
}

/** Merges two lists, replacing items of `base` that `over` redefines under the same identity. */
export function mergeListBy(base: Json[], over: Json[], identity: (item: Json) => string): Json[] {
  const result = new Map<string, Json>();
  for (const item of base) result.set(identity(item), item);
  for (const item of over) result.set(identity(item), item);
  return [...result.values()];
}

/** Keys (of KEY_VALUE_KEYS) whose value is neither a mapping nor a list: a mistake, not an empty set. */
export function misshapenKeyValueKeys(definition: JsonObject): string[] {
  const misshapen: string[] = [];
  for (const key of KEY_VALUE_KEYS) {
    const value = definition[key];
    if (value !== undefined && value !== null && typeof value !== 'object') misshapen.push(key);
  }
  return misshapen;
}

/**
 * Every non-empty line indented by `pad`. Lines are split at \n only: a RegExp's multiline `^`
 * also matches after U+2028 and U+2029, which would put spaces inside a value.
 */
export function indentLines(text: string, pad: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}
