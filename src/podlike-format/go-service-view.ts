/**
 * `.Service` as Podlike's templates see it: the service as docker's compose loader types it
 * (cli/compose/types ServiceConfig), with Go's field names (`.Service.Image`, `.Service.Labels`,
 * `.Service.Ports`, `.Service.ReadOnly`). Built from the service as written: labels and
 * environment as mappings, ports in their long form, other keys under their Go field name.
 * Values are as written: a `${VAR}` is left for docker at deploy time.
 */
import { isObject, keyValueMap, type Json, type JsonObject } from '../model/compose-lists.js';

/** Go field names that are not the compose key in CamelCase. */
const FIELD_NAMES: Record<string, string> = {
  dns: 'DNS',
  dns_search: 'DNSSearch',
  domainname: 'DomainName',
  healthcheck: 'HealthCheck',
  userns_mode: 'UserNSMode',
  nano_cpus: 'NanoCPUs',
};

/** Keys whose value is a Go map keyed by what the author wrote, not a struct. */
const MAP_KEYS = new Set(['labels', 'environment', 'sysctls', 'extra_hosts', 'networks', 'driver_opts', 'options', 'ulimits']);

export function goFieldName(key: string): string {
  return FIELD_NAMES[key] ?? key.split(/[_-]/).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

/** A short port (`[ip:]published:target[/protocol]`) as docker's loader expands it. */
function longPorts(entry: Json): JsonObject[] {
  if (isObject(entry)) return [structView(entry)];
  const [spec, protocol = 'tcp'] = String(entry).split('/');
  const parts = spec.split(':');
  const target = parts[parts.length - 1];
  const published = parts.length > 1 ? parts[parts.length - 2] : '';
  const range = (text: string) => {
    const [from, to = from] = text.split('-').map(Number);
    return Array.from({ length: Math.max(to - from + 1, 1) }, (_, i) => from + i);
  };
  const targets = range(target);
  const publishedPorts = published === '' ? [] : range(published);
  return targets.map((port, i) => ({ Mode: 'ingress', Target: port, Published: publishedPorts[i] ?? 0, Protocol: protocol }));
}

/** A shell-like command string as a list of words (docker's ShellCommand). */
function commandWords(value: Json): Json {
  if (typeof value !== 'string') return value;
  return value.match(/"[^"]*"|'[^']*'|\S+/g)?.map((word) => word.replace(/^(["'])(.*)\1$/, '$2')) ?? [];
}

/** A KEY=VALUE mapping as docker's loader types it: string values (types.Labels is map[string]string). */
function stringMap(value: Json, keepNull: boolean): JsonObject {
  const map: JsonObject = {};
  for (const [key, v] of Object.entries(keyValueMap(value))) map[key] = v === null ? (keepNull ? null : '') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return map;
}

function fieldValue(key: string, value: Json): Json {
  // environment is map[string]*string: a variable without a value stays nil.
  if (key === 'labels' || key === 'environment' || key === 'sysctls') return stringMap(value, key === 'environment');
  if (key === 'ports' && Array.isArray(value)) return value.flatMap(longPorts);
  if (key === 'command' || key === 'entrypoint') return commandWords(value);
  if (MAP_KEYS.has(key) || !isObject(value)) return value;
  return structView(value);
}

/** A compose mapping under Go field names, nested structs included. */
function structView(value: JsonObject): JsonObject {
  const view: JsonObject = {};
  for (const [key, child] of Object.entries(value)) if (!key.startsWith('x-')) view[goFieldName(key)] = fieldValue(key, child);
  return view;
}

/** The `.Service` of a Podlike-format template for this service. */
export function goServiceView(name: string, service: JsonObject): JsonObject {
  return { Labels: {}, Environment: {}, Ports: [], ...structView(service), Name: name };
}
