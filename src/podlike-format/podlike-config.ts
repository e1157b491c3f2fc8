/**
 * The `x-podlike` configuration of Podlike's own template format (`podlike template`,
 * pkg/template/hook.go and session.go), read from a loaded stack: per service, its pod,
 * transformer, init, templates and copy template lists and its args, plus the stack-wide args.
 * Lists and args from the service-level and the top-level extension combine as Podlike's
 * registerService combines them.
 */
import { CompileError, error, type Diagnostic } from '../diagnostics.js';
import { stackPosition, type LoadedStack } from '../load/read-stack.js';
import type { PathKey } from '../load/source-file.js';
import { isObject, type Json, type JsonObject } from '../model/compose-lists.js';
import { defaultPodTemplate, defaultTransformerTemplate } from './podlike-defaults.js';
import { mergeRecursively } from './merge-rules.js';

/** Where a template comes from, and where its configuration was written (for diagnostics). */
export type TemplateSource =
  | { kind: 'file'; path: string; fallback?: TemplateSource; at: PathKey[] }
  | { kind: 'inline'; text: string; mapping?: JsonObject; at: PathKey[]; builtIn?: string }
  | { kind: 'http'; url: string; insecure: boolean; fallback?: TemplateSource; at: PathKey[] };

export const TEMPLATE_KINDS = ['pod', 'transformer', 'init', 'templates', 'copy'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** One service's configuration; absent lists are empty (defaults are applied when the pod is made). */
export interface PodlikeServiceConfig {
  service: string;
  lists: Record<TemplateKind, TemplateSource[]>;
  /** Undefined when the configuration Podlike registered first had none: later args are then dropped, as Podlike drops them. */
  args?: JsonObject;
  /** Where the configuration was first written. */
  at: PathKey[];
}

export interface PodlikeConfig {
  /** Stack-wide args (top-level `x-podlike.args`). */
  args: JsonObject;
  /** Per service, in stack order. */
  services: PodlikeServiceConfig[];
}

const HTTP_PREFIX = /^https?:\/\//i;

function problem(stack: LoadedStack, message: string, at: PathKey[], key = false): CompileError {
  return new CompileError([error(message, stackPosition(stack, at, key))]);
}

/** One template item: a path or URL string, or a mapping with `file`, `inline` or `http` (hook.go). */
function readSource(stack: LoadedStack, item: Json, at: PathKey[]): TemplateSource {
  if (typeof item === 'string') return HTTP_PREFIX.test(item) ? { kind: 'http', url: item, insecure: false, at } : { kind: 'file', path: item, at };
  if (isObject(item)) {
    if (Object.hasOwn(item, 'file')) return readFile(stack, item.file, [...at, 'file']);
    if (Object.hasOwn(item, 'inline')) return readInline(stack, item.inline, [...at, 'inline']);
    if (Object.hasOwn(item, 'http')) return readHttp(stack, item.http, [...at, 'http']);
  }
  throw problem(stack, 'x-podlike: a template must be a file path, an http(s) URL, or a mapping with file, inline or http', at);
}

function readFallback(stack: LoadedStack, config: JsonObject, at: PathKey[]): TemplateSource | undefined {
  return config.fallback === undefined || config.fallback === null ? undefined : readSource(stack, config.fallback, [...at, 'fallback']);
}

function readFile(stack: LoadedStack, value: Json, at: PathKey[]): TemplateSource {
  if (typeof value === 'string') return { kind: 'file', path: value, at };
  if (isObject(value) && typeof value.path === 'string') return { kind: 'file', path: value.path, fallback: readFallback(stack, value, at), at };
  throw problem(stack, 'x-podlike: a file template needs a path: `file: PATH` or `file: {path: PATH, fallback: ...}`', at);
}

function readInline(stack: LoadedStack, value: Json, at: PathKey[]): TemplateSource {
  if (typeof value === 'string') return { kind: 'inline', text: value, at };
  if (isObject(value)) return { kind: 'inline', text: '', mapping: value, at };
  throw problem(stack, 'x-podlike: an inline template must be a string or a mapping', at);
}

function readHttp(stack: LoadedStack, value: Json, at: PathKey[]): TemplateSource {
  if (typeof value === 'string') return { kind: 'http', url: value, insecure: false, at };
  if (isObject(value) && typeof value.url === 'string') {
    if (value.insecure !== undefined && typeof value.insecure !== 'boolean') throw problem(stack, 'x-podlike: http insecure must be true or false', [...at, 'insecure']);
    return { kind: 'http', url: value.url, insecure: value.insecure === true, fallback: readFallback(stack, value, at), at };
  }
  throw problem(stack, 'x-podlike: an http template needs a URL: `http: URL` or `http: {url: URL, insecure: ..., fallback: ...}`', at);
}

/** A template list: one item, or a list of them. */
function readList(stack: LoadedStack, value: Json | undefined, at: PathKey[]): TemplateSource[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((item, i) => readSource(stack, item, [...at, i]));
  return [readSource(stack, value, at)];
}

function readServiceConfig(stack: LoadedStack, service: string, value: Json, at: PathKey[]): PodlikeServiceConfig {
  if (!isObject(value)) throw problem(stack, `x-podlike: the configuration of service "${service}" must be a mapping of pod, transformer, init, templates, copy and args`, at);
  const unknown = Object.keys(value).filter((key) => !(TEMPLATE_KINDS as readonly string[]).includes(key) && key !== 'args' && !key.startsWith('x-'));
  if (unknown.length > 0) throw problem(stack, `x-podlike: service "${service}" has "${unknown[0]}", which Podlike's template format does not have (pod, transformer, init, templates, copy, args)`, [...at, unknown[0]], true);
  const lists = Object.fromEntries(TEMPLATE_KINDS.map((kind) => [kind, readList(stack, value[kind], [...at, kind])])) as Record<TemplateKind, TemplateSource[]>;
  if (value.args !== undefined && value.args !== null && !isObject(value.args)) throw problem(stack, `x-podlike: the args of service "${service}" must be a mapping`, [...at, 'args']);
  return { service, lists, args: isObject(value.args) ? structuredClone(value.args) : undefined, at };
}

/**
 * session.go's registerService as docs/Templates.md describes it: a later configuration of a
 * service appends its lists (not init) and merges its args. (Podlike's code appends to a copy
 * and so drops the later lists; see docs/podlike-format.md.)
 */
function register(configs: Map<string, PodlikeServiceConfig>, config: PodlikeServiceConfig): void {
  const existing = configs.get(config.service);
  if (!existing) {
    configs.set(config.service, config);
    return;
  }
  for (const kind of ['pod', 'transformer', 'templates', 'copy'] as const) existing.lists[kind].push(...config.lists[kind]);
  if (existing.args && config.args) mergeRecursively(existing.args, config.args);
}

/** Reads every Podlike-format configuration of the stack; errors name the place they were written. */
export function readPodlikeConfig(stack: LoadedStack): PodlikeConfig {
  const services = isObject(stack.model.services) ? stack.model.services : {};
  const top = isObject(stack.model['x-podlike']) ? stack.model['x-podlike'] : {};
  const configs = new Map<string, PodlikeServiceConfig>();
  const errors: Diagnostic[] = [];
  const attempt = (read: () => void) => {
    try {
      read();
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      errors.push(...e.diagnostics);
    }
  };
  for (const [name, service] of Object.entries(services)) {
    if (isObject(service) && service['x-podlike'] !== undefined) attempt(() => register(configs, readServiceConfig(stack, name, service['x-podlike'], ['services', name, 'x-podlike'])));
  }
  if (top.args !== undefined && top.args !== null && !isObject(top.args)) errors.push(error('x-podlike: args must be a mapping', stackPosition(stack, ['x-podlike', 'args'])));
  for (const [name, value] of Object.entries(top)) {
    if (name === 'args' || name.startsWith('x-')) continue;
    if (!Object.hasOwn(services, name)) {
      errors.push(error(`x-podlike: "${name}" is not a service of this stack (Podlike's top-level x-podlike maps service names to their templates)`, stackPosition(stack, ['x-podlike', name], true)));
      continue;
    }
    attempt(() => register(configs, readServiceConfig(stack, name, value, ['x-podlike', name])));
  }
  if (errors.length > 0) throw new CompileError(errors);
  // The defaults fill what no configuration of the service gave, as the docs describe them.
  for (const config of configs.values()) {
    if (config.lists.pod.length === 0) config.lists.pod.push(defaultPodTemplate(config.at));
    if (config.lists.transformer.length === 0) config.lists.transformer.push(defaultTransformerTemplate(config.at));
  }
  const order = Object.keys(services);
  return {
    args: isObject(top.args) ? structuredClone(top.args) : {},
    services: [...configs.values()].sort((a, b) => order.indexOf(a.service) - order.indexOf(b.service)),
  };
}
