/**
 * The JSON Schema of a migrated template's args, inferred from the values the stack gives them:
 * each arg typed as its values are (`scalar`: text, whole numbers or booleans, as services differ).
 */
import type { Json, JsonObject } from '../../model/compose-lists.js';

/** JSON Schema's type of a YAML value. */
export function jsonType(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The schema: one property per arg, typed, described as migrated; no defaults (each service sets its values). */
export function argSchema(types: ReadonlyMap<string, string>): JsonObject {
  const properties: JsonObject = {};
  for (const [name, type] of [...types].sort(([a], [b]) => (a < b ? -1 : 1))) {
    properties[name] = { type: type === 'scalar' ? ['string', 'integer', 'boolean'] : type, description: `migrated from Podlike's .Args.${name}` };
  }
  return { type: 'object', additionalProperties: false, properties };
}
