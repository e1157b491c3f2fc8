import { RESERVED_NAMES } from '../model/reserved-names.js';

/**
 * The path of the first arg of an args schema (a key of `properties`, at any depth) named
 * `__proto__`, `constructor` or `prototype`: ajv would fill its default in, or check it, on the
 * object's prototype, not on the arg. Undefined when there is none.
 */
export function reservedArgName(schema: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  for (const [key, value] of Object.entries(schema)) {
    const at = [...path, Array.isArray(schema) ? Number(key) : key];
    if (key === 'properties' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const reserved = Object.keys(value).find((name) => RESERVED_NAMES.has(name));
      if (reserved) return [...at, reserved];
    }
    if (key === 'default' || key === 'const' || key === 'enum' || key === 'examples') continue;
    const inner = reservedArgName(value, at);
    if (inner) return inner;
  }
  return undefined;
}
