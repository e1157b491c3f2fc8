/**
 * The services a pod talks to because a template points it there (its log collector to the
 * log server, its service-discovery agent to the Consul server): the args a template declares
 * as `targets`, as resolved for the pod, where the value names another stack service as
 * `host`, `host:port` or `scheme://host:port/path` (a list of them, too).
 */
import type { Pod } from '../model/pod.js';

export interface TargetLink {
  /** The pod's service. */
  from: string;
  /** The service named. */
  to: string;
  /** `<template>.<arg path>` whose value names it. */
  via: string;
}

const HOST = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([A-Za-z0-9_.-]+)(?::\d+)?(?:\/\S*)?$/;

/** The host a value names, if it has the shape of one. */
export function hostNamed(value: string): string | undefined {
  return HOST.exec(value)?.[1];
}

/** Every string in an arg value, with its path below the arg. */
function strings(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((s) => s !== '').map((s): [string, string] => [path, s]);
  if (Array.isArray(value)) return value.flatMap((item) => strings(item, path));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, child]) => strings(child, `${path}.${key}`));
  return [];
}

export function targetLinks(pod: Pod, services: ReadonlySet<string>): TargetLink[] {
  const links = new Map<string, TargetLink>();
  for (const layer of pod.layers) {
    if (!layer.template || !layer.args) continue;
    const declared = Object.keys(layer.template.targets);
    for (const [path, text] of declared.flatMap((arg) => strings(layer.args?.values[arg], `${layer.template?.name}.${arg}`))) {
      const host = hostNamed(text);
      if (host === undefined || host === pod.service || !services.has(host)) continue;
      links.set(`${host} ${path}`, { from: pod.service, to: host, via: path });
    }
  }
  return [...links.values()];
}
