import { CompileError, error, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { stackPosition, type LoadedStack } from '../load/read-stack.js';
import type { PathKey } from '../load/source-file.js';
import { RESERVED_NAMES } from '../model/reserved-names.js';
import { isObject, setEntry, type Json, type JsonObject } from '../model/compose-lists.js';
import { didYouMean } from '../suggest.js';
import type { ValidateFunction } from 'ajv';
import { describeSchemaError, instancePath, simplifySchemaErrors } from '../validate/ajv.js';
import { precompiled } from '../validate/precompiled.js';
import { NO_OUTSIDE_ARGS, type OutsideArgs } from '../outside-args/outside-arg.js';

/** The label prefix of everything podlike-gen reads from a service; none of it is emitted. */
export const LABEL_PREFIX = 'podlike.';
const TEMPLATES_LABEL = 'podlike.templates';
export const DEFAULT_CONTROLLER_IMAGE = 'rycus86/podlike:latest';
export const DEFAULT_CONTROLLER_FLAGS = ['-logs', '-ipc=false'];



/** A value with the place it was written, so diagnostics can point at it. */
export interface Located<T> {
  value: T;
  where?: SourcePosition;
}

export interface StackConfig {
  templatesPath: string[];
  defaults: Located<string>[];
  controllerImage: string;
  controllerFlags: string[];
  /** How pods merge: podlike-gen's layers, or Podlike's own rules (x-podlike.merge: podlike, for a migrated stack). */
  merge: 'podlike-gen' | 'podlike';
  /** template → args */
  args: Record<string, Located<JsonObject>>;
  /** Args given from outside the stack (`--set`, `--values`). */
  outside: OutsideArgs;
}

export interface LabelArg {
  /** `podlike.http.cache.size` → template `http`, path `['cache', 'size']`. */
  template: string;
  path: string[];
  value: string;
  where?: SourcePosition;
}

/** What a service asks of its pod: templates in order, and args from labels and x-podlike. */
export interface PodRequest {
  service: string;
  templates: Located<string>[];
  labelArgs: LabelArg[];
  serviceArgs: Record<string, Located<JsonObject>>;
  /** The main component's name (x-podlike.main-component), when not `app`. */
  mainComponent?: Located<string>;
  where?: SourcePosition;
}

/**
 * Where a value was written in the stack, looked up when a diagnostic first asks for it: a
 * large stack has thousands of these, and almost none is ever shown.
 */
class StackPlace {
  private found: { position: SourcePosition | undefined } | undefined;

  constructor(
    private readonly stack: LoadedStack,
    private readonly writtenAt: readonly PathKey[],
    private readonly atKey = false,
  ) {}

  get where(): SourcePosition | undefined {
    this.found ??= { position: stackPosition(this.stack, this.writtenAt, this.atKey) };
    return this.found.position;
  }
}

class LocatedInStack<T> extends StackPlace implements Located<T> {
  constructor(
    readonly value: T,
    stack: LoadedStack,
    writtenAt: readonly PathKey[],
  ) {
    super(stack, writtenAt);
  }
}

class LabelArgInStack extends StackPlace implements LabelArg {
  constructor(
    readonly template: string,
    readonly path: string[],
    readonly value: string,
    stack: LoadedStack,
    label: LabelEntry,
  ) {
    super(stack, label.path, true);
  }
}

class PodRequestInStack extends StackPlace implements PodRequest {
  constructor(
    readonly service: string,
    readonly templates: Located<string>[],
    readonly labelArgs: LabelArg[],
    readonly serviceArgs: Record<string, Located<JsonObject>>,
    readonly mainComponent: Located<string> | undefined,
    stack: LoadedStack,
  ) {
    super(stack, ['services', service], true);
  }
}

/** `http, with-logging with-sd` → names; commas and/or spaces separate them. */
export function splitNames(value: string): string[] {
  return value.split(/[\s,]+/).filter((name) => name !== '');
}

/** Template names from a list or a comma/space separated string, each located at its own item. */
function locatedNames(stack: LoadedStack, path: PathKey[], value: unknown): Located<string>[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => splitNames(String(item)).map((name) => located(stack, [...path, i], name)));
  return typeof value === 'string' ? splitNames(value).map((name) => located(stack, path, name)) : [];
}

function schemaErrors(stack: LoadedStack, base: PathKey[], errors: ValidateFunction['errors']): Diagnostic[] {
  const known = ['templates-path', 'defaults', 'controller', 'merge', 'args', 'templates', 'main-component', 'image', 'flags'];
  return simplifySchemaErrors(errors).map((e) => {
      const at = [...base, ...instancePath(e)];
      const extra = e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : undefined;
      const hint = extra ? didYouMean(extra, known) : '';
      return error(`${at.join('.')}: ${describeSchemaError(e)}${hint}`, stackPosition(stack, extra ? [...at, extra] : at, !!extra));
    });
}

function located<T>(stack: LoadedStack, path: PathKey[], value: T): Located<T> {
  return new LocatedInStack(value, stack, path);
}

function argsByTemplate(stack: LoadedStack, path: PathKey[], args: unknown): Record<string, Located<JsonObject>> {
  const result: Record<string, Located<JsonObject>> = {};
  if (!isObject(args)) return result;
  for (const [template, value] of Object.entries(args)) {
    if (!isObject(value)) continue;
    refuseReservedArgNames(stack, [...path, template], value);
    setEntry(result, template, located(stack, [...path, template], value));
  }
  return result;
}

