/**
 * The Go types of the data Podlike's templates see: `templateVars` (pkg/template/types.go) with
 * `.Service` a *types.ServiceConfig of docker/cli's compose types as vendored by Podlike master,
 * `.Project` (never set by Podlike: a nil *types.Config) and `.Args` a map[string]interface {}.
 * Field order and types follow the Go declarations, since Go prints structs field by field and
 * names these types in its errors (`can't evaluate field X in type *types.ServiceConfig`).
 * goValueFromPlain builds a value of such a type from plain data keyed by Go field names (the
 * JSON encoding/json gives of the Go value).
 */
import type { GoField, GoType, GoValue, Val } from './value.js';
import {
  ANY, BOOL, INT, INT64, STRING, UINT32, UINT64, goMap, inInterface, isFloatKind, isIntKind, isUintKind, mapOf, namedType,
  pointerTo, sliceOf, structType, zeroOf,
} from './value.js';

/** The `yaml` tags of the compose types' fields (yaml.v2 marshals `.Service` parts with them). */
const YAML_TAGS: Record<string, string> = {
  'Config.Filename': '-',
  'ServiceConfig.Name': '-',
  'ServiceConfig.Build': ',omitempty',
  'ServiceConfig.CapAdd': 'cap_add,omitempty',
  'ServiceConfig.CapDrop': 'cap_drop,omitempty',
  'ServiceConfig.CgroupParent': 'cgroup_parent,omitempty',
  'ServiceConfig.Command': ',omitempty',
  'ServiceConfig.Configs': ',omitempty',
  'ServiceConfig.ContainerName': 'container_name,omitempty',
  'ServiceConfig.CredentialSpec': 'credential_spec,omitempty',
  'ServiceConfig.DependsOn': 'depends_on,omitempty',
  'ServiceConfig.Deploy': ',omitempty',
  'ServiceConfig.Devices': ',omitempty',
  'ServiceConfig.DNS': ',omitempty',
  'ServiceConfig.DNSSearch': 'dns_search,omitempty',
  'ServiceConfig.DomainName': 'domainname,omitempty',
  'ServiceConfig.Entrypoint': ',omitempty',
  'ServiceConfig.Environment': ',omitempty',
  'ServiceConfig.EnvFile': 'env_file,omitempty',
  'ServiceConfig.Expose': ',omitempty',
  'ServiceConfig.ExternalLinks': 'external_links,omitempty',
  'ServiceConfig.ExtraHosts': 'extra_hosts,omitempty',
  'ServiceConfig.Hostname': ',omitempty',
  'ServiceConfig.HealthCheck': ',omitempty',
  'ServiceConfig.Image': ',omitempty',
  'ServiceConfig.Ipc': ',omitempty',
  'ServiceConfig.Labels': ',omitempty',
  'ServiceConfig.Links': ',omitempty',
  'ServiceConfig.Logging': ',omitempty',
  'ServiceConfig.MacAddress': 'mac_address,omitempty',
  'ServiceConfig.NetworkMode': 'network_mode,omitempty',
  'ServiceConfig.Networks': ',omitempty',
  'ServiceConfig.Pid': ',omitempty',
  'ServiceConfig.Ports': ',omitempty',
  'ServiceConfig.Privileged': ',omitempty',
  'ServiceConfig.ReadOnly': 'read_only,omitempty',
  'ServiceConfig.Restart': ',omitempty',
  'ServiceConfig.Secrets': ',omitempty',
  'ServiceConfig.SecurityOpt': 'security_opt,omitempty',
  'ServiceConfig.StdinOpen': 'stdin_open,omitempty',
  'ServiceConfig.StopGracePeriod': 'stop_grace_period,omitempty',
  'ServiceConfig.StopSignal': 'stop_signal,omitempty',
  'ServiceConfig.Tmpfs': ',omitempty',
  'ServiceConfig.Tty': 'tty,omitempty',
  'ServiceConfig.Ulimits': ',omitempty',
  'ServiceConfig.User': ',omitempty',
  'ServiceConfig.Volumes': ',omitempty',
  'ServiceConfig.WorkingDir': 'working_dir,omitempty',
  'ServiceConfig.Isolation': 'isolation,omitempty',
  'BuildConfig.Context': ',omitempty',
  'BuildConfig.Dockerfile': ',omitempty',
  'BuildConfig.Args': ',omitempty',
  'BuildConfig.Labels': ',omitempty',
  'BuildConfig.CacheFrom': 'cache_from,omitempty',
  'BuildConfig.Network': ',omitempty',
  'BuildConfig.Target': ',omitempty',
  'LoggingConfig.Driver': ',omitempty',
  'LoggingConfig.Options': ',omitempty',
  'DeployConfig.Mode': ',omitempty',
  'DeployConfig.Replicas': ',omitempty',
  'DeployConfig.Labels': ',omitempty',
  'DeployConfig.UpdateConfig': 'update_config,omitempty',
  'DeployConfig.RollbackConfig': 'rollback_config,omitempty',
  'DeployConfig.Resources': ',omitempty',
  'DeployConfig.RestartPolicy': 'restart_policy,omitempty',
  'DeployConfig.Placement': ',omitempty',
  'DeployConfig.EndpointMode': 'endpoint_mode,omitempty',
  'HealthCheckConfig.Test': ',omitempty',
  'HealthCheckConfig.Timeout': ',omitempty',
  'HealthCheckConfig.Interval': ',omitempty',
  'HealthCheckConfig.Retries': ',omitempty',
  'HealthCheckConfig.StartPeriod': 'start_period,omitempty',
  'HealthCheckConfig.Disable': ',omitempty',
  'UpdateConfig.Parallelism': ',omitempty',
  'UpdateConfig.Delay': ',omitempty',
  'UpdateConfig.FailureAction': 'failure_action,omitempty',
  'UpdateConfig.Monitor': ',omitempty',
  'UpdateConfig.MaxFailureRatio': 'max_failure_ratio,omitempty',
  'UpdateConfig.Order': ',omitempty',
  'Resources.Limits': ',omitempty',
  'Resources.Reservations': ',omitempty',
  'Resource.NanoCPUs': 'cpus,omitempty',
  'Resource.MemoryBytes': 'memory,omitempty',
  'Resource.GenericResources': 'generic_resources,omitempty',
  'GenericResource.DiscreteResourceSpec': 'discrete_resource_spec,omitempty',
  'RestartPolicy.Condition': ',omitempty',
  'RestartPolicy.Delay': ',omitempty',
  'RestartPolicy.MaxAttempts': 'max_attempts,omitempty',
  'RestartPolicy.Window': ',omitempty',
  'Placement.Constraints': ',omitempty',
  'Placement.Preferences': ',omitempty',
  'PlacementPreferences.Spread': ',omitempty',
  'ServiceNetworkConfig.Aliases': ',omitempty',
  'ServiceNetworkConfig.Ipv4Address': 'ipv4_address,omitempty',
  'ServiceNetworkConfig.Ipv6Address': 'ipv6_address,omitempty',
  'ServicePortConfig.Mode': ',omitempty',
  'ServicePortConfig.Target': ',omitempty',
  'ServicePortConfig.Published': ',omitempty',
  'ServicePortConfig.Protocol': ',omitempty',
  'ServiceVolumeConfig.Type': ',omitempty',
  'ServiceVolumeConfig.Source': ',omitempty',
  'ServiceVolumeConfig.Target': ',omitempty',
  'ServiceVolumeConfig.ReadOnly': 'read_only,omitempty',
  'ServiceVolumeConfig.Consistency': ',omitempty',
  'ServiceVolumeConfig.Bind': ',omitempty',
  'ServiceVolumeConfig.Volume': ',omitempty',
  'ServiceVolumeConfig.Tmpfs': ',omitempty',
  'ServiceVolumeBind.Propagation': ',omitempty',
  'ServiceVolumeVolume.NoCopy': 'nocopy,omitempty',
  'ServiceVolumeTmpfs.Size': ',omitempty',
  'FileReferenceConfig.Source': ',omitempty',
  'FileReferenceConfig.Target': ',omitempty',
  'FileReferenceConfig.UID': ',omitempty',
  'FileReferenceConfig.GID': ',omitempty',
  'FileReferenceConfig.Mode': ',omitempty',
  'UlimitsConfig.Single': ',omitempty',
  'UlimitsConfig.Soft': ',omitempty',
  'UlimitsConfig.Hard': ',omitempty',
  'NetworkConfig.Name': ',omitempty',
  'NetworkConfig.Driver': ',omitempty',
  'NetworkConfig.DriverOpts': 'driver_opts,omitempty',
  'NetworkConfig.Ipam': ',omitempty',
  'NetworkConfig.External': ',omitempty',
  'NetworkConfig.Internal': ',omitempty',
  'NetworkConfig.Attachable': ',omitempty',
  'NetworkConfig.Labels': ',omitempty',
  'IPAMConfig.Driver': ',omitempty',
  'IPAMConfig.Config': ',omitempty',
  'IPAMPool.Subnet': ',omitempty',
  'VolumeConfig.Name': ',omitempty',
  'VolumeConfig.Driver': ',omitempty',
  'VolumeConfig.DriverOpts': 'driver_opts,omitempty',
  'VolumeConfig.External': ',omitempty',
  'VolumeConfig.Labels': ',omitempty',
  'External.Name': ',omitempty',
  'External.External': ',omitempty',
  'CredentialSpecConfig.File': ',omitempty',
  'CredentialSpecConfig.Registry': ',omitempty',
  'FileObjectConfig.Name': ',omitempty',
  'FileObjectConfig.File': ',omitempty',
  'FileObjectConfig.External': ',omitempty',
  'FileObjectConfig.Labels': ',omitempty',
};

