import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
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

/** The output stack against the Compose v3 rules `docker stack deploy` applies. */
export function validateStack(model: JsonObject, where: (path: (string | number)[]) => SourcePosition | undefined): Diagnostic[] {
  const validate = validatorFor(minorOf(model.version));
  if (!validate || validate(model)) return [];
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const e of simplifySchemaErrors(validate.errors)) {
    const path = instancePath(e);
    const message = `output stack: ${path.join('.') || '(top level)'}: ${describeSchemaError(e)}`;
    if (seen.has(message)) continue;
    seen.add(message);
    diagnostics.push(error(message, where(path)));
  }
  return diagnostics;
}
