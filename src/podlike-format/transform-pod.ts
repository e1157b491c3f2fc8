/**
 * One Podlike-format service made into a pod as `podlike template` makes it
 * (pkg/template/transform.go): the pod templates give the controller, the transformer
 * templates the main component, `templates` the other components, `init` the init components
 * and `copy` the copy lists; each merged by Podlike's rules, with the service's own keys
 * filled in where the templates left them out.
 */
import { isAbsolute, join } from 'node:path';
import { CompileError, error, type SourcePosition } from '../diagnostics.js';
import { isObject, setEntry, type Json, type JsonObject } from '../model/compose-lists.js';
import { MERGED_POD_KEYS, MERGED_TRANSFORMER_KEYS, mergeRecursively, mergeServiceProperties } from './merge-rules.js';
import type { PodlikeServiceConfig, TemplateSource } from './podlike-config.js';
import { minimalPodProperties } from './podlike-defaults.js';

/** A rendered template: the mapping it produced, and where the template is, for diagnostics. */
export interface Rendered {
  mapping: JsonObject;
  describe: string;
  at: SourcePosition | undefined;
}

export type RenderTemplate = (source: TemplateSource) => Rendered;

export interface PodlikePod {
  controller: JsonObject;
  /** The main component first. */
  components: Record<string, JsonObject>;
  init: JsonObject[];
  copy: Record<string, string[]>;
}

/** The single root key a pod, transformer or init template must produce. */
function singleRoot(rendered: Rendered, what: string): [string, JsonObject] {
  const keys = Object.keys(rendered.mapping);
  if (keys.length !== 1) {
    const found = keys.length === 0 ? 'none' : `${keys.length} (${keys.join(', ')})`;
    throw new CompileError([error(`${rendered.describe}: a ${what} template must define exactly one root key, but it defines ${found}`, rendered.at)]);
  }
  return [keys[0], definition(rendered.mapping[keys[0]])];
}

/** A definition as merged: an empty one (`pod:` with nothing under it) is an empty mapping. */
function definition(value: Json): JsonObject {
  return isObject(value) ? value : {};
}

/** Relative bind sources made absolute against the stack's folder, as docker's loader does for Podlike. */
function absoluteBinds(component: JsonObject, stackDir: string): JsonObject {
  if (!Array.isArray(component.volumes)) return component;
  const relative = (source: string) => source.startsWith('.') && !isAbsolute(source);
  const volumes = component.volumes.map((entry) => {
    if (typeof entry === 'string') {
      const at = entry.indexOf(':');
      return at > 0 && relative(entry.slice(0, at)) ? join(stackDir, entry.slice(0, at)) + entry.slice(at) : entry;
    }
    if (isObject(entry) && entry.type === 'bind' && typeof entry.source === 'string' && relative(entry.source)) return { ...entry, source: join(stackDir, entry.source) };
    return entry;
  });
  return { ...component, volumes };
}

/** What a pod's templates produced, kind by kind, in the order they apply: what Podlike merges into a pod. */
export interface PodlikeParts {
  /** Each pod template's controller definition. */
  pod: JsonObject[];
  /** Each transformer template's main component, with the name it gives it (the first names the component). */
  transformer: [string, JsonObject][];
  /** Each `templates` template's mapping of component name to component. */
  templates: JsonObject[];
  /** Each init template's component. */
  init: JsonObject[];
  /** Each copy template's mapping of component to its copies. */
  copy: { mapping: JsonObject; describe: string; at: SourcePosition | undefined }[];
}

function controllerOf(parts: PodlikeParts, service: JsonObject): JsonObject {
  const controller: JsonObject = {};
  for (const definition of parts.pod) mergeRecursively(controller, definition);
  mergeServiceProperties(controller, service, MERGED_POD_KEYS);
  // Only where still missing: Podlike's minimal properties never extend what is there.
  for (const [key, value] of Object.entries(minimalPodProperties())) if (!Object.hasOwn(controller, key)) controller[key] = value;
  return controller;
}

function mainComponentOf(parts: PodlikeParts, service: JsonObject): [string, JsonObject] {
  const component: JsonObject = {};
  for (const [, value] of parts.transformer) mergeRecursively(component, value);
  mergeServiceProperties(component, service, MERGED_TRANSFORMER_KEYS);
  return [parts.transformer[0]?.[0] ?? '', component];
}

function otherComponentsOf(parts: PodlikeParts): Record<string, JsonObject> {
  const merged: JsonObject = {};
  for (const mapping of parts.templates) mergeRecursively(merged, mapping);
  return Object.fromEntries(Object.entries(merged).map(([name, value]) => [name, definition(value)]));
}

/** Copy items: a mapping becomes `source:target` strings, a string a one-item list (transform.go's executeCopyTemplates). */
function copiesOf(parts: PodlikeParts): Record<string, string[]> {
  const merged: JsonObject = {};
  for (const rendered of parts.copy) {
    const item: JsonObject = {};
    for (const [component, value] of Object.entries(rendered.mapping)) {
      if (isObject(value)) setEntry(item, component, Object.entries(value).map(([from, to]) => `${from}:${String(to)}`));
      else if (typeof value === 'string') setEntry(item, component, [value]);
      else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) setEntry(item, component, value);
      else throw new CompileError([error(`${rendered.describe}: the copy of component "${component}" must be a "source:target" string, a list of them, or a mapping of source to target`, rendered.at)]);
    }
    mergeRecursively(merged, item);
  }
  return Object.fromEntries(Object.entries(merged).map(([component, list]) => [component, (list as string[]).map(String)]));
}

/** The pod Podlike merges from what its templates produced and the service as written (without its x-podlike). */
export function assemblePodlikePod(parts: PodlikeParts, service: JsonObject, stackDir: string): PodlikePod {
  const controller = controllerOf(parts, service);
  const [main, app] = mainComponentOf(parts, service);
  const components: Record<string, JsonObject> = {};
  setEntry(components, main, absoluteBinds(app, stackDir));
  for (const [name, component] of Object.entries(otherComponentsOf(parts))) setEntry(components, name, absoluteBinds(component, stackDir));
  const init = parts.init.map((component) => absoluteBinds(component, stackDir));
  return { controller, components, init, copy: copiesOf(parts) };
}

/** The pod Podlike makes of one service (`service`: as written, without its x-podlike). */
export function transformPod(config: PodlikeServiceConfig, service: JsonObject, render: RenderTemplate, stackDir: string): PodlikePod {
  const parts: PodlikeParts = {
    pod: config.lists.pod.map((source) => singleRoot(render(source), 'pod')[1]),
    transformer: config.lists.transformer.map((source) => singleRoot(render(source), 'transformer')),
    templates: config.lists.templates.map((source) => render(source).mapping),
    init: config.lists.init.map((source) => singleRoot(render(source), 'init')[1]),
    copy: config.lists.copy.map(render),
  };
  return assemblePodlikePod(parts, service, stackDir);
}
