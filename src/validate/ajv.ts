import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Ajv, ErrorObject, Options } from 'ajv';
import { buildOutput } from '../build-output.js';
import { PACKAGE_ROOT } from '../package-root.js';

let ajvModule: typeof import('ajv') | undefined;

/**
 * An ajv instance, for schemas no build step compiled (a user template's args). ajv itself
 * loads on the first such call: a run with only precompiled schemas never loads it. The build
 * bundles it into one file with a code cache (dist/chunks/ajv.cjs, see scripts/bundle.mjs).
 */
export function createAjv(options: Options = {}): Ajv {
  ajvModule ??= (buildOutput('chunks/ajv.cjs') ?? createRequire(import.meta.url)('ajv')) as typeof import('ajv');
  return new ajvModule.Ajv({ allErrors: true, strict: false, ...options });
}

/** A JSON Schema shipped in the package's schemas/ folder. */
export function readSchema(relativePath: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, 'schemas', relativePath), 'utf8')) as Record<string, unknown>;
}

/** `/a/b/0` → `['a', 'b', 0]`: an ajv error's instance path as path keys. */
export function instancePath(error: ErrorObject): (string | number)[] {
  if (!error.instancePath) return [];
  return error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** A JSON Schema type as a YAML author says it. */
const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

/** A JSON Schema type as a YAML author says it: `integer` is "a whole number". */
export function typeInWords(type: string): string {
  return TYPE_WORDS[type] ?? type;
}

/** One readable sentence for an ajv error, naming the offending key where it has one. */
export function describeSchemaError(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown key "${String(params.additionalProperty)}"`;
    case 'required':
      return `missing required key "${String(params.missingProperty)}"`;
    case 'type':
      return `must be ${String(params.type).split(',').map(typeInWords).join(' or ')}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      // The docker CLI's `duration` format, which the build turns into a pattern.
      return String(params.pattern).includes('(ns|us|') ? 'must match format "duration"' : (e.message ?? 'must match a pattern');
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return e.message ?? e.keyword;
  }
}

/**
 * The errors worth showing: a oneOf/anyOf failure only repeats its branches, a value that is
 * none of several allowed types is one problem ("must be a string or a list"), not one
 * contradicting error per type, and a value of an allowed kind gets only that kind's errors.
 */
export function simplifySchemaErrors(errors: readonly ErrorObject[] | null | undefined): ErrorObject[] {
  const result: ErrorObject[] = [];
  const typeErrors = new Map<string, ErrorObject>();
  for (const e of errors ?? []) {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf') continue;
    if (e.keyword === 'type') {
      const earlier = typeErrors.get(e.instancePath);
      if (earlier) {
        const types = new Set([...String(earlier.params.type).split(','), ...String(e.params.type).split(',')]);
        earlier.params = { ...earlier.params, type: [...types].join(',') };
        continue;
      }
      const copy = { ...e, params: { ...e.params } };
      typeErrors.set(e.instancePath, copy);
      result.push(copy);
      continue;
    }
    result.push(e);
  }
  // Ajv checks a keyword other than `type` only on a value of the kind it applies to: an error
  // at a path from another keyword, or one below it, comes from a branch of the right kind, and
  // the type errors of the other branches ("must be a string" of a long-syntax volume) are beside the point.
  const rightKind = new Set(result.filter((e) => e.keyword !== 'type').map((e) => e.instancePath));
  const below = (path: string) => result.some((e) => e.instancePath.startsWith(`${path}/`));
  return result.filter((e) => e.keyword !== 'type' || !(rightKind.has(e.instancePath) || below(e.instancePath)));
}
