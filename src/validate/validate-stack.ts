import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Ajv, ValidateFunction } from 'ajv';
import { error, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { JsonObject } from '../model/compose-lists.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { createAjv, describeSchemaError, instancePath, readSchema } from './ajv.js';

/** The newest Compose 3.x schema the docker CLI ships; a stack without `version` is read with it. */
export const LATEST_MINOR = 13;

const validators = new Map<number, ValidateFunction>();

/** Go's time.ParseDuration syntax, which the docker CLI checks `duration` formats with. */
const GO_DURATION = /^[-+]?(0|(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$/;

/**
 * An ajv for the docker CLI's draft-04 style schemas: their `id`s are only labels there
 * (references use JSON pointers), so `id` is an annotation; `ports` and `expose` formats
 * are accepted as the CLI's own format checkers accept them.
 */
function composeAjv(): Ajv {
  const ajv = createAjv({ validateSchema: false, allowUnionTypes: true, strictTypes: false });
  ajv.removeKeyword('id');
  ajv.addKeyword({ keyword: 'id', schemaType: 'string' });
  ajv.addFormat('duration', GO_DURATION);
  ajv.addFormat('ports', true);
  ajv.addFormat('expose', true);
  return ajv;
}

/** The docker CLI's own schema for a 3.x version, compiled on first use. */
function validatorFor(minor: number): ValidateFunction | undefined {
  const cached = validators.get(minor);
  if (cached) return cached;
  const file = `compose/config_schema_v3.${minor}.json`;
  if (!existsSync(join(PACKAGE_ROOT, 'schemas', file))) return undefined;
  const validate = composeAjv().compile(readSchema(file));
  validators.set(minor, validate);
  return validate;
}

/** The schema docker reads a stack with: no version, `3` or `''` mean the newest. */
function minorOf(version: unknown): number {
  const match = /^3\.(\d+)$/.exec(String(version ?? '').trim());
  return match ? Math.min(Number(match[1]), LATEST_MINOR) : LATEST_MINOR;
}

/** The output stack against the Compose v3 rules `docker stack deploy` applies. */
export function validateStack(model: JsonObject, where: (path: (string | number)[]) => SourcePosition | undefined): Diagnostic[] {
  const validate = validatorFor(minorOf(model.version));
  if (!validate || validate(model)) return [];
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const e of validate.errors ?? []) {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf') continue;
    const path = instancePath(e);
    const message = `output stack: ${path.join('.') || '(top level)'}: ${describeSchemaError(e)}`;
    if (seen.has(message)) continue;
    seen.add(message);
    diagnostics.push(error(message, where(path)));
  }
  return diagnostics;
}
