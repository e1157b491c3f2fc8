import { exactText } from './yaml-style.js';
import { yamlText } from './yaml-writer.js';
import { keyValueMap, type Json, type JsonObject } from '../model/compose-lists.js';

/** Podlike reads these as string-to-string maps: a number, boolean or null value fails the pod. */
const STRING_MAPS = ['environment', 'labels', 'sysctls'];

function stringValues(value: Json): JsonObject {
  return Object.fromEntries(Object.entries(keyValueMap(value)).map(([key, v]) => [key, v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)]));
}

/** Keys that read best first in a component; the rest follow alphabetically. */
const LEADING_KEYS = ['image', 'entrypoint', 'command'];

function keyRank(key: string): number {
  const index = LEADING_KEYS.indexOf(key);
  return index < 0 ? LEADING_KEYS.length : index;
}

/**
 * A component as its label holds it: top-level keys in a stable order, and the
 * string-to-string maps in mapping form with string values, as Podlike's parser wants them.
 */
export function labelComponent(component: JsonObject): JsonObject {
  const keys = Object.keys(component).sort((a, b) => keyRank(a) - keyRank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, STRING_MAPS.includes(key) ? stringValues(component[key]) : component[key]]));
}

/** The YAML text of a `pod.*` label value (component, init list or copy list). */
export function labelText(value: unknown): string {
  return exactText(value, (exact) => yamlText(value, { exact, podLabels: false }));
}
