import { isObject, keyValueMap, keyValueSeparator, KEY_VALUE_KEYS, mergeListBy, mountTarget, objectSource, type Json, type JsonObject } from '../model/compose-lists.js';

/**
 * Service lists that `docker stack deploy -c a.yml -c b.yml` merges item by item
 * (its loader's merge rules); every other list in an override file replaces the earlier one.
 */
const SERVICE_LIST_IDENTITY: Record<string, (item: Json) => string> = {
  volumes: mountTarget,
  secrets: objectSource,
  configs: objectSource,
  ports: publishedPort,
};

/**
 * A port is identified by where it is published (and its protocol): an override that
 * publishes the same port again replaces the earlier mapping instead of clashing with it.
 */
function publishedPort(item: Json): string {
  if (isObject(item)) return `${String(item.published ?? `:${String(item.target)}`)}/${String(item.protocol ?? 'tcp')}`;
  const [mapping, protocol = 'tcp'] = String(item).split('/');
  const parts = mapping.split(':');
  // `target`, `published:target` or `ip:published:target`
  const published = parts.length === 1 ? `:${parts[0]}` : parts.slice(0, -1).join(':');
  return `${published}/${protocol}`;
}

/** Merges one service definition over another with Compose override rules. */
export function mergeServiceOverride(base: JsonObject, over: JsonObject): JsonObject {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const previous = merged[key];
    if (KEY_VALUE_KEYS.has(key) && previous !== undefined) {
      const separator = keyValueSeparator(key);
      merged[key] = { ...keyValueMap(previous, separator), ...keyValueMap(value, separator) };
    } else if (key in SERVICE_LIST_IDENTITY && Array.isArray(previous) && Array.isArray(value)) {
      merged[key] = mergeListBy(previous, value, SERVICE_LIST_IDENTITY[key]);
    } else if (isObject(previous) && isObject(value)) {
      merged[key] = deepOverride(previous, value);
    } else {
      merged[key] = value;
    }
  }
  return merged;
}

/** Mappings merge key by key, a later scalar or list wins. */
function deepOverride(base: JsonObject, over: JsonObject): JsonObject {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const previous = merged[key];
    if (key === 'labels' && previous !== undefined) merged[key] = { ...keyValueMap(previous), ...keyValueMap(value) };
    else merged[key] = isObject(previous) && isObject(value) ? deepOverride(previous, value) : value;
  }
  return merged;
}

/**
 * Merges whole stack files in order, as several `-c` options to `docker stack deploy` do. An
 * empty section (`services:` with nothing under it) is read as an empty mapping, as in a single
 * file: it overrides nothing (taken as a value, it would drop every earlier service).
 */
export function mergeStackFiles(files: readonly JsonObject[]): JsonObject {
  const [first, ...rest] = files;
  let merged: JsonObject = { ...first };
  for (const file of rest) {
    for (const [section, value] of Object.entries(file)) {
      const previous = merged[section];
      if (value === null && isObject(previous)) continue;
      if (section === 'services' && isObject(previous) && isObject(value)) {
        const services: JsonObject = { ...previous };
        for (const [name, service] of Object.entries(value)) {
          const earlier = services[name];
          services[name] = isObject(earlier) && isObject(service) ? mergeServiceOverride(earlier, service) : service;
        }
        merged = { ...merged, services };
      } else if (isObject(previous) && isObject(value)) {
        merged = { ...merged, [section]: deepOverride(previous, value) };
      } else {
        merged = { ...merged, [section]: value };
      }
    }
  }
  return merged;
}
