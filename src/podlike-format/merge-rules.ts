/**
 * Podlike's own merge rules for its template format (pkg/template/merge.go), kept apart from
 * podlike-gen's layer merge: a Podlike-format stack must merge exactly as `podlike template`
 * merges it. What is already there wins; mappings merge deeply; a list appends a list or a
 * string; a `KEY=VALUE` list and a mapping merge as mappings; anything else is left alone.
 */
import { isObject, setEntry, type Json, type JsonObject } from '../model/compose-lists.js';

/** A list of `KEY=VALUE` strings as a mapping (a bare `KEY` maps to ''); undefined when an item is not a string. */
function stringListAsMap(list: readonly Json[]): JsonObject | undefined {
  const map: JsonObject = {};
  for (const item of list) {
    if (typeof item !== 'string') return undefined;
    const at = item.indexOf('=');
    setEntry(map, at < 0 ? item : item.slice(0, at), at < 0 ? '' : item.slice(at + 1));
  }
  return map;
}

/** A value no later merge can reach into through the source it came from. */
function detached(value: Json): Json {
  return value === null || typeof value !== 'object' ? value : (structuredClone(value) as Json);
}

/** merge.go's mergeRecursively: `source` merged into `target` in place; existing values win. */
export function mergeRecursively(target: JsonObject, source: JsonObject): void {
  for (const [key, value] of Object.entries(source)) {
    if (!Object.hasOwn(target, key)) {
      setEntry(target, key, detached(value));
      continue;
    }
    const existing = target[key];
    if (isObject(existing)) {
      if (isObject(value)) mergeRecursively(existing, value);
      else if (Array.isArray(value)) mergeRecursively(existing, stringListAsMap(value) ?? {});
    } else if (Array.isArray(existing)) {
      if (Array.isArray(value)) target[key] = [...existing, ...value.map(detached)];
      else if (typeof value === 'string') target[key] = [...existing, value];
      else if (isObject(value)) {
        // A mapping into a KEY=VALUE list turns the list into a mapping; any other list is kept.
        const asMap = stringListAsMap(existing);
        if (asMap) {
          mergeRecursively(asMap, value);
          target[key] = asMap;
        }
      }
    }
  }
}

/** Sets each of `keys` the service has that `component` lacks (merge.go's mergeServiceProperties). */
export function mergeServiceProperties(component: JsonObject, service: JsonObject, keys: readonly string[]): void {
  for (const [key, value] of Object.entries(service)) {
    if (keys.includes(key) && !Object.hasOwn(component, key)) setEntry(component, key, detached(value));
  }
}

/** The service's keys a controller takes when its pod templates did not set them (merge.go's mergedPodKeys). */
export const MERGED_POD_KEYS = [
  'configs', 'credential_spec', 'deploy', 'dns', 'dns_search', 'domainname', 'entrypoint', 'env_file', 'environment',
  'expose', 'extra_hosts', 'healthcheck', 'hostname', 'ipc', 'isolation', 'labels', 'logging', 'mac_address', 'networks',
  'pid', 'ports', 'privileged', 'read_only', 'secrets', 'shm_size', 'stdin_open', 'stop_grace_period', 'tmpfs', 'tty',
  'ulimits', 'user', 'volumes', 'working_dir',
] as const;

/** The service's keys the main component takes when its transformer templates did not set them (merge.go's mergedTransformerKeys). */
export const MERGED_TRANSFORMER_KEYS = [
  'blkio_config', 'cap_add', 'cap_drop', 'command', 'cpu_count', 'cpu_percent', 'cpu_period', 'cpu_quota', 'cpu_rt_period',
  'cpu_rt_runtime', 'cpu_shares', 'cpus', 'cpuset', 'depends_on', 'device_cgroup_rules', 'devices', 'entrypoint', 'env_file',
  'environment', 'group_add', 'healthcheck', 'image', 'isolation', 'labels', 'logging', 'mem_limit', 'mem_reservation',
  'mem_swappiness', 'memswap_limit', 'oom_kill_disable', 'oom_score_adj', 'pids_limit', 'privileged', 'read_only', 'runtime',
  'security_opt', 'shm_size', 'stdin_open', 'stop_grace_period', 'stop_signal', 'storage_opt', 'sysctls', 'tmpfs', 'tty',
  'ulimits', 'user', 'userns_mode', 'volumes', 'working_dir',
] as const;
