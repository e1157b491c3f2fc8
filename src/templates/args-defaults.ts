import type { ErrorObject, ValidateFunction } from 'ajv';
import { CompileError, error, excerpt } from '../diagnostics.js';
import { positionOf, type PathKey, type SourceFile } from '../load/source-file.js';
import { isObject } from '../model/compose-lists.js';
import { describeSchemaError, instancePath, simplifySchemaErrors } from '../validate/ajv.js';
import type { ArgSpec } from './template.js';

/**
 * A template's own defaults must pass its args schema. Otherwise every pod that leaves the arg
 * out fails, and the error blames the service (`arg "port" must be a whole number` at a stack
 * that never wrote a port) for what the template author wrote.
 *
 * The check validates no args at all: with ajv's useDefaults, whatever is then present came
 * from a default, so an error anywhere below the top is a default's. A required arg is the
 * stack's to give, not a default's problem.
 */
export function checkArgsDefaults(file: SourceFile, schema: ArgSpec, validate: ValidateFunction): void {
  if (validate({})) return;
  const problems = simplifySchemaErrors(validate.errors).filter((e) => e.instancePath !== '');
  if (problems.length === 0) return;
  throw new CompileError(problems.map((e) => defaultProblem(file, schema, e)));
}

function defaultProblem(file: SourceFile, schema: ArgSpec, e: ErrorObject) {
  const path = instancePath(e);
  const owner = defaultOwner(schema, path);
  const inside = path.slice(owner.argPath.length);
  const detail = inside.length > 0 ? `${path.join('.')}: ` : '';
  const value = excerpt(JSON.stringify(owner.value), 40);
  return error(
    `invalid args schema: the default of arg "${owner.argPath.join('.')}" (${value}) does not pass its own schema: ${detail}${describeSchemaError(e)}`,
    positionOf(file, owner.keyPath),
  );
}

/** The deepest arg along an instance path whose schema has a default: the default the value came from. */
function defaultOwner(schema: ArgSpec, path: readonly PathKey[]): { argPath: PathKey[]; keyPath: PathKey[]; value: unknown } {
  let node: unknown = schema;
  let keyPath: PathKey[] = ['args'];
  let found = { argPath: [] as PathKey[], keyPath: ['args'] as PathKey[], value: undefined as unknown };
  for (let i = 0; i < path.length; i++) {
    const properties = isObject(node) ? node.properties : undefined;
    if (!isObject(properties) || !isObject(properties[String(path[i])])) break;
    node = properties[String(path[i])];
    keyPath = [...keyPath, 'properties', path[i]];
    if ('default' in (node as object)) found = { argPath: path.slice(0, i + 1), keyPath: [...keyPath, 'default'], value: (node as { default: unknown }).default };
  }
  return found;
}
