import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { PACKAGE_ROOT } from '../package-root.js';

const load = createRequire(import.meta.url);
const loaded = new Map<string, ValidateFunction>();

/** The name a build-time validator of an args schema has: a digest of the schema's JSON. */
export function argsValidatorName(schema: unknown): string {
  return `args-${createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 16)}`;
}

/** A precompiled validator by name, or undefined when the build made none. */
export function precompiledIfBuilt(name: string): ValidateFunction | undefined {
  return loaded.has(name) || existsSync(validatorFile(name)) ? precompiled(name) : undefined;
}

function validatorFile(name: string): string {
  return join(PACKAGE_ROOT, 'dist', 'validators', `${name}.cjs`);
}

/**
 * A validator compiled from a shipped schema at build time (scripts/build-validators.mjs),
 * loaded on first use: start-up compiles no schema, and a run loads only what it needs.
 */
export function precompiled(name: string): ValidateFunction {
  let validate = loaded.get(name);
  if (!validate) {
    validate = load(validatorFile(name)) as ValidateFunction;
    loaded.set(name, validate);
  }
  return validate;
}
