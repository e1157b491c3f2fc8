import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { PACKAGE_ROOT } from '../package-root.js';

const load = createRequire(import.meta.url);
const loaded = new Map<string, ValidateFunction>();

/**
 * A validator compiled from a shipped schema at build time (scripts/build-validators.mjs),
 * loaded on first use: start-up compiles no schema, and a run loads only what it needs.
 */
export function precompiled(name: string): ValidateFunction {
  let validate = loaded.get(name);
  if (!validate) {
    validate = load(join(PACKAGE_ROOT, 'dist', 'validators', `${name}.cjs`)) as ValidateFunction;
    loaded.set(name, validate);
  }
  return validate;
}