/**
 * ajv fills in defaults and checks args by property name, where these names reach an object's
 * prototype instead of an entry (an arg `__proto__` was silently dropped): refused, as labels
 * and templates' args schemas refuse them.
 */
function refuseReservedArgNames(stack: LoadedStack, path: PathKey[], args: JsonObject): void {
  const reserved = Object.keys(args).find((key) => RESERVED_NAMES.has(key));
  if (reserved) {
    throw new CompileError([error(`${path.join('.')}: "${reserved}" is not a valid arg name: it names a JavaScript object's prototype`, stackPosition(stack, [...path, reserved], true))]);
  }
}

/** The stack-level `x-podlike`, checked and with defaults filled in. */
export function readStackConfig(stack: LoadedStack): StackConfig {
  const raw = stack.model['x-podlike'] ?? {};
  const validateStackConfig = precompiled('x-podlike-stack');
  if (!validateStackConfig(raw)) throw new CompileError(schemaErrors(stack, ['x-podlike'], validateStackConfig.errors));
  const config = raw as JsonObject;
  const controller = (config.controller ?? {}) as JsonObject;
  const templatesPath = config['templates-path'];
  const defaults = locatedNames(stack, ['x-podlike', 'defaults'], config.defaults);
  return {
    templatesPath: typeof templatesPath === 'string' ? [templatesPath] : ((templatesPath as string[] | undefined) ?? []),
    defaults,
    controllerImage: typeof controller.image === 'string' ? controller.image : DEFAULT_CONTROLLER_IMAGE,
    controllerFlags: Array.isArray(controller.flags) ? controller.flags.map(String) : DEFAULT_CONTROLLER_FLAGS,
    merge: config.merge === 'podlike' ? 'podlike' : 'podlike-gen',
    args: argsByTemplate(stack, ['x-podlike', 'args'], config.args),
    outside: NO_OUTSIDE_ARGS,
  };
}

interface LabelEntry {
  key: string;
  value: Json;
  path: PathKey[];
}

/** Labels in mapping or `KEY=VALUE` list form, each with its path in the file. */
export function labelEntries(labels: unknown, path: PathKey[]): LabelEntry[] {
  if (isObject(labels)) return Object.entries(labels).map(([key, value]) => ({ key, value, path: [...path, key] }));
  if (!Array.isArray(labels)) return [];
  return labels.map((item, index) => {
    const text = String(item);
    const at = text.indexOf('=');
    return at < 0
      ? { key: text, value: '', path: [...path, index] }
      : { key: text.slice(0, at), value: text.slice(at + 1), path: [...path, index] };
  });
}

/** Every `podlike.*` label of a service, from `labels` and `deploy.labels`. */
export function podlikeLabels(name: string, service: JsonObject): LabelEntry[] {
  const deploy = isObject(service.deploy) ? service.deploy : {};
  return [
    ...labelEntries(service.labels, ['services', name, 'labels']),
    ...labelEntries(deploy.labels, ['services', name, 'deploy', 'labels']),
  ].filter((entry) => entry.key.startsWith(LABEL_PREFIX));
}

/** The pod a service asks for, or undefined when it is a plain service. */
export function readPodRequest(stack: LoadedStack, name: string, service: JsonObject): PodRequest | undefined {
  const labels = podlikeLabels(name, service);
  const xPodlike = service['x-podlike'];
  if (labels.length === 0 && xPodlike === undefined) return undefined;

  const base: PathKey[] = ['services', name, 'x-podlike'];
  const validateServiceConfig = precompiled('x-podlike-service');
  if (xPodlike !== undefined && !validateServiceConfig(xPodlike)) {
    throw new CompileError(schemaErrors(stack, base, validateServiceConfig.errors));
  }
  const config = (xPodlike ?? {}) as JsonObject;
  const templates = locatedNames(stack, [...base, 'templates'], config.templates);
  const labelArgs: LabelArg[] = [];
  for (const label of labels) {
    if (label.key === TEMPLATES_LABEL) {
      templates.push(...splitNames(String(label.value ?? '')).map((value) => located(stack, label.path, value)));
      continue;
    }
    const [template, ...path] = label.key.slice(LABEL_PREFIX.length).split('.');
    if (path.length === 0 || path.some((part) => part === '')) {
      throw new CompileError([
        error(`service "${name}": label "${label.key}" is not of the form podlike.<template>.<arg>${path.length === 0 ? didYouMean(label.key, [TEMPLATES_LABEL]) : ''}`, stackPosition(stack, label.path, true)),
      ]);
    }
    const reserved = path.find((part) => RESERVED_NAMES.has(part));
    if (reserved) {
      // An arg path is turned into nested objects; these names would reach into their prototypes.
      throw new CompileError([error(`service "${name}": label "${label.key}" uses "${reserved}", which is not a valid arg name`, stackPosition(stack, label.path, true))]);
    }
    labelArgs.push(new LabelArgInStack(template, path, label.value === null ? '' : String(label.value), stack, label));
  }
  const unique = new Map<string, Located<string>>();
  for (const t of templates) if (!unique.has(t.value)) unique.set(t.value, t);
  const mainComponent = typeof config['main-component'] === 'string' ? located(stack, [...base, 'main-component'], config['main-component']) : undefined;
  return new PodRequestInStack(name, [...unique.values()], labelArgs, argsByTemplate(stack, [...base, 'args'], config.args), mainComponent, stack);
}
