/**
 * A service's `ports` in docker's long form, as docker's loader reads the short syntax
 * (`[ip:][published[-end]:]target[-end][/protocol]`, one entry per port of a range): what
 * Podlike's templates see as `.Service.Ports`, and what podlike-gen's `servicePorts` helper
 * gives a template. An entry in the long syntax is kept as written.
 */
import { isObject, type Json, type JsonObject } from './compose-lists.js';

export interface LongPort {
  mode: string;
  target: number;
  published: number;
  protocol: string;
}

/** `8000-8002` → [8000, 8001, 8002]; a single port is a range of one. */
function portRange(text: string): number[] {
  const [from, to = from] = text.split('-').map(Number);
  return Array.from({ length: Math.max(to - from + 1, 1) }, (_, i) => from + i);
}

/** A short entry of `ports` in the long form: one for each port of its range. */
export function shortPortAsLong(entry: string): LongPort[] {
  const [spec, protocol = 'tcp'] = entry.split('/');
  const parts = spec.split(':');
  const targets = portRange(parts[parts.length - 1]);
  const published = parts.length > 1 ? portRange(parts[parts.length - 2]) : [];
  return targets.map((target, i) => ({ mode: 'ingress', target, published: published[i] ?? 0, protocol }));
}

/** Every entry of a service's `ports` in the long form (none when it has no list). */
export function servicePorts(ports: unknown): (LongPort | JsonObject)[] {
  return Array.isArray(ports) ? ports.flatMap((entry: Json): (LongPort | JsonObject)[] => (isObject(entry) ? [entry] : shortPortAsLong(String(entry)))) : [];
}
