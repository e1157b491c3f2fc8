import { warning, type Diagnostic } from '../diagnostics.js';
import { isObject, keyValueMap, keyValueSeparator, KEY_VALUE_KEYS, type Json, type JsonObject } from '../model/compose-lists.js';
import { ATOMIC_LISTS } from './merge-layers.js';
import type { PodRequest } from './pod-config.js';
import type { PodLayer } from '../model/pod-layer.js';

/** A value as the check reads it under `key`: a KEY=VALUE list as the mapping it stands for. */
function asRead(key: string, value: Json): Json {
  return KEY_VALUE_KEYS.has(key) && Array.isArray(value) ? keyValueMap(value, keyValueSeparator(key)) : value;
}

/** A scalar, or a list that stands for one value (a command line): what two layers can set differently. */
function isLeaf(key: string, value: Json): boolean {
  return !isObject(value) && (!Array.isArray(value) || ATOMIC_LISTS.has(key));
}

function differ(a: Json, b: Json): boolean {
  return a !== b && JSON.stringify(a) !== JSON.stringify(b);
}

type Report = (path: string, earlierIndex: number, earlier: Json, later: Json) => void;

/**
 * Walks a later layer's mapping together with the same place in the earlier layers (latest
 * first, undefined where one has nothing there), and reports each leaf whose latest earlier
 * setter wrote something else. Subtrees no earlier layer reaches are skipped, so the walk
 * costs little for the usual pod, whose templates add different components.
 */
function compareMaps(later: JsonObject, earlier: readonly (Json | undefined)[], path: string, report: Report): void {
  for (const key of Object.keys(later)) {
    if (!earlier.some((node) => isObject(node) && Object.hasOwn(node, key))) continue;
    const below = earlier.map((node) => (isObject(node) && Object.hasOwn(node, key) ? asRead(key, node[key]) : undefined));
    const value = asRead(key, later[key]);
    const at = path === '' ? key : `${path}.${key}`;
    if (isObject(value)) {
      compareMaps(value, below, at, report);
    } else if (isLeaf(key, value)) {
      const setter = below.findIndex((node) => node !== undefined && isLeaf(key, node));
      if (setter >= 0 && differ(below[setter] as Json, value)) report(at, setter, below[setter] as Json, value);
    }
  }
}

/** A scalar two template layers set to different values: the later one wins, with a warning. */
export function conflictWarnings(request: PodRequest, layers: readonly PodLayer[]): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  const roots = layers.map((layer) => ({ controller: layer.controller, components: layer.components }) as JsonObject);
  for (let later = 1; later < layers.length; later++) {
    const earlier = roots.slice(0, later).reverse();
    compareMaps(roots[later], earlier, '', (path, index, earlierValue, laterValue) => {
      const [before, after] = [layers[later - 1 - index].source, layers[later].source];
      warnings.push(
        warning(
          `service "${request.service}": ${before} and ${after} both set ${path} (${JSON.stringify(earlierValue)} and ${JSON.stringify(laterValue)}); ${after} wins`,
          request.where,
        ),
      );
    });
  }
  return warnings;
}
