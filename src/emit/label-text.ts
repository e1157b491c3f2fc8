import { stringify } from 'yaml';
import type { JsonObject } from '../model/compose-lists.js';

/** Keys that read best first in a component; the rest follow alphabetically. */
const LEADING_KEYS = ['image', 'entrypoint', 'command'];

function keyRank(key: string): number {
  const index = LEADING_KEYS.indexOf(key);
  return index < 0 ? LEADING_KEYS.length : index;
}

/** A component with its top-level keys in the stable order labels use. */
export function orderComponentKeys(component: JsonObject): JsonObject {
  const keys = Object.keys(component).sort((a, b) => keyRank(a) - keyRank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, component[key]]));
}

/** The YAML text of a `pod.*` label value (component, init list or copy list). */
export function labelText(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}