/** Types defined as another struct type take its tags. */
const TAGS_OF: Record<string, string> = { ServiceConfigObjConfig: 'FileReferenceConfig', ServiceSecretConfig: 'FileReferenceConfig' };

const struct = (name: string, fields: [string, GoType][]): GoType => {
  const typeName = name.replace(/^types\./, '');
  const tagged = TAGS_OF[typeName] ?? typeName;
  return structType(name, fields.map(([n, type]): GoField => ({ name: n, type, yamlTag: YAML_TAGS[`${tagged}.${n}`] })));
};

const FLOAT32: GoType = { kind: 'float32', name: 'float32' };
/** time.Duration prints through its String method. */
const DURATION: GoType = { ...namedType('time.Duration', INT64), stringer: (v) => formatDuration(v.v as bigint) };
const UNIT_BYTES: GoType = { ...namedType('types.UnitBytes', INT64), marshalYaml: (v) => ({ type: STRING, v: String(v.v) }) };
/** Their MarshalYAML methods return a value of their own type again: yaml.v2 never ends. */
const refusedMarshal = (): null => null;

const stringSlice = sliceOf(STRING);
const LABELS = namedType('types.Labels', mapOf(STRING, STRING));
const MAPPING_WITH_EQUALS = namedType('types.MappingWithEquals', mapOf(STRING, pointerTo(STRING)));
const SHELL_COMMAND = namedType('types.ShellCommand', stringSlice);
const STRING_LIST = namedType('types.StringList', stringSlice);

