/**
 * The published ports of a service's `ports` entries, as docker's loader reads them: docker 28
 * merges two files' ports by published port alone (measured: `9000:90/udp` and `9000:90/tcp`
 * are one port to it, the later file's; every unpublished port is port 0). A range entry
 * stands for several ports, which merge one by one.
 */
import { isObject, type Json, type JsonObject } from '../model/compose-lists.js';

export interface PortEntry {
  published: number;
  /** The entry as written, or one port of a range in the long syntax. */
  entry: Json;
}

/** `8000-8001` → [8000, 8001]; `80` → [80]; '' → []. */
function portRange(text: string): number[] {
  if (text === '') return [];
  const [low, high = low] = text.split('-').map(Number);
  const ports: number[] = [];
  for (let port = low; port <= high && ports.length < 65536; port++) ports.push(port);
  return ports.length > 0 ? ports : [low];
}

/** `[ip:]published[-range]:target[-range][/protocol]` or `target[-range][/protocol]`. */
function shortPorts(text: string): PortEntry[] {
  const [mapping, protocol = 'tcp'] = text.split('/');
  const parts = mapping.split(':');
  const targets = portRange(parts[parts.length - 1]);
  const published = parts.length > 1 ? portRange(parts[parts.length - 2]) : [];
  if (targets.length === 1) return [{ published: published[0] ?? 0, entry: text }];
  return targets.map((target, i) => {
    const port = published.length === targets.length ? published[i] : 0;
    const entry: JsonObject = { mode: 'ingress', target, protocol };
    if (port !== 0) entry.published = port;
    return { published: port, entry };
  });
}

export function portEntries(item: Json): PortEntry[] {
  if (isObject(item)) return [{ published: Number(item.published ?? 0) || 0, entry: item }];
  return shortPorts(String(item));
}
