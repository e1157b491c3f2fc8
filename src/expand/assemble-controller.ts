import { labelText } from '../emit/label-text.js';
import { keyValueMap, type JsonObject } from '../model/compose-lists.js';
import type { Pod } from '../model/pod.js';

/** Controller keys that read best first; labels, which carry the pod, go last. */
const LEADING_KEYS = ['image', 'command'];

/** The pod as Podlike's controller reads it: a Swarm service whose container labels describe the components. */
export function assembleController(pod: Pod): JsonObject {
  const labels: JsonObject = { ...keyValueMap(pod.controller.labels) };
  const { components, init } = pod.labeled;
  const names = [pod.main, ...Object.keys(components).filter((name) => name !== pod.main)];
  for (const name of names) {
    if (components[name]) labels[`pod.component.${name}`] = labelText(components[name]);
  }
  if (init.length > 0) labels['pod.init.components'] = labelText(init);
  for (const [name, specs] of Object.entries(pod.copy)) labels[`pod.copy.${name}`] = labelText(specs);

  const controller: JsonObject = {};
  for (const key of LEADING_KEYS) if (pod.controller[key] !== undefined) controller[key] = pod.controller[key];
  for (const [key, value] of Object.entries(pod.controller)) {
    if (!LEADING_KEYS.includes(key) && key !== 'labels') controller[key] = value;
  }
  controller.labels = labels;
  return controller;
}
