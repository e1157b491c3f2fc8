/**
 * Property test: `podlike-gen a.yml b.yml` merges as `docker stack deploy -c a.yml -c b.yml`.
 * Each run writes a pair of stack files of many plain services (no pod markers, so podlike-gen
 * passes them through), each field drawn from small pools so that the two files collide, then
 * compares, as data, what `docker stack config` prints for podlike-gen's output with what it
 * prints for the two files. Sending both through docker's loader is the only normalisation:
 * it writes both in its own long forms with its own defaults, so only the merge can differ.
 * One docker call per side per run, with every service in it, keeps the test quick.
 *
 * One difference is allowed for: where docker's merge repeats an item in a list the Compose
 * schema wants unique (cap_add: [A] then [A]), podlike-gen writes it once, as one file must
 * (see appendedOnce in src/load/field-merges.ts); those lists of docker's merge are compared
 * without their repeats.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { compile } from '../../src/compile.js';
import { DOCKER_MISSING, dockerAvailable, dockerStackConfig } from '../helpers/docker.js';
import { propertyParams, propertyRuns } from '../helpers/property-params.js';
import { assertProperty, describeDiagnostics, errorsOf, removeFolder, tempFolder } from './support.js';

const RUNS = propertyRuns(24);
const SERVICES = 24;

const NETWORKS = ['n1', 'n2', 'n3'];
const VOLUMES = ['v1', 'v2'];
const SECRETS = ['s1', 's2', 's3'];
const CONFIGS = ['c1', 'c2'];

const some = <T>(items: readonly T[]) => fc.subarray([...items], { minLength: 0 });
const oneOrList = (items: readonly string[]) => fc.oneof(fc.constantFrom(...items), some(items));
const text = (...values: string[]) => fc.constantFrom(...values);
const flag = fc.boolean();
const duration = text('0s', '10s', '1m30s');
const keyValues = (keys: readonly string[], values: readonly (string | null | number)[]) =>
  fc.oneof(
    fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...values), { maxKeys: 3 }),
    fc.uniqueArray(
      fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...values)).map(([key, value]) => (value === null ? key : `${key}=${value}`)),
      { maxLength: 3, selector: (item) => item.split('=')[0] },
    ),
  );

const port = fc.oneof(
  fc.constantFrom('80', '81', '8080:80', '8080:81', '9000:90/udp', '9000:90', '127.0.0.1:7000:70', '8000-8001:80-81', '3000-3001'),
  fc.record({ target: fc.constantFrom(80, 81), published: fc.constantFrom(8080, 9000), protocol: text('tcp', 'udp'), mode: text('ingress', 'host') }, { requiredKeys: ['target'] }),
);
const volume = fc.oneof(
  fc.constantFrom('/srv/a:/a', '/srv/b:/a:ro', 'v1:/data', 'v2:/data', 'v1:/b', '/cache', '/z:/z'),
  fc.record({ type: fc.constant('volume'), source: fc.constantFrom(...VOLUMES), target: text('/data', '/c') }),
);
const objectRef = (names: readonly string[]) =>
  fc.oneof(fc.constantFrom(...names), fc.record({ source: fc.constantFrom(...names), target: text('/run/x', '/run/y') }, { requiredKeys: ['source'] }));
const network = fc.oneof(
  some(NETWORKS),
  fc.dictionary(fc.constantFrom(...NETWORKS), fc.option(fc.record({ aliases: some(['a', 'b']), ipv4_address: text('10.0.0.2', '10.0.0.3') }, { requiredKeys: [] }), { nil: null }), { maxKeys: 3 }),
);
const logging = fc.record(
  { driver: text('json-file', 'syslog'), options: fc.dictionary(text('a', 'b', 'c'), text('1', '2', ''), { maxKeys: 2 }) },
  { requiredKeys: [] },
);
/**
 * Tests that cannot repeat an item once appended (the schema wants a test's items unique: two
 * string tests, both CMD-SHELL, would make a merge docker refuses as one file).
 */
