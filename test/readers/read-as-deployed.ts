/**
 * The output read by its two real readers (DESIGN.md, "Who reads the output, and how"): the
 * docker CLI (`docker stack config`: Go YAML, then `${VAR}` interpolation from a chosen
 * environment) and then Podlike's controller (podlike-reader.ts). Tests compare what these
 * readers end with against what podlike-gen meant, its own YAML 1.2 reading of the output.
 */
import { isMap, parse, parseDocument } from 'yaml';
import { DOCKER_MISSING, dockerAvailable, dockerReading } from '../helpers/docker.js';
import { GO_MISSING, podlikeReader, readAsPodlike, type PodlikeComponent, type PodlikePod } from './podlike-reader.js';

/** Why the real readers cannot run here (a visible skip), or undefined when both can. */
export function readersMissing(): string | undefined {
  if (!dockerAvailable()) return DOCKER_MISSING;
  if (!podlikeReader()) return GO_MISSING;
  return undefined;
}

export interface DeployedReading {
  /** The pods by service name, as Podlike ends with them; empty when docker refused the stack. */
  pods: Record<string, PodlikePod>;
  /** What docker or Podlike refuses, or reads otherwise than a compose author means. */
  problems: string[];
}

/** `yaml` deployed from `dir` with exactly `environment` (empty by default), read by docker and then Podlike. */
export function readAsDeployed(yaml: string, dir?: string, environment: Record<string, string> = {}): DeployedReading {
  const docker = dockerReading(yaml, dir, environment);
  if (docker.problem !== undefined) return { pods: {}, problems: [`docker stack config: ${docker.problem}`] };
  const pods = readAsPodlike(docker.output);
  return { pods, problems: [...uninterpolatedKeys(docker.output), ...podProblems(pods)] };
}

function podProblems(pods: Record<string, PodlikePod>): string[] {
  return Object.entries(pods).flatMap(([service, pod]) => pod.problems.map((p) => `${service}: ${p}`));
}

type DockerService = { labels?: Record<string, string>; environment?: Record<string, string>; deploy?: { labels?: Record<string, string> } };

