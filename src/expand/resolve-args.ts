import type { ErrorObject } from 'ajv';
import { CompileError, error, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { isObject, setEntry, type Json, type JsonObject } from '../model/compose-lists.js';
import { didYouMean } from '../suggest.js';
import { describeSchemaError, instancePath, simplifySchemaErrors } from '../validate/ajv.js';
import type { ArgSpec, Template } from '../templates/template.js';
import type { LabelArg, Located, PodRequest, StackConfig } from './pod-config.js';
import { deployVariableHint } from '../model/deploy-variables.js';

function types(spec: ArgSpec | undefined): string[] {
  if (!spec?.type) return [];
  return Array.isArray(spec.type) ? spec.type : [spec.type];
}

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);

/**
 * A decimal number: `12`, `-1.5`, `.5`, `1e3`. Written so that no two parts can take the same
 * digits: `\d+\.?\d*` could split a run of digits any way, and backtracked through every split
 * of a long run that does not end as a number.
 */
const DECIMAL = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * A label's string as the type its arg's schema declares. What cannot be read as that type
 * stays a string, so the schema check reports it against the arg.
 */
export function coerceLabelValue(text: string, spec: ArgSpec | undefined): Json {
  const wanted = types(spec);
  if (wanted.includes('string') || wanted.length === 0) return text;
  if (wanted.includes('array')) {
    return text
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => coerceLabelValue(part, spec?.items));
  }
  const trimmed = text.trim();
  if ((wanted.includes('integer') || wanted.includes('number')) && DECIMAL.test(trimmed)) {
    return Number(trimmed);
  }
  if (wanted.includes('boolean')) {
    if (TRUE_WORDS.has(trimmed.toLowerCase())) return true;
    if (FALSE_WORDS.has(trimmed.toLowerCase())) return false;
  }
  if (wanted.includes('null') && trimmed === '') return null;
  return text;
}

function specAt(schema: ArgSpec, path: readonly string[]): ArgSpec | undefined {
  let spec: ArgSpec | undefined = schema;
  for (const part of path) spec = spec?.properties?.[part] ?? (isObject(spec?.additionalProperties) ? (spec?.additionalProperties as ArgSpec) : undefined);
  return spec;
}

function setIn(target: JsonObject, path: readonly string[], value: Json): void {
  let node = target;
  for (const part of path.slice(0, -1)) {
    if (!isObject(node[part])) setEntry(node, part, {});
    node = node[part] as JsonObject;
  }
  setEntry(node, path[path.length - 1], value);
}

/** Later layers win key by key; lists and scalars are replaced whole. */
function overlay(base: JsonObject, over: JsonObject): JsonObject {
  const result: JsonObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const previous = Object.hasOwn(result, key) ? result[key] : undefined;
    setEntry(result, key, isObject(previous) && isObject(value) ? overlay(previous, value) : value !== null && typeof value === 'object' ? structuredClone(value) : value);
  }
  return result;
}

/** The value at a path, where there is one. */
function valueAt(value: Json | undefined, path: readonly (string | number)[]): Json | undefined {
  let node: Json | undefined = value;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, Json>)[part];
  }
  return node;
}

interface ArgLayer {
  name: string;
  values: JsonObject;
  /** Where an arg path was written in this layer. */
  where: (path: readonly (string | number)[]) => SourcePosition | undefined;
}

/** The label layer: `podlike.<template>.<arg>` labels, coerced to the schema's types. */
function labelLayer(template: Template, labels: readonly LabelArg[]): ArgLayer {
  const values: JsonObject = {};
  const positions = new Map<string, SourcePosition | undefined>();
  for (const label of labels) {
    setIn(values, label.path, coerceLabelValue(label.value, specAt(template.argsSchema, label.path)));
    positions.set(label.path.join('.'), label.where);
  }
  return {
    name: 'labels',
    values,
    where: (path) => {
      const key = path.map(String).join('.');
      for (let n = path.length; n > 0; n--) {
        const found = positions.get(path.slice(0, n).map(String).join('.'));
        if (found) return found;
      }
      return [...positions.entries()].find(([written]) => written.startsWith(`${key}.`))?.[1];
    },
  };
}

function configLayer(name: string, located: Located<JsonObject> | undefined): ArgLayer {
  return { name, values: located?.value ?? {}, where: () => located?.where };
}

function argDiagnostic(e: ErrorObject, service: string, template: Template, layers: readonly ArgLayer[], fallback?: SourcePosition): Diagnostic {
  const path = instancePath(e);
  const extra = e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : undefined;
  const argPath = extra ? [...path, extra] : path;
  const arg = argPath.join('.') || '(args)';
  // The highest-precedence layer that wrote this arg is the one to blame.
  const layer = [...layers].reverse().find((l) => valueAt(l.values, argPath) !== undefined);
  const where = layer?.where(argPath) ?? fallback;
  const subject = `service "${service}", template "${template.name}" (${template.file})`;
  if (extra) {
    const known = Object.keys(specAt(template.argsSchema, path.map(String))?.properties ?? {});
    return error(`${subject}: unknown arg "${arg}"${didYouMean(extra, known)}`, where);
  }
  if (e.keyword === 'required') {
    const missing = [...argPath, String(e.params.missingProperty)].join('.');
    return error(`${subject}: arg "${missing}" is required: set it with the label podlike.${template.name}.${missing}, or in x-podlike.args`, where);
  }
  return error(`${subject}: arg "${arg}" ${describeSchemaError(e)}${deployVariableHint(layer && valueAt(layer.values, argPath))}`, where);
}

/** Resolved args by stack config, template, and the args a pod wrote itself (as JSON). */
const resolvedArgs = new WeakMap<StackConfig, WeakMap<Template, Map<string, JsonObject>>>();

function resolvedFor(stackConfig: StackConfig, template: Template): Map<string, JsonObject> {
  let byTemplate = resolvedArgs.get(stackConfig);
  if (!byTemplate) resolvedArgs.set(stackConfig, (byTemplate = new WeakMap()));
  let known = byTemplate.get(template);
  if (!known) byTemplate.set(template, (known = new Map()));
  return known;
}

/**
 * A template's args for one pod: labels over service x-podlike over stack x-podlike over
 * the schema's defaults, validated against the template's schema.
 *
 * Pods that write the same args for a template (most pods of a large stack) share one
 * resolution, so the result is shared: read it, never change it.
 */
export function resolveArgs(request: PodRequest, template: Template, stackConfig: StackConfig): JsonObject {
  const labels = request.labelArgs.filter((l) => l.template === template.name);
  const serviceArgs = request.serviceArgs[template.name];
  const known = resolvedFor(stackConfig, template);
  const key = JSON.stringify([serviceArgs?.value ?? null, labels.map((l) => [l.path, l.value])]);
  const cached = known.get(key);
  if (cached) return cached;
  const layers = [configLayer('stack x-podlike', stackConfig.args[template.name]), configLayer('service x-podlike', serviceArgs), labelLayer(template, labels)];
  const args = layers.reduce<JsonObject>((merged, layer) => overlay(merged, layer.values), {});
  if (!template.validateArgs(args)) {
    throw new CompileError(simplifySchemaErrors(template.validateArgs.errors).map((e) => argDiagnostic(e, request.service, template, layers, request.where)));
  }
  known.set(key, args);
  return args;
}