const BUILD_CONFIG = struct('types.BuildConfig', [
  ['Context', STRING], ['Dockerfile', STRING], ['Args', MAPPING_WITH_EQUALS], ['Labels', LABELS],
  ['CacheFrom', STRING_LIST], ['Network', STRING], ['Target', STRING],
]);
// ServiceConfigObjConfig and ServiceSecretConfig are FileReferenceConfig: their tags are its tags.
const FILE_REFERENCE_FIELDS: [string, GoType][] = [['Source', STRING], ['Target', STRING], ['UID', STRING], ['GID', STRING], ['Mode', pointerTo(UINT32)]];
const UPDATE_CONFIG = struct('types.UpdateConfig', [
  ['Parallelism', pointerTo(UINT64)], ['Delay', DURATION], ['FailureAction', STRING], ['Monitor', DURATION],
  ['MaxFailureRatio', FLOAT32], ['Order', STRING],
]);
const RESOURCE = struct('types.Resource', [
  ['NanoCPUs', STRING],
  ['MemoryBytes', UNIT_BYTES],
  ['GenericResources', sliceOf(struct('types.GenericResource', [
    ['DiscreteResourceSpec', pointerTo(struct('types.DiscreteGenericResource', [['Kind', STRING], ['Value', INT64]]))],
  ]))],
]);
const DEPLOY_CONFIG = struct('types.DeployConfig', [
  ['Mode', STRING], ['Replicas', pointerTo(UINT64)], ['Labels', LABELS], ['UpdateConfig', pointerTo(UPDATE_CONFIG)],
  ['RollbackConfig', pointerTo(UPDATE_CONFIG)],
  ['Resources', struct('types.Resources', [['Limits', pointerTo(RESOURCE)], ['Reservations', pointerTo(RESOURCE)]])],
  ['RestartPolicy', pointerTo(struct('types.RestartPolicy', [
    ['Condition', STRING], ['Delay', pointerTo(DURATION)], ['MaxAttempts', pointerTo(UINT64)], ['Window', pointerTo(DURATION)],
  ]))],
  ['Placement', struct('types.Placement', [
    ['Constraints', stringSlice], ['Preferences', sliceOf(struct('types.PlacementPreferences', [['Spread', STRING]]))],
  ])],
  ['EndpointMode', STRING],
]);
const HEALTH_CHECK = struct('types.HealthCheckConfig', [
  ['Test', namedType('types.HealthCheckTest', stringSlice)], ['Timeout', pointerTo(DURATION)], ['Interval', pointerTo(DURATION)],
  ['Retries', pointerTo(UINT64)], ['StartPeriod', pointerTo(DURATION)], ['Disable', BOOL],
]);

