/**
 * The data Podlike's templates execute on (templateVars): `.Service` a *types.ServiceConfig of
 * docker's compose types (`.Service.Image`, `.Service.Labels`, `.Service.Ports`, ...), `.Args`
 * a map[string]interface {}. The service is built from the service as written, as docker's
 * loader types it: labels and environment as string maps, ports in their long form, commands
 * as words, durations parsed; a value that does not fit its Go type is left at its zero
 * value. Values are as written: a `${VAR}` is left for docker at deploy time.
 */
import { isObject, keyValueMap, type Json, type JsonObject } from '../model/compose-lists.js';
import { shortPortAsLong } from '../model/service-ports.js';
import { MAP_STRING_ANY, TEMPLATE_VARS, goValueFromPlain, isFloatKind, isIntKind, isUintKind, zeroOf, type GoType, type GoValue } from './go-template/index.js';

/** Go field names that are not the compose key in CamelCase. */
const FIELD_NAMES: Record<string, string> = {
  dns: 'DNS',
  dns_search: 'DNSSearch',
  domainname: 'DomainName',
  healthcheck: 'HealthCheck',
  userns_mode: 'UserNSMode',
  cpus: 'NanoCPUs',
  memory: 'MemoryBytes',
};

/** Keys whose value is a Go map keyed by what the author wrote, not a struct. */
const MAP_KEYS = new Set(['labels', 'environment', 'sysctls', 'extra_hosts', 'networks', 'driver_opts', 'options', 'ulimits']);

function goFieldName(key: string): string {
  return FIELD_NAMES[key] ?? key.split(/[_-]/).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

/** A port in docker's long form under Go's field names. */
function goPort(entry: Json): JsonObject[] {
  if (isObject(entry)) return [structView(entry)];
  return shortPortAsLong(String(entry)).map((port) => ({ Mode: port.mode, Target: port.target, Published: port.published, Protocol: port.protocol }));
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

/** A short volume (`[source:]target[:mode]`) as docker's loader types it. */
function longVolume(entry: Json): Json {
  if (isObject(entry)) return structView(entry);
  const [first, second, mode] = String(entry).split(':');
  if (second === undefined) return { Type: 'volume', Target: first };
  const isPath = first.startsWith('/') || first.startsWith('.') || first.startsWith('~');
  return { Type: isPath ? 'bind' : 'volume', Source: first, Target: second, ReadOnly: mode?.split(',').includes('ro') ?? false };
}

function fieldValue(key: string, value: Json): Json {
  if (key === 'volumes' && Array.isArray(value)) return value.map(longVolume);
  if ((key === 'configs' || key === 'secrets') && Array.isArray(value)) return value.map((entry) => (isObject(entry) ? structView(entry) : { Source: String(entry) }));
  // environment is map[string]*string: a variable without a value stays nil.
  if (key === 'labels' || key === 'environment' || key === 'sysctls') return stringMap(value, key === 'environment');
  if (key === 'ports' && Array.isArray(value)) return value.flatMap(goPort);
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

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration (`1m30s`, `150ms`, `2.5s`), in nanoseconds; undefined when it is not one. */
function goDuration(text: string): bigint | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  return BigInt(Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * DURATION_UNITS[p[2]], 0)));
}

/** A plain value as a Go value of `type`; what does not fit is the type's zero value. */
function fitted(type: GoType, plain: unknown): GoValue {
  if (plain === null || plain === undefined) return zeroOf(type);
  const kind = type.kind;
  if (type.name === 'time.Duration') {
    const nanos = typeof plain === 'string' ? goDuration(plain) : typeof plain === 'number' ? BigInt(Math.trunc(plain)) : undefined;
    return nanos === undefined ? zeroOf(type) : { type, v: nanos };
  }
  if (kind === 'string') return typeof plain === 'object' ? zeroOf(type) : { type, v: String(plain) };
  if (kind === 'bool') return typeof plain === 'boolean' ? { type, v: plain } : zeroOf(type);
  if (isIntKind(kind) || isUintKind(kind)) return typeof plain === 'number' && Number.isInteger(plain) ? { type, v: BigInt(plain) } : zeroOf(type);
  if (isFloatKind(kind)) return typeof plain === 'number' ? { type, v: plain } : zeroOf(type);
  if (kind === 'pointer') return { type, v: fitted(type.elem!, plain) };
  if (kind === 'slice') return Array.isArray(plain) ? { type, v: plain.map((item) => fitted(type.elem!, item)) } : zeroOf(type);
  if (kind === 'struct') return isObject(plain) ? { type, v: (type.fields ?? []).map((field) => fitted(field.type, plain[field.name])) } : zeroOf(type);
  if (kind === 'map') {
    if (!isObject(plain)) return zeroOf(type);
    return { type, v: Object.entries(plain).map(([key, value]) => ({ key: fitted(type.key!, key), value: fitted(type.elem!, value) })) };
  }
  return goValueFromPlain(type, plain);
}

/** What a Podlike-format template of this service executes on: `.Service`, a nil `.Project`, `.Args`. */
export function templateData(name: string, service: JsonObject, args: JsonObject): GoValue {
  const [serviceField, projectField] = TEMPLATE_VARS.fields!;
  return { type: TEMPLATE_VARS, v: [fitted(serviceField.type, { ...structView(service), Name: name }), zeroOf(projectField.type), goValueFromPlain(MAP_STRING_ANY, args)] };
}
