/**
 * A `--values FILE`: args by template, and per service under `services:`, typed as YAML
 * (like `x-podlike.args`):
 *
 *   with-logging: { server: "logs.prod:24224" }   # every pod that applies with-logging
 *   services:
 *     web:
 *       http: { port: 8080 }                      # the service web only
 */
import { resolve } from 'node:path';
import { CompileError, error, type Diagnostic } from '../diagnostics.js';
import { RESERVED_NAMES } from '../model/reserved-names.js';
import { readProblem } from '../load/file-problem.js';
import { FileTooLargeError, readLimited } from '../load/read-limited.js';
import { parseSource, positionOf, type PathKey, type SourceFile } from '../load/source-file.js';
import { isObject, type Json } from '../model/compose-lists.js';
import { argLeaves } from '../expand/resolve-args.js';
import type { OutsideArg } from './outside-arg.js';

/** The key of a values file that holds per-service args; no template can be named so there. */
const SERVICES_KEY = 'services';

function readText(path: string, cwd: string): string {
  try {
    return readLimited(resolve(cwd, path));
  } catch (e) {
    const message = e instanceof FileTooLargeError ? e.message : `cannot read values file: ${readProblem(e)}`;
    throw new CompileError([{ severity: 'error', message, file: path }]);
  }
}

interface Reading {
  file: SourceFile;
  args: OutsideArg[];
  problems: Diagnostic[];
}

/** The args of one template (`base` is where its mapping is in the file). */
function readTemplateArgs(reading: Reading, base: PathKey[], template: string, args: unknown, service?: string): void {
  const { file } = reading;
  if (!isObject(args)) {
    reading.problems.push(error(`values file: "${template}" must be a mapping of arg to value (template: {arg: value})`, positionOf(file, base)));
    return;
  }
  for (const leaf of argLeaves(args)) {
    const at = [...base, ...leaf.path];
    const reserved = [template, ...leaf.path].find((part) => RESERVED_NAMES.has(part));
    if (reserved) {
      reading.problems.push(error(`values file: "${reserved}" is not a valid template or arg name`, positionOf(file, at, true)));
      continue;
    }
    const key = positionOf(file, at, true);
    reading.args.push({
      service,
      template,
      path: leaf.path,
      value: leaf.value,
      isText: false,
      shownAs: `${file.path}:${key.line}:${key.col}`,
      place: {
        service: service === undefined ? undefined : positionOf(file, [SERVICES_KEY, service], true),
        template: positionOf(file, base, true),
        arg: key,
        value: positionOf(file, at),
      },
    });
  }
}

function readServices(reading: Reading, services: unknown): void {
  const { file } = reading;
  if (!isObject(services)) {
    reading.problems.push(error('values file: services must be a mapping of service to its args by template (services: {web: {http: {port: 80}}})', positionOf(file, [SERVICES_KEY])));
    return;
  }
  for (const [service, templates] of Object.entries(services)) {
    if (!isObject(templates)) {
      reading.problems.push(error(`values file: services.${service} must be a mapping of template to args (${service}: {http: {port: 80}})`, positionOf(file, [SERVICES_KEY, service])));
      continue;
    }
    for (const [template, args] of Object.entries(templates)) readTemplateArgs(reading, [SERVICES_KEY, service, template], template, args, service);
  }
}

/** The args a values file gives, each with its place; a file that is not this shape is an error at the place. */
export function readValuesFile(path: string, cwd: string): OutsideArg[] {
  const file = parseSource(path, readText(path, cwd));
  const reading: Reading = { file, args: [], problems: [] };
  if (file.value !== null && file.value !== undefined && !isObject(file.value)) {
    throw new CompileError([error('a values file must be a mapping of template to args (http: {port: 80}), with per-service args under services:', positionOf(file, []))]);
  }
  for (const [key, value] of Object.entries((file.value ?? {}) as Record<string, Json>)) {
    if (key === SERVICES_KEY) readServices(reading, value);
    else readTemplateArgs(reading, [key], key, value);
  }
  if (reading.problems.length > 0) throw new CompileError(reading.problems);
  return reading.args;
}