const SERVICE_PORT_CONFIG = struct('types.ServicePortConfig', [['Mode', STRING], ['Target', UINT32], ['Published', UINT32], ['Protocol', STRING]]);

export const SERVICE_CONFIG = struct('types.ServiceConfig', [
  ['Name', STRING],
  ['Build', BUILD_CONFIG],
  ['CapAdd', stringSlice],
  ['CapDrop', stringSlice],
  ['CgroupParent', STRING],
  ['Command', SHELL_COMMAND],
  ['Configs', sliceOf(struct('types.ServiceConfigObjConfig', FILE_REFERENCE_FIELDS))],
  ['ContainerName', STRING],
  ['CredentialSpec', struct('types.CredentialSpecConfig', [['File', STRING], ['Registry', STRING]])],
  ['DependsOn', stringSlice],
  ['Deploy', DEPLOY_CONFIG],
  ['Devices', stringSlice],
  ['DNS', STRING_LIST],
  ['DNSSearch', STRING_LIST],
  ['DomainName', STRING],
  ['Entrypoint', SHELL_COMMAND],
  ['Environment', MAPPING_WITH_EQUALS],
  ['EnvFile', STRING_LIST],
  ['Expose', namedType('types.StringOrNumberList', stringSlice)],
  ['ExternalLinks', stringSlice],
  ['ExtraHosts', namedType('types.HostsList', stringSlice)],
  ['Hostname', STRING],
  ['HealthCheck', pointerTo(HEALTH_CHECK)],
  ['Image', STRING],
  ['Ipc', STRING],
  ['Labels', LABELS],
  ['Links', stringSlice],
  ['Logging', pointerTo(struct('types.LoggingConfig', [['Driver', STRING], ['Options', mapOf(STRING, STRING)]]))],
  ['MacAddress', STRING],
  ['NetworkMode', STRING],
  ['Networks', mapOf(STRING, pointerTo(struct('types.ServiceNetworkConfig', [['Aliases', stringSlice], ['Ipv4Address', STRING], ['Ipv6Address', STRING]])))],
  ['Pid', STRING],
  ['Ports', sliceOf(SERVICE_PORT_CONFIG)],
  ['Privileged', BOOL],
  ['ReadOnly', BOOL],
  ['Restart', STRING],
  ['Secrets', sliceOf(struct('types.ServiceSecretConfig', FILE_REFERENCE_FIELDS))],
  ['SecurityOpt', stringSlice],
  ['StdinOpen', BOOL],
  ['StopGracePeriod', pointerTo(DURATION)],
  ['StopSignal', STRING],
  ['Tmpfs', STRING_LIST],
  ['Tty', BOOL],
  ['Ulimits', mapOf(STRING, pointerTo({ ...struct('types.UlimitsConfig', [['Single', INT], ['Soft', INT], ['Hard', INT]]), marshalYaml: refusedMarshal }))],
  ['User', STRING],
  ['Volumes', sliceOf(struct('types.ServiceVolumeConfig', [
    ['Type', STRING], ['Source', STRING], ['Target', STRING], ['ReadOnly', BOOL], ['Consistency', STRING],
    ['Bind', pointerTo(struct('types.ServiceVolumeBind', [['Propagation', STRING]]))],
    ['Volume', pointerTo(struct('types.ServiceVolumeVolume', [['NoCopy', BOOL]]))],
    ['Tmpfs', pointerTo(struct('types.ServiceVolumeTmpfs', [['Size', INT64]]))],
  ]))],
  ['WorkingDir', STRING],
  ['Isolation', STRING],
]);

