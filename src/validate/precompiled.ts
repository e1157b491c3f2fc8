import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';
import { buildOutput } from '../build-output.js';

const loaded = new Map<string, ValidateFunction | undefined>();

/** The name a build-time validator of an args schema has: a digest of the schema's JSON. */
export function argsValidatorName(schema: unknown): string {
  return `args-${createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 16)}`;
}

/**
 * A validator compiled from a shipped schema at build time (scripts/build-validators.mjs),
 * loaded on first use, or undefined when the build made none: start-up compiles no schema,
 * and a run loads only what it needs.
 */
export function precompiledIfBuilt(name: string): ValidateFunction | undefined {
  if (!loaded.has(name)) loaded.set(name, buildOutput(`validators/${name}.cjs`) as ValidateFunction | undefined);
  return loaded.get(name);
}

/** A validator the build is known to make (see precompiledIfBuilt). */
export function precompiled(name: string): ValidateFunction {
  const validate = precompiledIfBuilt(name);
  if (!validate) throw new Error(`no precompiled validator "${name}": run npm run build`);
  return validate;
}