const healthcheck = (test: fc.Arbitrary<unknown>) => fc.record(
  { test, interval: duration, timeout: duration, retries: fc.nat(2), disable: flag },
  { requiredKeys: [] },
);
const deploy = fc.record(
  {
    replicas: fc.nat(2),
    endpoint_mode: text('vip', 'dnsrr'),
    labels: keyValues(['d1', 'd2'], ['1', '']),
    placement: fc.record(
      { constraints: some(['node.role == worker', 'node.labels.ssd == true']), preferences: some([{ spread: 'node.labels.a' }, { spread: 'node.labels.b' }]), max_replicas_per_node: fc.nat(2) },
      { requiredKeys: [] },
    ),
    resources: fc.record({ limits: fc.record({ cpus: text('0.5', '1'), memory: text('0', '64M', '1g') }, { requiredKeys: [] }) }, { requiredKeys: [] }),
    update_config: fc.record({ parallelism: fc.nat(2), delay: duration, max_failure_ratio: fc.constantFrom(0, 0.5), order: text('start-first', 'stop-first') }, { requiredKeys: [] }),
    restart_policy: fc.record({ condition: text('on-failure', 'any'), max_attempts: fc.nat(2), delay: duration }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
/** x- data, each key always of one kind: docker refuses to merge a list with a mapping ("cannot append two slices with different type"). */
const extension = fc.record(
  {
    scalar: fc.constantFrom(1, 'x', null, ''),
    list: fc.array(fc.constantFrom(1, 2), { maxLength: 2 }),
    map: fc.record({ scalar: fc.constantFrom(1, 'x', null), list: fc.array(fc.constantFrom(1, 2), { maxLength: 2 }) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const service = (test: fc.Arbitrary<unknown>) => fc.record(
  {
    image: text('alpine:3.20', 'alpine:3.21', ''),
    user: text('root', '', '1000'),
    hostname: text('h1', 'h2'),
    read_only: flag,
    init: flag,
    tty: flag,
    stop_grace_period: duration,
    command: fc.oneof(text('run', ''), fc.constantFrom([], ['a', 'b'], ['c'])),
    entrypoint: fc.oneof(text('sh', ''), fc.constantFrom([], ['/bin/x'])),
    cap_add: some(['NET_ADMIN', 'SYS_TIME']),
    dns: oneOrList(['1.1.1.1', '8.8.8.8']),
    dns_search: oneOrList(['a.local', 'b.local']),
    tmpfs: oneOrList(['/t1', '/t2']),
    extra_hosts: fc.oneof(some(['h1:10.0.0.1', 'h2:10.0.0.2']), fc.dictionary(text('h1', 'h3'), text('10.0.0.5', '10.0.0.6'), { maxKeys: 2 })),
    environment: keyValues(['A', 'B', 'C'], ['1', '2', '', null, 3]),
    labels: keyValues(['l1', 'l2'], ['x', '', null]),
    sysctls: keyValues(['net.core.somaxconn', 'net.ipv4.tcp_syncookies'], ['0', '1']),
    networks: network,
    ports: fc.uniqueArray(port, { maxLength: 3, selector: (item) => JSON.stringify(item) }),
    // One mount per container path in a file: docker refuses a duplicate mount point at deploy, and so does podlike-gen.
    volumes: fc.uniqueArray(volume, { maxLength: 3, selector: (item) => (typeof item === 'string' ? (item.split(':')[1] ?? item) : item.target) }),
    secrets: fc.array(objectRef(SECRETS), { maxLength: 3 }),
    configs: fc.array(objectRef(CONFIGS), { maxLength: 2 }),
    ulimits: fc.dictionary(text('nofile', 'nproc'), fc.oneof(fc.constantFrom(100, 200), fc.constant({ soft: 10, hard: 20 })), { maxKeys: 2 }),
    logging,
    healthcheck: healthcheck(test),
    deploy,
    'x-ext': extension,
  },
  { requiredKeys: [] },
);

/** Each service in the first file, the second, or both. */
const base = service(fc.constantFrom(['CMD', 'true'], ['NONE']));
const over = service(text('curl -f localhost', 'true'));
const servicePair = fc.oneof(
  { weight: 4, arbitrary: fc.record({ base, over }) },
  { weight: 1, arbitrary: fc.record({ base }) },
  { weight: 1, arbitrary: fc.record({ over }) },
);

const definitions = (names: readonly string[], definition: fc.Arbitrary<unknown>) => fc.dictionary(fc.constantFrom(...names), definition, { maxKeys: names.length });
const overrideSections = fc.record({
  volumes: definitions(VOLUMES, fc.constantFrom({ driver: 'local' }, { labels: { k: 'v' } }, {})),
  networks: definitions(NETWORKS, fc.constantFrom({ driver: 'overlay' }, { attachable: true }, { labels: ['k=v'] })),
  secrets: definitions(SECRETS, fc.constantFrom({ external: true }, { name: 'other', external: true })),
  'x-top': extension,
});

/** A generated service with an image where it has none or an empty one. */
function withImage(service: unknown): unknown {
  const definition = service as { image?: string };
  return definition.image ? definition : { ...definition, image: 'alpine:3.20' };
}

function stackFiles(pairs: readonly { base?: unknown; over?: unknown }[], sections: Record<string, unknown>) {
  // Every merged service has an image (docker stack deploy cannot create one without, and podlike-gen says so):
  // the first file that defines a service names one; a later file may still write '' or another.
  const imaged: { base?: unknown; over?: unknown }[] = pairs.map((pair) => (pair.base !== undefined ? { ...pair, base: withImage(pair.base) } : { over: withImage(pair.over) }));
  const servicesOf = (side: 'base' | 'over') => Object.fromEntries(imaged.flatMap((pair, i) => (pair[side] === undefined ? [] : [[`s${i}`, pair[side]]])));
  const all = (names: readonly string[], definition: object) => Object.fromEntries(names.map((name) => [name, definition]));
  const base = {
    version: '3.8',
    services: servicesOf('base'),
    volumes: all(VOLUMES, {}),
    networks: all(NETWORKS, { driver: 'overlay' }),
    secrets: all(SECRETS, { external: true }),
    configs: all(CONFIGS, { external: true }),
    'x-top': { a: 1 },
  };
  return [base, { version: '3.8', services: servicesOf('over'), ...sections }];
}

const UNIQUE_LISTS = ['cap_add', 'cap_drop', 'depends_on', 'devices', 'dns', 'dns_search', 'env_file', 'expose', 'external_links', 'extra_hosts', 'links', 'security_opt', 'tmpfs'];

/** docker's merged stack with each item once in the lists one file cannot repeat items in. */
function withoutRepeats(stack: { services?: Record<string, Record<string, unknown>> }) {
  for (const service of Object.values(stack.services ?? {})) {
    for (const key of UNIQUE_LISTS) if (Array.isArray(service[key])) service[key] = [...new Set(service[key])];
  }
  return stack;
}

/** The first service whose merge differs, with both files' definitions of it. */
function firstDifference(ours: Record<string, unknown>, docker: Record<string, unknown>, files: readonly Record<string, unknown>[]): string {
  const services = (stack: Record<string, unknown>) => (stack.services ?? {}) as Record<string, unknown>;
  for (const name of new Set([...Object.keys(services(ours)), ...Object.keys(services(docker))])) {
    try {
      assert.deepEqual(services(ours)[name], services(docker)[name]);
    } catch {
      const definitions = files.map((file) => stringify({ [name]: services(file)[name] ?? null }));
      return `service ${name}\na.yml:\n${definitions[0]}b.yml:\n${definitions[1]}podlike-gen, through docker:\n${stringify(services(ours)[name])}docker -c a.yml -c b.yml:\n${stringify(services(docker)[name])}`;
    }
  }
  return 'the services agree; a top-level section differs';
}

describe('podlike-gen a.yml b.yml against docker stack config -c a.yml -c b.yml', () => {
  const dir = tempFolder({}, 'podlike-gen-docker-merge-');
  after(() => removeFolder(dir));

  it(`merges plain services and top-level sections as docker does (${RUNS} runs of ${SERVICES} services)`, (t) => {
    if (!dockerAvailable()) return t.skip(DOCKER_MISSING);
    const run = fc.record({ pairs: fc.array(servicePair, { minLength: SERVICES, maxLength: SERVICES }), sections: overrideSections });
    assertProperty(
      fc.property(run, ({ pairs, sections }) => {
        const files = stackFiles(pairs, sections);
        // Values the generator shares are written as anchors and aliases: merged, they must keep meaning the same.
        writeFileSync(join(dir, 'a.yml'), stringify(files[0]));
        writeFileSync(join(dir, 'b.yml'), stringify(files[1]));
        const docker = dockerStackConfig(['a.yml', 'b.yml'], dir);
        assert.equal(docker.problem, undefined, 'docker refused the generated files: the generator must write valid stacks');
        const result = compile(['a.yml', 'b.yml'], { cwd: dir, env: {} });
        assert.deepEqual(errorsOf(result), [], describeDiagnostics(result.diagnostics));
        writeFileSync(join(dir, 'out.yml'), result.yaml!);
        const ours = dockerStackConfig(['out.yml'], dir);
        assert.equal(ours.problem, undefined, `docker refused podlike-gen's output:\n${result.yaml}`);
        const [oursRead, dockerRead] = [parse(ours.yaml!), withoutRepeats(parse(docker.yaml!))];
        assert.deepEqual(oursRead, dockerRead, firstDifference(oursRead, dockerRead, files));
      }),
      // No shrinking: each step calls docker twice, and the message shows the one service that differs.
      { ...propertyParams(RUNS), endOnFailure: true },
    );
  });
});
