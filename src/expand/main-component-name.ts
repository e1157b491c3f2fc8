/**
 * A pod's main component under the name its service asks for (x-podlike.main-component).
 * A pod is built with the main component as `app`, which the layers, the whole-pod checks and
 * the templates' declarations (`listens: [{component: app}]`) use; the name is given to it
 * once the pod is built, in every layer too, so explain and graph show it where the output has it.
 */
import { CompileError, error } from '../diagnostics.js';
import { setEntry, type JsonObject } from '../model/compose-lists.js';
import type { Located } from './pod-config.js';
import { APP, type PodLayer } from '../model/pod-layer.js';

/** The entries of a record, `app` renamed, in their order. */
function renamed<T>(record: Record<string, T>, name: string): Record<string, T> {
  const result: Record<string, T> = {};
  for (const [key, value] of Object.entries(record)) setEntry(result, key === APP ? name : key, value);
  return result;
}

interface NamedParts {
  components: Record<string, JsonObject>;
  copy: Record<string, string[]>;
  labeled: { components: Record<string, JsonObject>; init: JsonObject[] };
  layers: PodLayer[];
}

/** The error for a main component name that a template's component has too, if one has. */
export function mainComponentClash(service: string, name: Located<string>, layers: readonly PodLayer[]): CompileError | undefined {
  const owner = layers.find((layer) => Object.hasOwn(layer.components, name.value));
  if (name.value === APP || !owner) return undefined;
  return new CompileError([error(`service "${service}": x-podlike.main-component "${name.value}" is also a component ${owner.template ? `template "${owner.template.name}" adds` : 'of the pod'}; give the main component another name`, name.where)]);
}

/** The pod's parts with the main component named `name`; a component of that name from a template is an error. */
export function nameMainComponent<T extends NamedParts>(service: string, parts: T, name: Located<string>): T {
  if (name.value === APP) return parts;
  const clash = mainComponentClash(service, name, parts.layers);
  if (clash) throw clash;
  const layers = parts.layers.map((layer) => ({ ...layer, components: renamed(layer.components, name.value), copy: renamed(layer.copy, name.value) }));
  return {
    ...parts,
    components: renamed(parts.components, name.value),
    copy: renamed(parts.copy, name.value),
    labeled: { ...parts.labeled, components: renamed(parts.labeled.components, name.value) },
    layers,
  };
}
