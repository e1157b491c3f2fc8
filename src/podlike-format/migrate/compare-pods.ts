/**
 * Whether two compiled stacks deploy the same pods: for each pod service, its controller (every
 * key but the pod labels) and what the pod labels carry (components, init components, copies),
 * read as YAML, as data (a command string without quotes as the words docker splits it into). Used by migrate to check a migration before anything is written.
 */
import { parse } from 'yaml';
import { isObject, type Json, type JsonObject } from '../../model/compose-lists.js';

/** Mappings with sorted keys, so key order (which the two formats merge differently) does not count. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isObject(value)) return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key])]));
  return value;
}

/** A pod service as data: its pod.* labels parsed, the rest as it is. */
function podAsData(service: Json | undefined): unknown {
  if (!isObject(service)) return service;
  const deploy = isObject(service.deploy) ? service.deploy : {};
  const labels = { ...(isObject(service.labels) ? service.labels : {}), ...(isObject(deploy.labels) ? deploy.labels : {}) };
  const pod: JsonObject = {};
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(labels)) {
    if (key.startsWith('pod.')) pod[key] = parse(String(value)) as Json;
    else rest[key] = value;
  }
  const { labels: _labels, deploy: _deploy, ...controller } = service;
  if (typeof controller.command === 'string' && !/["'\\]/.test(controller.command)) controller.command = controller.command.split(/\s+/).filter((word) => word !== '');
  const { labels: _deployLabels, ...deployRest } = deploy;
  return canonical({ controller: { ...controller, deploy: deployRest }, labels: rest, pod });
}

/** Every key at which the pods of `services` differ, as `service.path: before, migrated`. */
export function podDifferences(a: JsonObject, b: JsonObject, services: readonly string[]): string[] {
  const servicesOf = (stack: JsonObject) => (isObject(stack.services) ? stack.services : {});
  return services.flatMap((name) => differences(podAsData(servicesOf(a)[name]), podAsData(servicesOf(b)[name]), name));
}

function differences(a: unknown, b: unknown, path: string): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    return [...new Set([...Object.keys(x), ...Object.keys(y)])].sort().flatMap((key) => differences(x[key], y[key], `${path}.${key}`));
  }
  return [`${path}: ${JSON.stringify(a) ?? 'absent'} before, ${JSON.stringify(b) ?? 'absent'} migrated`];
}
