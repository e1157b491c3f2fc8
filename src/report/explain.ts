import { isObject, type Json } from '../model/compose-lists.js';
import type { Pod } from '../model/pod.js';
import type { ArgOrigin } from '../expand/resolve-args.js';
import type { PodLayer } from '../model/pod-layer.js';

/** Lists that stand for one value, explained whole; other lists are explained item by item. */
const WHOLE_LISTS = new Set(['command', 'entrypoint', 'test']);

/** One key (or list item) of a pod's output and the layers that set it, the winning one last. */
export interface KeyOrigin {
  path: string;
  value: Json;
  setBy: string[];
}

function flatten(value: Json, path: string, into: Map<string, Json>): void {
  const key = path.slice(path.lastIndexOf('.') + 1);
  if (isObject(value)) {
    for (const [child, childValue] of Object.entries(value)) flatten(childValue, path ? `${path}.${child}` : child, into);
  } else if (Array.isArray(value) && !WHOLE_LISTS.has(key)) {
    for (const item of value) into.set(`${path}[${JSON.stringify(item)}]`, item);
  } else {
    into.set(path, value);
  }
}

function layerLeaves(layer: Pick<PodLayer, 'controller' | 'components' | 'init' | 'copy' | 'stack'>): Map<string, Json> {
  const leaves = new Map<string, Json>();
  flatten(layer.controller, 'controller', leaves);
  for (const [name, component] of Object.entries(layer.components)) flatten(component, `components.${name}`, leaves);
  layer.init.forEach((component, i) => flatten(component, `init[${i}]`, leaves));
  for (const [name, specs] of Object.entries(layer.copy)) flatten(specs, `copy.${name}`, leaves);
  for (const [section, entries] of Object.entries(layer.stack)) {
    for (const name of Object.keys(entries ?? {})) leaves.set(`stack.${section}.${name}`, '(definition)');
  }
  return leaves;
}

function layerName(layer: PodLayer): string {
  return layer.template ? `${layer.source} (${layer.template.file})` : layer.source;
}

/**
 * For every key of a pod's output, the layers that set it in merge order: defaults,
 * templates, the service. Keys no layer wrote were derived by podlike-gen itself
 * (volumes attached to the controller, configs copied into the app).
 */
function keyOrigins(pod: Pod): KeyOrigin[] {
  const setters = new Map<string, string[]>();
  for (const layer of pod.layers) {
    for (const path of layerLeaves(layer).keys()) setters.set(path, [...(setters.get(path) ?? []), layerName(layer)]);
  }
  const final = layerLeaves({ controller: pod.controller, components: pod.components, init: pod.init, copy: pod.copy, stack: {} });
  // Winner last: under Podlike's rules the first layer that sets a key wins.
  const inOrder = (by: string[]) => (pod.merge === 'podlike' ? [...by].reverse() : by);
  const origins: KeyOrigin[] = [...final].map(([path, value]) => ({ path, value, setBy: inOrder(setters.get(path) ?? ['podlike-gen (derived)']) }));
  for (const [path, by] of setters) if (path.startsWith('stack.')) origins.push({ path, value: '(definition)', setBy: by });
  return origins;
}

/** Long values (a generated config file) are cut: the report is about where a key came from. */
function shorten(text: string, limit = 80): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 3)}...`;
}

/** `path = value  <- layer (overrides ...)`: the winning layer, then the ones it overrode. */
function originLine(path: string, value: string, setBy: readonly string[]): string {
  const [winner, ...earlier] = [...setBy].reverse();
  const overrides = earlier.length > 0 ? ` (overrides ${earlier.reverse().join(', ')})` : '';
  return `  ${path}${value}  <- ${winner}${overrides}`;
}

/**
 * The explain report of one pod, one line a key: first the args something other than the
 * template's defaults set (`args.<template>.<arg>`, `templates show` lists the defaults), then
 * every key of the output.
 */
/**
 * One pod's explain report as JSON (schemas/explain-report.schema.json): the args something
 * other than the defaults set, and every key of the output, each with the layers that set it,
 * the winner last.
 */
export function explainPodJson(pod: Pod): { service: string; templates: string[]; args: ArgOrigin[]; keys: KeyOrigin[] } {
  const args = pod.argOrigins().filter((arg) => arg.setBy.length > 0);
  return { service: pod.service, templates: pod.templates.map((t) => t.name), args, keys: keyOrigins(pod) };
}

export function explainPod(pod: Pod): string {
  const lines = [`service "${pod.service}": a pod of ${pod.templates.map((t) => t.name).join(', ') || 'no templates'}`];
  for (const arg of pod.argOrigins()) {
    if (arg.setBy.length > 0) lines.push(originLine(`args.${arg.template}.${arg.path}`, ` = ${shorten(JSON.stringify(arg.value))}`, arg.setBy));
  }
  for (const origin of keyOrigins(pod)) {
    const value = origin.path.endsWith(']') || origin.value === '(definition)' ? '' : ` = ${shorten(JSON.stringify(origin.value))}`;
    lines.push(originLine(origin.path, value, origin.setBy));
  }
  return `${lines.join('\n')}\n`;
}