/** types.Config, for `.Project`: Podlike never sets it, so only its field names matter. */
const CONFIG = struct('types.Config', [
  ['Filename', STRING], ['Version', STRING], ['Services', namedType('types.Services', sliceOf(SERVICE_CONFIG))],
  ['Networks', mapOf(STRING, ANY)], ['Volumes', mapOf(STRING, ANY)], ['Secrets', mapOf(STRING, ANY)], ['Configs', mapOf(STRING, ANY)],
]);

/** Podlike's templateVars, what every template executes on. */
export const TEMPLATE_VARS = struct('template.templateVars', [
  ['Service', pointerTo(SERVICE_CONFIG)],
  ['Project', pointerTo(CONFIG)],
  ['Args', mapOf(STRING, ANY)],
]);

/** A value of type from plain data: objects keyed by Go field names (or map keys), null for nil. */
export function goValueFromPlain(type: GoType, plain: unknown): GoValue {
  if (plain === null || plain === undefined) return zeroOf(type);
  const k = type.kind;
  if (k === 'string' || k === 'bool') return { type, v: plain };
  if (isIntKind(k) || isUintKind(k)) return { type, v: BigInt(plain as number | bigint) };
  if (isFloatKind(k)) return { type, v: Number(plain) };
  if (k === 'pointer') return { type, v: goValueFromPlain(type.elem!, plain) };
  if (k === 'slice') return { type, v: (plain as unknown[]).map((item) => goValueFromPlain(type.elem!, item)) };
  if (k === 'map') {
    const entries = Object.entries(plain as Record<string, unknown>).map(([key, value]) => ({
      key: goValueFromPlain(type.key!, key),
      value: goValueFromPlain(type.elem!, value),
    }));
    return { type, v: entries };
  }
  if (k === 'struct') {
    const record = plain as Record<string, unknown>;
    return { type, v: (type.fields ?? []).map((f) => goValueFromPlain(f.type, record[f.name])) };
  }
  if (k === 'interface') return inInterface(type, plainInterface(plain));
  throw new TypeError(`no plain form for ${type.name}`);
}

/** Plain data inside an interface {}: objects become map[string]interface {}, as docker's loader gives them. */
function plainInterface(plain: unknown): Val {
  if (plain === null || plain === undefined) return null;
  if (Array.isArray(plain)) return { type: sliceOf(ANY), v: plain.map((item) => inInterface(ANY, plainInterface(item))) };
  if (typeof plain === 'object' && !('type' in plain && 'v' in plain)) {
    return goMap(STRING, ANY, Object.entries(plain).map(([key, value]) => ({ key: { type: STRING, v: key }, value: inInterface(ANY, plainInterface(value)) })));
  }
  if (typeof plain === 'string') return { type: STRING, v: plain };
  if (typeof plain === 'boolean') return { type: BOOL, v: plain };
  if (typeof plain === 'number') return Number.isInteger(plain) ? { type: INT, v: BigInt(plain) } : { type: { kind: 'float64', name: 'float64' }, v: plain };
  if (typeof plain === 'bigint') return { type: INT, v: plain };
  return plain as GoValue;
}

/** time.Duration's String: 1h2m3.5s, 150ms, 0s. */
function formatDuration(d: bigint): string {
  if (d === 0n) return '0s';
  const negative = d < 0n;
  let u = negative ? -d : d;
  let out: string;
  if (u < 1000000000n) {
    const [unit, scale] = u < 1000n ? ['ns', 1n] : u < 1000000n ? ['µs', 1000n] : ['ms', 1000000n];
    out = fraction(u, scale) + unit;
  } else {
    const seconds = fraction(u % 60000000000n, 1000000000n);
    u /= 60000000000n;
    out = `${seconds}s`;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return negative ? `-${out}` : out;
}

function fraction(v: bigint, scale: bigint): string {
  const whole = v / scale;
  const rest = v % scale;
  if (rest === 0n) return whole.toString();
  const digits = (scale.toString().length - 1);
  return `${whole}.${rest.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}