/** docker fills `${VAR}` in values only: a key that still holds one after interpolation keeps it literally. */
function uninterpolatedKeys(interpolated: string): string[] {
  const stack = parse(interpolated) as { services?: Record<string, DockerService> };
  return Object.entries(stack.services ?? {}).flatMap(([service, s]) =>
    [
      ['labels', s.labels],
      ['environment', s.environment],
      ['deploy.labels', s.deploy?.labels],
    ].flatMap(([where, map]) =>
      Object.keys((map as Record<string, string> | undefined) ?? {})
        .filter((key) => /\$\{|\$[A-Za-z_]/.test(key))
        .map((key) => `${service}: ${where as string} key ${JSON.stringify(key)} keeps its variable: docker interpolates values, never keys`),
    ),
  );
}

/** Everything the real readers find in `yaml`: the deployed reading's problems (empty environment) and meaningProblems. */
export function deployedProblems(yaml: string, dir?: string): string[] {
  return [...new Set([...readAsDeployed(yaml, dir).problems, ...meaningProblems(yaml, dir)])];
}

/**
 * Where Podlike's reading of the pod labels (docker's, without interpolation) differs from
 * podlike-gen's: components, init components, copy specs, and in each component the image,
 * environment, labels, list-form command and entrypoint, and volume mounts. Also the problems
 * of that reading.
 */
export function meaningProblems(yaml: string, dir?: string): string[] {
  const docker = dockerReading(yaml, dir, {}, ['--skip-interpolation']);
  if (docker.problem !== undefined) return [`docker stack config --skip-interpolation: ${docker.problem}`];
  const pods = readAsPodlike(docker.output);
  const meant = podLabelsMeant(yaml);
  return Object.entries(meant).flatMap(([service, labels]) => {
    const pod = pods[service];
    if (!pod) return [`${service}: Podlike reads no pod here`];
    return [...pod.problems, ...podDifferences(labels, pod)].map((p) => `${service}: ${p}`);
  });
}

/** Each service's pod.* labels as podlike-gen wrote them (YAML 1.2, the yaml package). */
function podLabelsMeant(yaml: string): Record<string, Record<string, unknown>> {
  const doc = parseDocument(yaml);
  const services = doc.get('services');
  const result: Record<string, Record<string, unknown>> = {};
  if (!isMap(services)) return result;
  for (const [name, service] of Object.entries(services.toJSON() as Record<string, { labels?: unknown }>)) {
    const labels = service?.labels;
    if (!labels || Array.isArray(labels) || typeof labels !== 'object') continue;
    const pod = Object.entries(labels as Record<string, unknown>).filter(([key]) => key.startsWith('pod.'));
    if (pod.length > 0) result[name] = Object.fromEntries(pod.map(([key, text]) => [key, typeof text === 'string' ? parse(text) : text]));
  }
  return result;
}

function podDifferences(labels: Record<string, unknown>, pod: PodlikePod): string[] {
  const problems: string[] = [];
  const meantNames = Object.keys(labels).filter((k) => k.startsWith('pod.component.')).map((k) => k.slice('pod.component.'.length)).sort();
  const readNames = Object.keys(pod.components).sort();
  if (!same(meantNames, readNames)) problems.push(`components: podlike-gen wrote ${show(meantNames)}, Podlike reads ${show(readNames)}`);
  for (const name of meantNames) {
    const read = pod.components[name];
    if (read) problems.push(...componentDifferences(labels[`pod.component.${name}`], read).map((p) => `component ${name}: ${p}`));
  }
  const meantInit = labels['pod.init.components'];
  if (meantInit !== undefined) {
    const list = Array.isArray(meantInit) ? meantInit : [];
    if (list.length !== (pod.init ?? []).length) problems.push(`init components: podlike-gen wrote ${list.length}, Podlike reads ${(pod.init ?? []).length}`);
    list.forEach((c, i) => {
      const read = pod.init?.[i];
      if (read) problems.push(...componentDifferences(c, read).map((p) => `init component ${i + 1}: ${p}`));
    });
  }
  for (const [key, value] of Object.entries(labels).filter(([k]) => k.startsWith('pod.copy.'))) {
    const meant = copyPairs(value);
    const read = (pod.copies[key.slice('pod.copy.'.length)] ?? []).map((c) => `${c.source}:${c.target}`).sort();
    if (!same(meant, read)) problems.push(`${key}: podlike-gen wrote ${show(meant)}, Podlike copies ${show(read)}`);
  }
  return problems;
}

function componentDifferences(meant: unknown, read: PodlikeComponent): string[] {
  if (!meant || typeof meant !== 'object' || Array.isArray(meant)) return [`podlike-gen wrote ${show(meant)}, not a mapping`];
  const c = meant as Record<string, unknown>;
  const checks: [string, unknown, unknown][] = [
    ['image', c.image, read.image],
    ['environment', stringMap(c.environment), read.environment],
    ['labels', stringMap(c.labels), read.labels],
    ['command', Array.isArray(c.command) ? c.command : undefined, read.command],
    ['entrypoint', Array.isArray(c.entrypoint) ? c.entrypoint : undefined, read.entrypoint],
    ['volumes', mountsMeant(c.volumes), read.mounts.map(({ type, source, target }) => ({ type, source, target }))],
  ];
  return checks.filter(([, m, r]) => m !== undefined && !same(m, r)).map(([what, m, r]) => `${what}: podlike-gen wrote ${show(m)}, Podlike reads ${show(r)}`);
}

/** A compose mapping or KEY=VALUE list as the engine gets it (a bare KEY: empty, as Podlike sets it). */
function stringMap(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return {};
  if (Array.isArray(value)) {
    return Object.fromEntries(value.map((item) => {
      const text = String(item);
      const at = text.indexOf('=');
      return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
    }));
  }
  return typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

/** Compose's meaning of a volume: a source that is a path (`/`, `.`, `~`) is a bind mount, any other a named volume. */
function mountsMeant(volumes: unknown): { type: string; source: string; target: string }[] | undefined {
  if (volumes === undefined || volumes === null) return [];
  if (!Array.isArray(volumes)) return undefined;
  return volumes.map((v) => {
    if (typeof v === 'string') {
      const parts = v.split(':');
      const [source, target] = parts.length === 1 ? ['', parts[0]] : [parts[0], parts[1]];
      return { type: composeType(source), source, target };
    }
    const m = v as { type?: string; source?: string; target?: string };
    return { type: m.type ?? composeType(m.source ?? ''), source: m.source ?? '', target: m.target ?? '' };
  });
}

function composeType(source: string): string {
  return /^[/.~]/.test(source) ? 'bind' : 'volume';
}

/** A pod.copy.* value as source:target pairs (a string, a list of them, or a source: target mapping). */
function copyPairs(value: unknown): string[] {
  if (typeof value === 'string') return [value.trim()];
  if (Array.isArray(value)) return value.map((v) => String(v).trim()).sort();
  if (value && typeof value === 'object') return Object.entries(value).map(([s, t]) => `${s.trim()}:${String(t).trim()}`).sort();
  return [show(value)];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sortKeys(v)]));
  return value;
}

function show(value: unknown): string {
  return JSON.stringify(value);
}
