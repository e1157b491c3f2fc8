import { CompileError, error, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { isObject, keyValueMap, setEntry, type JsonObject } from '../model/compose-lists.js';
import { sectionPosition } from '../templates/load-template.js';
import type { PodLayer, StackSection } from '../model/pod-layer.js';

export const VOLUME_REF_LABEL = 'com.github.rycus86.podlike.volume-ref';

/** A layer as stack additions need it. */
type StackLayer = Pick<PodLayer, 'source' | 'template' | 'stack'>;

/** A pod's layers that add to the stack (a Pod is one). */
export interface PodStackLayers {
  service: string;
  layers: readonly StackLayer[];
}

interface Addition {
  definition: JsonObject;
  /** The definition as JSON, made when the same name is added again. */
  json?: string;
  layer: StackLayer;
  service: string;
}

const addedBy = ({ layer, service }: Addition) => `${layer.source} (service "${service}")`;

function sameDefinition(earlier: Addition, definition: JsonObject): boolean {
  earlier.json ??= JSON.stringify(earlier.definition);
  return earlier.json === JSON.stringify(definition);
}

function whereAdded(layer: StackLayer): SourcePosition | undefined {
  const stackSection = layer.template?.sections.stack;
  return stackSection ? sectionPosition(stackSection, 1) : undefined;
}

/**
 * The top-level sections the pods' templates add to: each section of `stack` as it is, then
 * each added definition once. The same definition from several pods is one entry; two
 * different ones under one name are an error naming both; a name the stack already defines
 * keeps the author's definition. Sections nothing is added to are left out.
 */
export function collectStackAdditions(stack: JsonObject, pods: readonly PodStackLayers[]): Partial<Record<StackSection, JsonObject>> {
  const sections: Partial<Record<StackSection, JsonObject>> = {};
  const added: Partial<Record<StackSection, Map<string, Addition>>> = {};
  const errors: Diagnostic[] = [];
  for (const pod of pods) {
    for (const layer of pod.layers) {
      for (const [section, entries] of Object.entries(layer.stack) as [StackSection, JsonObject][]) {
        const existing = isObject(stack[section]) ? (stack[section] as JsonObject) : {};
        const additions = (added[section] ??= new Map());
        for (const name of Object.keys(entries)) {
          if (Object.hasOwn(existing, name)) continue;
          const addition: Addition = { definition: (entries[name] ?? {}) as JsonObject, layer, service: pod.service };
          const earlier = additions.get(name);
          if (!earlier) {
            additions.set(name, addition);
            setEntry((sections[section] ??= { ...existing }), name, addition.definition);
          } else if (!sameDefinition(earlier, addition.definition)) {
            errors.push(error(`${section} "${name}" is added with two different definitions: by ${addedBy(earlier)} and by ${addedBy(addition)}`, whereAdded(layer)));
          }
        }
      }
    }
  }
  if (errors.length > 0) throw new CompileError(errors);
  return sections;
}

/**
 * Declares in `volumes` (which the caller owns) every named volume a pod uses, and gives
 * one with an explicit `name:` the label Podlike needs to find it by its reference.
 */
export function declarePodVolumes(volumes: JsonObject, used: Iterable<string>): JsonObject {
  for (const name of used) {
    const definition = volumes[name];
    if (!isObject(definition)) {
      if (!Object.hasOwn(volumes, name)) setEntry(volumes, name, {});
    } else if (typeof definition.name === 'string') {
      const labels = keyValueMap(definition.labels);
      if (labels[VOLUME_REF_LABEL] === undefined) setEntry(volumes, name, { ...definition, labels: { ...labels, [VOLUME_REF_LABEL]: name } });
    }
  }
  return volumes;
}
