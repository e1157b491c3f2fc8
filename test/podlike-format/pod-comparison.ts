/**
 * Two outputs compared as what they deploy: each read by `docker stack config` (with an empty
 * environment) and then by Podlike's own reader (test/readers/), pod by pod: the controller
 * (image, flags, every other field docker printed but the pod.* labels), the components, the
 * init components and the copies. A difference is named by its path with both values.
 */
import { dockerReading } from '../helpers/docker.js';
import { readPrinted, type PodlikePod } from '../readers/podlike-reader.js';

export type Reading = { pods: Record<string, PodlikePod>; problem?: undefined } | { pods?: undefined; problem: string };

/** An output as docker and Podlike read it, or why docker refused it. */
export function readOutput(yaml: string, dir: string): Reading {
  const docker = dockerReading(yaml, dir, {});
  if (docker.problem !== undefined) return { problem: `docker stack config: ${docker.problem.split('\n')[0].slice(0, 200)}` };
  try {
    return { pods: readPrinted(docker.output).pods };
  } catch (e) {
    return { problem: `Podlike's reader: ${(e as Error).message.split('\n').slice(0, 2).join(' ').slice(0, 200)}` };
  }
}

/** What of a pod is compared: the controller without the labels that carry the pod. */
function comparable(pod: PodlikePod): Record<string, unknown> {
  const service = { ...pod.controller.service };
  const labels = Object.fromEntries(Object.entries((service.labels ?? {}) as Record<string, string>).filter(([key]) => !key.startsWith('pod.')));
  service.labels = Object.keys(labels).length > 0 ? labels : undefined;
  return {
    controller: { image: pod.controller.image, args: pod.controller.args, service },
    components: pod.components,
    init: pod.init ?? [],
    // podlike template writes a copy mapping in Go's random map order; Podlike copies each file on its own, so order means nothing.
    copies: Object.fromEntries(Object.entries(pod.copies).map(([name, list]) => [name, [...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))])),
    problems: pod.problems,
  };
}

/** The leaf paths where two plain values differ (an absent key and `undefined` are the same). */
function differences(a: unknown, b: unknown, path: string): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (isRecord(a) && isRecord(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => differences(a[key], b[key], path === '' ? key : `${path}.${key}`));
  }
  if (a === undefined && b === undefined) return [];
  return [`${path}: podlike template ${JSON.stringify(a) ?? 'absent'}, podlike-gen ${JSON.stringify(b) ?? 'absent'}`];
}

export interface PodComparison {
  pods: number;
  components: number;
  differences: string[];
}

/** Pod by pod, what podlike-gen's output deploys differently from podlike template's. */
export function comparePods(go: Record<string, PodlikePod>, gen: Record<string, PodlikePod>): PodComparison {
  const names = [...new Set([...Object.keys(go), ...Object.keys(gen)])].sort();
  const found: string[] = [];
  let components = 0;
  for (const name of names) {
    if (!go[name] || !gen[name]) {
      found.push(`${name}: a pod only in ${go[name] ? 'podlike template' : 'podlike-gen'}'s output`);
      continue;
    }
    components += Object.keys(go[name].components).length + (go[name].init ?? []).length;
    found.push(...differences(comparable(go[name]), comparable(gen[name]), name));
  }
  return { pods: names.length, components, differences: found };
}
