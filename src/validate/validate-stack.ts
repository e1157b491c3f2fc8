import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { error, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { JsonObject } from '../model/compose-lists.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { describeSchemaError, instancePath, simplifySchemaErrors } from './ajv.js';
import { precompiled } from './precompiled.js';

/** The newest Compose 3.x schema the docker CLI ships; a stack without `version` is read with it. */
export const LATEST_MINOR = 13;

/** The docker CLI's own schema for a 3.x version, precompiled; undefined for a version it has none for. */
function validatorFor(minor: number): ValidateFunction | undefined {
  if (!existsSync(join(PACKAGE_ROOT, 'schemas', 'compose', `config_schema_v3.${minor}.json`))) return undefined;
  return precompiled(`compose-v3.${minor}`);
}

/** The schema docker reads a stack with: no version, `3` or `''` mean the newest. */
function minorOf(version: unknown): number {
  const match = /^3\.(\d+)$/.exec(String(version ?? '').trim());
  return match ? Math.min(Number(match[1]), LATEST_MINOR) : LATEST_MINOR;
}

/** Where a path is in the input (at its key, with `key`), and whether the input wrote it. */
export interface InputPlaces {
  where: (path: (string | number)[], key?: boolean) => SourcePosition | undefined;
  written?: (path: (string | number)[]) => boolean;
}

/** A `podlike.*` key written as a service's (or its deploy's) own key: meant as a label. */
function misplacedPodLabel(path: (string | number)[], key: string): boolean {
  return key.startsWith('podlike.') && path[0] === 'services' && (path.length === 2 || (path.length === 3 && path[2] === 'deploy'));
}

/**
 * One schema error as the author should read it: about the input where the input wrote the
 * value (a plain service passes through as written), about the output stack only where a
 * template made it.
 */
function stackDiagnostic(e: ErrorObject, places: InputPlaces): Diagnostic {
  const path = instancePath(e);
  const extra = e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : undefined;
  if (extra !== undefined && misplacedPodLabel(path, extra)) {
    return error(`${path.join('.')}: "${extra}" is a label, not a ${path.length === 2 ? 'service' : 'deploy'} key: move it under labels:`, places.where([...path, extra], true));
  }
  const fromInput = places.written?.(extra === undefined ? path : [...path, extra]) ?? false;
  return error(`${fromInput ? '' : 'output stack: '}${path.join('.') || '(top level)'}: ${describeSchemaError(e)}`, places.where(path));
}

/** The output stack against the Compose v3 rules `docker stack deploy` applies. */
export function validateStack(model: JsonObject, places: InputPlaces): Diagnostic[] {
  const validate = validatorFor(minorOf(model.version));
  if (!validate || validate(model)) return [];
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const e of simplifySchemaErrors(validate.errors)) {
    const diagnostic = stackDiagnostic(e, places);
    if (seen.has(diagnostic.message)) continue;
    seen.add(diagnostic.message);
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}
