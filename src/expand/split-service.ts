import { isObject, type Json, type JsonObject } from '../model/compose-lists.js';
import { withoutKeys } from '../model/interpolated-keys.js';
import { COMPONENT_KEYS } from './component-keys.js';
import { LABEL_PREFIX } from './pod-config.js';

/**
 * Component keys that on a Swarm service mean something about the task, so they stay
 * on the controller: Swarm stops the task, collects its logs, and orders services.
 */
const SWARM_LEVEL = new Set(['stop_grace_period', 'logging', 'depends_on']);

/** Labels without podlike-gen's own (podlike.*), in the form they were written. */
export function withoutPodlikeLabels(labels: Json): Json {
  return withoutKeys(labels, (key) => key.startsWith(LABEL_PREFIX));
}

function isEmptySet(labels: Json): boolean {
  return Array.isArray(labels) ? labels.length === 0 : Object.keys(labels ?? {}).length === 0;
}

/** Splits a service as written into its Swarm-level part (controller) and container-level part (app). */
export function splitService(service: JsonObject): { controller: JsonObject; app: JsonObject } {
  const controller: JsonObject = {};
  const app: JsonObject = {};
  for (const [key, value] of Object.entries(service)) {
    if (key === 'x-podlike') continue;
    if (key === 'labels') {
      const labels = withoutPodlikeLabels(value);
      if (!isEmptySet(labels)) app.labels = labels;
    } else if (key === 'deploy' && isObject(value)) {
      const deploy: JsonObject = { ...value };
      if (deploy.labels !== undefined) {
        const labels = withoutPodlikeLabels(deploy.labels);
        if (!isEmptySet(labels)) deploy.labels = labels;
        else delete deploy.labels;
      }
      if (Object.keys(deploy).length > 0) controller.deploy = deploy;
    } else if (COMPONENT_KEYS.has(key) && !SWARM_LEVEL.has(key)) {
      app[key] = value;
    } else {
      controller[key] = value;
    }
  }
  return { controller, app };
}
