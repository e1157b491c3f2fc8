/**
 * The merge rule of every field of a Compose v3 service, as docker CLI 28 applies it to
 * several `-c` files: which lists append, which merge by key, and the Go type that decides
 * whether a later scalar replaces the earlier one (see go-zero.ts). Read from the docker
 * CLI's loader and measured against the installed docker 28 where the two differed.
 */
import {
  appended,
  appendedOnce,
  build,
  command,
  environment,
  extension,
  fields,
  healthcheckTest,
  hosts,
  labels,
  logging,
  networks,
  overridden,
  replaced,
  scalar,
  ulimits,
  type FieldMerge,
} from './field-merges.js';
import { zeroBytes, zeroDuration, zeroFlag, zeroNumber, zeroText } from './go-zero.js';

const text = scalar(zeroText);
const flag = scalar(zeroFlag);
const number = scalar(zeroNumber);
const duration = scalar(zeroDuration);
const bytes = scalar(zeroBytes);

const updateConfig = fields({ parallelism: replaced, delay: duration, failure_action: text, monitor: duration, max_failure_ratio: number, order: text });

const deploy = fields({
  mode: text,
  replicas: replaced,
  labels,
  update_config: updateConfig,
  rollback_config: updateConfig,
  resources: fields({
    limits: fields({ cpus: text, memory: bytes, pids: number }),
    reservations: fields({ cpus: text, memory: bytes, generic_resources: appended }),
  }),
  restart_policy: fields({ condition: text, delay: duration, max_attempts: replaced, window: duration }),
  placement: fields({ constraints: appended, preferences: appended, max_replicas_per_node: number }),
  endpoint_mode: text,
});

/**
 * Fields of a service other than the four lists docker merges by identity (volumes, ports,
 * secrets, configs: see keyed-lists.ts).
 */
const SERVICE_FIELDS: Readonly<Record<string, FieldMerge>> = {
  build: build({
    context: text,
    dockerfile: text,
    args: environment,
    labels,
    cache_from: appendedOnce,
    extra_hosts: hosts,
    network: text,
    target: text,
  }),
  cap_add: appendedOnce,
  cap_drop: appendedOnce,
  cgroupns_mode: text,
  cgroup_parent: text,
  command,
  container_name: text,
  credential_spec: fields({ config: text, file: text, registry: text }),
  depends_on: appendedOnce,
  deploy,
  devices: appendedOnce,
  dns: appendedOnce,
  dns_search: appendedOnce,
  domainname: text,
  entrypoint: command,
  environment,
  env_file: appendedOnce,
  expose: appendedOnce,
  external_links: appendedOnce,
  extra_hosts: hosts,
  healthcheck: fields({ test: healthcheckTest, timeout: duration, interval: duration, retries: replaced, start_period: duration, disable: flag }),
  hostname: text,
  image: text,
  init: flag,
  ipc: text,
  isolation: text,
  labels,
  links: appendedOnce,
  logging,
  mac_address: text,
  network_mode: text,
  networks,
  pid: text,
  privileged: flag,
  read_only: flag,
  restart: text,
  security_opt: appendedOnce,
  shm_size: text,
  stdin_open: flag,
  stop_grace_period: duration,
  stop_signal: text,
  sysctls: labels,
  tmpfs: appendedOnce,
  tty: flag,
  ulimits,
  user: text,
  userns_mode: text,
  working_dir: text,
};

/** `x-` fields merge as docker merges extension data; `x-podlike` is podlike-gen's own and overrides. */
function extensionRule(key: string): FieldMerge | undefined {
  if (key === 'x-podlike') return overridden;
  return key.startsWith('x-') ? extension : undefined;
}

/** Merges the fields of one service definition over an earlier one (the identity-merged lists aside). */
export const serviceFields: FieldMerge = fields(SERVICE_FIELDS, extensionRule);
