import { exactText } from './yaml-style.js';
import { readableYamlText, yamlText } from './yaml-writer.js';
import { keyValueMap, setEntry, type Json, type JsonObject } from '../model/compose-lists.js';
import { hasInterpolatedKey } from '../model/interpolated-keys.js';

/** Podlike reads these as string-to-string maps: a number, boolean or null value fails the pod. */
const STRING_MAPS = ['environment', 'labels', 'sysctls'];

function stringValues(value: Json): JsonObject {
  const map = keyValueMap(value);
  const strings: JsonObject = {};
  for (const key of Object.keys(map)) {
    const v = map[key];
    setEntry(strings, key, v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  return strings;
}

/** A string map, or a `KEY=VALUE` list whose keys docker fills in as a list of strings. */
function stringEntries(value: Json): Json {
  return hasInterpolatedKey(value) ? value.map((item) => (item === null ? '' : String(item))) : stringValues(value);
}

/** Keys that read best first in a component; the rest follow alphabetically. */
const LEADING_KEYS = ['image', 'entrypoint', 'command'];

/**
 * A component as its label holds it: top-level keys in a stable order, and the
 * string-to-string maps in mapping form with string values, as Podlike's parser wants them;
 * a `KEY=VALUE` list whose keys docker fills in stays a list (see interpolated-keys).
 */
export function labelComponent(component: JsonObject): JsonObject {
  const keys = Object.keys(component);
  // The default sort orders strings by UTF-16 code units, as `<` does; no comparator to call.
  const ordered = [...LEADING_KEYS.filter((key) => keys.includes(key)), ...keys.filter((key) => !LEADING_KEYS.includes(key)).sort()];
  const labeled: JsonObject = {};
  for (const key of ordered) setEntry(labeled, key, STRING_MAPS.includes(key) ? stringEntries(component[key]) : component[key]);
  return labeled;
}

/**
 * The YAML text of a `pod.*` label value (component, init list or copy list). docker interpolates
 * it before Podlike parses it, so a one-line string with a deploy-time variable is single-quoted.
 */
export function labelText(value: unknown): string {
  return readableYamlText(value, false, '', true) ?? exactText(value, (exact) => yamlText(value, { exact, podLabels: false, interpolated: true }));
}
