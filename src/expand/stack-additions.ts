import { CompileError, error, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { isObject, keyValueMap, type JsonObject } from '../model/compose-lists.js';
import { sectionPosition } from '../templates/load-template.js';
import type { Pod } from './build-pod.js';
import { STACK_SECTIONS, type StackSection } from './pod-layer.js';

export const VOLUME_REF_LABEL = 'com.github.rycus86.podlike.volume-ref';

interface Addition {
  definition: JsonObject;
  /** The definition as JSON, to compare with the same name added again. */
  json: string;
  by: string;
  where?: SourcePosition;
}

/**
 * Top-level definitions the pods' templates add, each once. The same definition from
 * several pods is one entry; two different ones under one name are an error naming both;
 * a name the stack already defines keeps the author's definition.
 */
export function collectStackAdditions(model: JsonObject, pods: readonly Pod[]): Partial<Record<StackSection, JsonObject>> {
  const added = new Map<string, Addition>();
  const errors: Diagnostic[] = [];
  for (const pod of pods) {
    for (const layer of pod.layers) {
      for (const section of STACK_SECTIONS) {
        for (const [name, definition] of Object.entries(layer.stack[section] ?? {})) {
          const existing = isObject(model[section]) ? (model[section] as JsonObject)[name] : undefined;
          if (existing !== undefined) continue;
          const key = `${section}.${name}`;
          const by = `${layer.source} (service "${pod.service}")`;
          const earlier = added.get(key);
          const value = (definition ?? {}) as JsonObject;
          const stackSection = layer.template?.sections.stack;
          const where = stackSection ? sectionPosition(stackSection, 1) : undefined;
          const json = JSON.stringify(value);
          if (!earlier) added.set(key, { definition: value, json, by, where });
          else if (earlier.json !== json) {
            errors.push(error(`${section} "${name}" is added with two different definitions: by ${earlier.by} and by ${by}`, where));
          }
        }
      }
    }
  }
  if (errors.length > 0) throw new CompileError(errors);
  const result: Partial<Record<StackSection, JsonObject>> = {};
  for (const [key, { definition }] of added) {
    const [section, ...rest] = key.split('.') as [StackSection, ...string[]];
    (result[section] ??= {})[rest.join('.')] = definition;
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
