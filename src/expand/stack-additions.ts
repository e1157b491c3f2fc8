import { CompileError, error, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { isObject, keyValueMap, type JsonObject } from '../model/compose-lists.js';
import { sectionPosition } from '../templates/load-template.js';
import type { Pod } from './build-pod.js';
import { STACK_SECTIONS, type PodLayer, type StackSection } from './pod-layer.js';

export const VOLUME_REF_LABEL = 'com.github.rycus86.podlike.volume-ref';

interface Addition {
  definition: JsonObject;
  /** The definition as JSON, made when the same name is added again. */
  json?: string;
  layer: PodLayer;
  service: string;
}

const addedBy = ({ layer, service }: Addition) => `${layer.source} (service "${service}")`;

function sameDefinition(earlier: Addition, definition: JsonObject): boolean {
  earlier.json ??= JSON.stringify(earlier.definition);
  return earlier.json === JSON.stringify(definition);
}

function whereAdded(layer: PodLayer): SourcePosition | undefined {
  const stackSection = layer.template?.sections.stack;
  return stackSection ? sectionPosition(stackSection, 1) : undefined;
}

/**
 * Top-level definitions the pods' templates add, each once. The same definition from
 * several pods is one entry; two different ones under one name are an error naming both;
 * a name the stack already defines keeps the author's definition.
 */
export function collectStackAdditions(model: JsonObject, pods: readonly Pod[]): Partial<Record<StackSection, JsonObject>> {
  const added: Partial<Record<StackSection, Map<string, Addition>>> = {};
  const errors: Diagnostic[] = [];
  for (const pod of pods) {
    for (const layer of pod.layers) {
      for (const [section, entries] of Object.entries(layer.stack) as [StackSection, JsonObject][]) {
        const existing = isObject(model[section]) ? (model[section] as JsonObject) : {};
        const additions = (added[section] ??= new Map());
        for (const [name, definition] of Object.entries(entries ?? {})) {
          if (existing[name] !== undefined) continue;
          const addition: Addition = { definition: (definition ?? {}) as JsonObject, layer, service: pod.service };
          const earlier = additions.get(name);
          if (!earlier) additions.set(name, addition);
          else if (!sameDefinition(earlier, addition.definition)) {
            errors.push(error(`${section} "${name}" is added with two different definitions: by ${addedBy(earlier)} and by ${addedBy(addition)}`, whereAdded(layer)));
          }
        }
      }
    }
  }
  if (errors.length > 0) throw new CompileError(errors);
  const result: Partial<Record<StackSection, JsonObject>> = {};
  for (const section of STACK_SECTIONS) {
    const additions = added[section];
    if (additions && additions.size > 0) result[section] = Object.fromEntries([...additions].map(([name, { definition }]) => [name, definition]));
  }
  return result;
}

/**
 * Every named volume a pod uses is declared at the top level, and one with an explicit
 * `name:` carries the label Podlike needs to find it by its reference.
 */
export function declarePodVolumes(volumes: JsonObject, used: Iterable<string>): JsonObject {
  const result: JsonObject = { ...volumes };
  for (const name of used) {
    const definition = isObject(result[name]) ? (result[name] as JsonObject) : {};
    if (typeof definition.name === 'string') {
      const labels = keyValueMap(definition.labels);
      result[name] = labels[VOLUME_REF_LABEL] === undefined ? { ...definition, labels: { ...labels, [VOLUME_REF_LABEL]: name } } : definition;
    } else if (result[name] === undefined) {
      result[name] = {};
    }
  }
  return result;
}
