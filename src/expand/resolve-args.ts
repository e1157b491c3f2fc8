import type { ErrorObject } from 'ajv';
import { CompileError, error, excerpt, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { isObject, setEntry, type Json, type JsonObject } from '../model/compose-lists.js';
import { didYouMean } from '../suggest.js';
import { describeSchemaError, instancePath, simplifySchemaErrors } from '../validate/ajv.js';
import { findRequiredAlternatives, type RequiredAlternatives } from '../validate/required-alternatives.js';
import type { ArgSpec, Template } from '../templates/template.js';
import type { LabelArg, Located, PodRequest, StackConfig } from './pod-config.js';
import type { OutsideArg } from '../outside-args/outside-arg.js';
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

export function specAt(schema: ArgSpec, path: readonly string[]): ArgSpec | undefined {
  let spec: ArgSpec | undefined = schema;
  for (const part of path) spec = spec?.properties?.[part] ?? (isObject(spec?.additionalProperties) ? (spec?.additionalProperties as ArgSpec) : undefined);
  return spec;
}

export function setIn(target: JsonObject, path: readonly string[], value: Json): void {
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
  /** What `explain` names as having set an arg path: the layer, or each flag or values entry in it. */
  setters: (path: readonly string[]) => string[];
}

/** A layer's own name for every arg path it wrote. */
function namedLayer(name: string, values: JsonObject, where: ArgLayer['where']): ArgLayer {
  return { name, values, where, setters: (path) => (valueAt(values, path) === undefined ? [] : [name]) };
}

/** The label layer: `podlike.<template>.<arg>` labels, coerced to the schema's types. */
function labelLayer(template: Template, labels: readonly LabelArg[]): ArgLayer {
  const values: JsonObject = {};
  const positions = new Map<string, SourcePosition | undefined>();
  for (const label of labels) {
    setIn(values, label.path, coerceLabelValue(label.value, specAt(template.argsSchema, label.path)));
    positions.set(label.path.join('.'), label.where);
  }
  return namedLayer('labels', values, (path) => {
    const key = path.map(String).join('.');
    for (let n = path.length; n > 0; n--) {
      const found = positions.get(path.slice(0, n).map(String).join('.'));
      if (found) return found;
    }
    return [...positions.entries()].find(([written]) => written.startsWith(`${key}.`))?.[1];
  });
}

function configLayer(name: string, located: Located<JsonObject> | undefined): ArgLayer {
  return namedLayer(name, located?.value ?? {}, () => located?.where);
}

/** Two arg paths where one is the other or inside it: writing either writes (part of) the other. */
function related(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  const shorter = Math.min(a.length, b.length);
  return a.slice(0, shorter).every((part, i) => String(part) === String(b[i]));
}

/** Args from `--set` and `--values` of one scope, later over earlier; each named after its flag or place. */
function outsideLayer(name: string, args: readonly OutsideArg[]): ArgLayer {
  const values: JsonObject = {};
  for (const arg of args) setIn(values, arg.path, structuredClone(arg.value));
  const writers = (path: readonly (string | number)[]) => args.filter((arg) => related(arg.path, path));
  return {
    name,
    values,
    where: (path) => writers(path).at(-1)?.place?.value,
    setters: (path) => writers(path).map((arg) => arg.shownAs),
  };
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
  const value = layer && valueAt(layer.values, argPath);
  if (e.keyword === 'pattern' && typeof value === 'string') {
    return error(`${subject}: arg "${arg}" is ${JSON.stringify(excerpt(value, 40))}, which ${describeSchemaError(e)}${argPurpose(specAt(template.argsSchema, argPath.map(String)))}${deployVariableHint(value)}`, where);
  }
  return error(`${subject}: arg "${arg}" ${describeSchemaError(e)}${deployVariableHint(value)}`, where);
}

/** ` (what it is: <the arg's description>)`, cut to a line's worth: what a refused value was meant to be. */
function argPurpose(spec: ArgSpec | undefined): string {
  const description = spec?.description?.replace(/\s+/g, ' ').trim().split(/(?<=\.) (?=[A-Z])/)[0].replace(/\.$/, '');
  return description ? ` (what it is: ${excerpt(description, 160)})` : '';
}

/** One error for a failed choice between required args: "set at least one of process, file, ...". */
function alternativesDiagnostic(alternatives: RequiredAlternatives, service: string, template: Template, fallback?: SourcePosition): Diagnostic {
  const base = instancePath(alternatives.error).map(String);
  const label = `podlike.${[template.name, ...base].join('.')}.<arg>`;
  return error(
    `service "${service}", template "${template.name}" (${template.file}): set ${alternatives.wording} ${alternatives.choices.map((c) => [...base, c].join('.')).join(', ')} (with the label ${label}, or in x-podlike.args)`,
    fallback,
  );
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

/** The `--set SERVICE:...` and per-service `--values` args of this pod for this template. */
function ownOutsideArgs(request: PodRequest, template: Template, stackConfig: StackConfig): OutsideArg[] {
  return stackConfig.outside.perService.filter((a) => a.template === template.name && a.service === request.service);
}

/** The layers of a template's args for one pod, lowest first (see the precedence table in the README). */
function argLayers(request: PodRequest, template: Template, stackConfig: StackConfig): ArgLayer[] {
  return [
    configLayer('stack x-podlike', stackConfig.args[template.name]),
    outsideLayer('--values/--set', stackConfig.outside.stackWide.filter((a) => a.template === template.name)),
    configLayer('service x-podlike', request.serviceArgs[template.name]),
    labelLayer(template, request.labelArgs.filter((l) => l.template === template.name)),
    outsideLayer('--values/--set for the service', ownOutsideArgs(request, template, stackConfig)),
  ];
}

/** The top-level args of a template that anything but its defaults sets for this pod (x-podlike, labels, --set, --values). */
export function argsSetFor(request: PodRequest, template: Template, stackConfig: StackConfig): Set<string> {
  return new Set(argLayers(request, template, stackConfig).flatMap((layer) => Object.keys(layer.values)));
}

/** One arg of a pod's template and what set it, lowest layer first; none: the template's default. */
export interface ArgOrigin {
  template: string;
  path: string;
  value: Json;
  setBy: string[];
}

/** Each leaf of some args: a mapping's keys, down to values that are not non-empty mappings. */
export function argLeaves(value: JsonObject, path: string[] = []): { path: string[]; value: Json }[] {
  return Object.entries(value).flatMap(([key, child]) =>
    isObject(child) && Object.keys(child).length > 0 ? argLeaves(child, [...path, key]) : [{ path: [...path, key], value: child }],
  );
}

/** For `explain`: every arg a pod's template got, with the layers that set it. */
export function argOrigins(request: PodRequest, template: Template, stackConfig: StackConfig, args: JsonObject): ArgOrigin[] {
  const layers = argLayers(request, template, stackConfig);
  return argLeaves(args).map((leaf) => ({ template: template.name, path: leaf.path.join('.'), value: leaf.value, setBy: layers.flatMap((layer) => layer.setters(leaf.path)) }));
}

/**
 * A template's args for one pod, validated against the template's schema: the layers of
 * argLayers, each over the ones before it, over the schema's defaults.
 *
 * Pods that write the same args for a template (most pods of a large stack) share one
 * resolution, so the result is shared: read it, never change it.
 */
export function resolveArgs(request: PodRequest, template: Template, stackConfig: StackConfig): JsonObject {
  const labels = request.labelArgs.filter((l) => l.template === template.name);
  const serviceArgs = request.serviceArgs[template.name];
  const own = ownOutsideArgs(request, template, stackConfig);
  const known = resolvedFor(stackConfig, template);
  const key = JSON.stringify([serviceArgs?.value ?? null, labels.map((l) => [l.path, l.value]), own.map((a) => [a.path, a.value])]);
  const cached = known.get(key);
  if (cached) return cached;
  const layers = argLayers(request, template, stackConfig);
  const args = layers.reduce<JsonObject>((merged, layer) => overlay(merged, layer.values), {});
  if (!template.validateArgs(args)) {
    const { alternatives, rest } = findRequiredAlternatives(template.validateArgs.errors, template.argsSchema);
    throw new CompileError([
      ...simplifySchemaErrors(rest).map((e) => argDiagnostic(e, request.service, template, layers, request.where)),
      ...alternatives.map((a) => alternativesDiagnostic(a, request.service, template, request.where)),
    ]);
  }
  known.set(key, args);
  return args;
}
