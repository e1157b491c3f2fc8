import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { error, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { JsonObject } from '../model/compose-lists.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { createAjv, describeSchemaError, instancePath, readSchema } from './ajv.js';

/** The newest Compose 3.x schema the docker CLI ships; a stack without `version` is read with it. */
export const LATEST_MINOR = 13;

const ajv = createAjv({ validateFormats: false });
const validators = new Map<number, ValidateFunction>();

/**
 * The docker CLI's schemas are draft-04 style, naming sub-schemas with `id`; ajv 8 wants
 * `$id`, and every version's ids clash with the others'. The ids are only labels there
 * (references use JSON pointers), so they are dropped; a property called `id` is kept.
 */
function withoutDraft4Ids(schema: unknown, parentKey = ''): unknown {
  if (Array.isArray(schema)) return schema.map((item) => withoutDraft4Ids(item));
  if (schema === null || typeof schema !== 'object') return schema;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'id' && parentKey !== 'properties' && typeof value === 'string') continue;
    result[key] = withoutDraft4Ids(value, key);
  }
  return result;
}

/** The docker CLI's own schema for a 3.x version, compiled on first use. */
function validatorFor(minor: number): ValidateFunction | undefined {
  const cached = validators.get(minor);
  if (cached) return cached;
  const file = `compose/config_schema_v3.${minor}.json`;
  if (!existsSync(join(PACKAGE_ROOT, 'schemas', file))) return undefined;
  const schema = withoutDraft4Ids(readSchema(file)) as Record<string, unknown>;
  delete schema.$schema;
  const validate = ajv.compile({ ...schema, $id: `compose-v3.${minor}` });
  validators.set(minor, validate);
  return validate;
}

function minorOf(version: unknown): number {
  const match = /^3(?:\.(\d+))?$/.exec(String(version ?? '').trim());
  if (version === undefined) return LATEST_MINOR;
  return match ? Math.min(Number(match[1] ?? 0), LATEST_MINOR) : LATEST_MINOR;
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
