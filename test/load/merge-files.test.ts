/**
 * The merge of several stack files, rule by rule, each case as `docker stack config -c a.yml
 * -c b.yml` (docker 28) printed it; test/load/docker-merge.property.test.ts compares many
 * generated pairs with docker itself.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mergeServiceOverride, mergeStackFiles } from '../../src/load/merge-files.js';
import type { JsonObject } from '../../src/model/compose-lists.js';

const merged = (base: JsonObject, over: JsonObject) => mergeServiceOverride(base, over);

describe('a service both files define: lists docker appends', () => {
  it('keeps the networks of both files (each network once)', () => {
    assert.deepEqual(merged({ networks: ['backend'] }, { networks: ['frontend', 'backend'] }).networks, ['backend', 'frontend']);
  });

  it('keeps the placement constraints and preferences of both files', () => {
    const deploy = merged(
      { deploy: { placement: { constraints: ['node.role == worker'], preferences: [{ spread: 'node.labels.a' }] } } },
      { deploy: { placement: { constraints: ['node.labels.ssd == true'], preferences: [{ spread: 'node.labels.b' }] } } },
    ).deploy;
    assert.deepEqual(deploy, {
      placement: { constraints: ['node.role == worker', 'node.labels.ssd == true'], preferences: [{ spread: 'node.labels.a' }, { spread: 'node.labels.b' }] },
    });
  });

  it('appends cap_add, dns and depends_on, each item once (docker repeats it, which one file cannot)', () => {
    const service = merged({ cap_add: ['NET_ADMIN'], dns: ['1.1.1.1'], depends_on: ['db'] }, { cap_add: ['NET_ADMIN', 'SYS_TIME'], dns: ['1.1.1.1'], depends_on: ['db'] });
    assert.deepEqual(service, { cap_add: ['NET_ADMIN', 'SYS_TIME'], dns: ['1.1.1.1'], depends_on: ['db'] });
  });

  it('keeps a repeated placement constraint, which one file may hold', () => {
    const deploy = merged({ deploy: { placement: { constraints: ['node.role == worker'] } } }, { deploy: { placement: { constraints: ['node.role == worker'] } } }).deploy;
    assert.deepEqual(deploy, { placement: { constraints: ['node.role == worker', 'node.role == worker'] } });
  });

  it('appends a list to a single string (tmpfs: /a then [/b])', () => {
    assert.deepEqual(merged({ tmpfs: '/a' }, { tmpfs: ['/b'] }).tmpfs, ['/a', '/b']);
  });

  it('appends extra_hosts, a mapping read as host:ip in name order', () => {
    assert.deepEqual(merged({ extra_hosts: { zed: '1.1.1.1', abc: '2.2.2.2' } }, { extra_hosts: ['h1:3.3.3.3'] }).extra_hosts, ['abc:2.2.2.2', 'zed:1.1.1.1', 'h1:3.3.3.3']);
  });

  it('appends healthcheck tests, a string test read as CMD-SHELL', () => {
    assert.deepEqual(merged({ healthcheck: { test: 'curl x' } }, { healthcheck: { test: ['CMD', 'b'] } }).healthcheck, { test: ['CMD-SHELL', 'curl x', 'CMD', 'b'] });
  });
});

describe('a service both files define: lists merged by identity and sorted', () => {
  it('merges volumes by target and sorts them by target', () => {
    const service = merged({ volumes: ['data:/data', '/host/cfg:/cfg:ro'] }, { volumes: ['other:/data', '/cache'] });
    assert.deepEqual(service.volumes, ['/cache', '/host/cfg:/cfg:ro', 'other:/data']);
  });

  it('merges long-form and short-form volumes by target alike', () => {
    assert.deepEqual(merged({ volumes: [{ type: 'volume', source: 'a', target: '/data' }] }, { volumes: ['b:/data'] }).volumes, ['b:/data']);
  });

  it('merges secrets and configs by source, sorted by source', () => {
    const service = merged({ secrets: ['db', 'api'], configs: ['z'] }, { secrets: [{ source: 'db', target: 'db.txt' }], configs: ['a'] });
    assert.deepEqual(service.secrets, ['api', { source: 'db', target: 'db.txt' }]);
    assert.deepEqual(service.configs, ['a', 'z']);
  });

  it('merges ports by published port alone: a later 9000/tcp replaces 9000/udp', () => {
    const service = merged({ ports: ['9000:90/udp', '8080:80'] }, { ports: ['9000:90/tcp', '7000:70'] });
    assert.deepEqual(service.ports, ['7000:70', '8080:80', '9000:90/tcp']);
  });

  it('keeps one unpublished port: docker counts them all as port 0', () => {
    assert.deepEqual(merged({ ports: ['81', '80'] }, { ports: ['82'] }).ports, ['82']);
  });

  it('splits a port range into its ports before merging', () => {
    assert.deepEqual(merged({ ports: ['8000-8001:80-81'] }, { ports: ['8001:90'] }).ports, [{ mode: 'ingress', target: 80, published: 8000, protocol: 'tcp' }, '8001:90']);
  });

  it('sorts the earlier lists even when the later file only changes the image', () => {
    const service = merged({ image: 'a', volumes: ['/z:/z', '/a:/a'], secrets: ['z', 'a'] }, { image: 'b' });
    assert.deepEqual(service, { image: 'b', volumes: ['/a:/a', '/z:/z'], secrets: ['a', 'z'] });
  });

  it('takes the later list as written when the earlier file has none', () => {
    assert.deepEqual(merged({ image: 'a' }, { volumes: ['/z:/z', '/a:/a'] }).volumes, ['/z:/z', '/a:/a']);
  });
});

describe('a service both files define: mappings merged by key', () => {
  it('merges environment written as a list and as a mapping', () => {
    assert.deepEqual(merged({ environment: ['A=1', 'B=2'] }, { environment: { B: '3', C: '4' } }).environment, { A: '1', B: '3', C: '4' });
  });

  it('keeps an environment value the later file leaves empty or unset, and fills an unset one', () => {
    const environment = merged({ environment: { A: '1', B: '1', D: null, E: '' } }, { environment: { A: '', B: null, D: '2', E: null } }).environment;
    assert.deepEqual(environment, { A: '1', B: '1', D: '2', E: null });
  });

  it('lets a later empty label win (labels are plain strings to docker)', () => {
    assert.deepEqual(merged({ labels: { a: '1', b: '2' } }, { labels: ['b=', 'c'] }).labels, { a: '1', b: '', c: '' });
  });

  it('merges deploy labels by key and resources field by field', () => {
    const deploy = merged(
      { deploy: { replicas: 1, labels: ['a=1'], resources: { limits: { cpus: '1' } } } },
      { deploy: { labels: { b: '2' }, resources: { limits: { memory: '1g' } } } },
    ).deploy;
    assert.deepEqual(deploy, { replicas: 1, labels: { a: '1', b: '2' }, resources: { limits: { cpus: '1', memory: '1g' } } });
  });

  it('merges networks by name: later aliases replace, later addresses win when set', () => {
    const service = merged(
      { networks: { n1: { aliases: ['a1'], ipv4_address: '10.0.0.1' }, n2: { aliases: ['a2'] }, n3: null } },
      { networks: { n1: { ipv6_address: '::1' }, n2: null, n3: { aliases: ['c'] } } },
    );
    assert.deepEqual(service.networks, { n1: { ipv4_address: '10.0.0.1', ipv6_address: '::1' }, n2: { aliases: ['a2'] }, n3: { aliases: ['c'] } });
  });

  it('merges a network list into a network mapping', () => {
    assert.deepEqual(merged({ networks: ['a'] }, { networks: { b: { aliases: ['x'] } } }).networks, { a: null, b: { aliases: ['x'] } });
  });

  it('replaces a ulimit whole, by name', () => {
    assert.deepEqual(merged({ ulimits: { nofile: { soft: 1, hard: 2 }, nproc: 5 } }, { ulimits: { nofile: 7 } }).ulimits, { nofile: 7, nproc: 5 });
  });

  it('merges x- fields deeply: lists append, a later scalar or null wins', () => {
    const service = merged({ 'x-e': { m: { a: 1 }, l: [1], s: 1, n: 1 } }, { 'x-e': { m: { b: 2 }, l: [2], s: 2, n: null } });
    assert.deepEqual(service['x-e'], { m: { a: 1, b: 2 }, l: [1, 2], s: 2, n: null });
  });

  it('overrides x-podlike key by key, a later list replacing (podlike-gen\'s own settings)', () => {
    assert.deepEqual(merged({ 'x-podlike': { templates: ['a'], args: { http: { port: 1 } } } }, { 'x-podlike': { templates: ['b'] } })['x-podlike'], { templates: ['b'], args: { http: { port: 1 } } });
  });
});

describe('a service both files define: logging', () => {
  it('merges the options of the same driver', () => {
    const logging = merged({ logging: { driver: 'json-file', options: { a: '1', b: '1' } } }, { logging: { driver: 'json-file', options: { a: '', c: '2' } } }).logging;
    assert.deepEqual(logging, { driver: 'json-file', options: { a: '', b: '1', c: '2' } });
  });

  it('takes the later driver when the earlier names none, merging options', () => {
    assert.deepEqual(merged({ logging: { options: { a: '1' } } }, { logging: { driver: 'syslog', options: { b: '1' } } }).logging, { driver: 'syslog', options: { a: '1', b: '1' } });
  });

  it('replaces the whole setting for a different driver', () => {
    assert.deepEqual(merged({ logging: { driver: 'json-file', options: { a: '1' } } }, { logging: { driver: 'syslog' } }).logging, { driver: 'syslog' });
  });

  it('drops later options when the earlier logging has none, as docker does', () => {
    assert.deepEqual(merged({ logging: { driver: 'json-file' } }, { logging: { options: { o: '1' } } }).logging, { driver: 'json-file' });
  });
});

describe('a service both files define: scalars', () => {
  it('replaces image and command', () => {
    const service = merged({ image: 'a:1', command: ['run', '--x'] }, { image: 'a:2', command: 'serve' });
    assert.deepEqual(service, { image: 'a:2', command: 'serve' });
  });

  it('keeps the earlier value where the later one is empty, false or zero', () => {
    const service = merged(
      { user: 'root', read_only: true, init: true, stop_grace_period: '10s', command: ['a'], entrypoint: 'x', deploy: { update_config: { delay: '10s', max_failure_ratio: 0.5 }, placement: { max_replicas_per_node: 2 }, resources: { limits: { memory: '1g' } } } },
      { user: '', read_only: false, init: false, stop_grace_period: '0s', command: [], entrypoint: '', deploy: { update_config: { delay: '0s', max_failure_ratio: 0 }, placement: { max_replicas_per_node: 0 }, resources: { limits: { memory: '0' } } } },
    );
    assert.deepEqual(service, { user: 'root', read_only: true, init: true, stop_grace_period: '10s', command: ['a'], entrypoint: 'x', deploy: { update_config: { delay: '10s', max_failure_ratio: 0.5 }, placement: { max_replicas_per_node: 2 }, resources: { limits: { memory: '1g' } } } });
  });

  it('lets a later replicas, retries or parallelism of 0 win', () => {
    const service = merged({ deploy: { replicas: 3, update_config: { parallelism: 2 } }, healthcheck: { retries: 3 } }, { deploy: { replicas: 0, update_config: { parallelism: 0 } }, healthcheck: { retries: 0 } });
    assert.deepEqual(service, { deploy: { replicas: 0, update_config: { parallelism: 0 } }, healthcheck: { retries: 0 } });
  });

  it('takes a later false where the earlier file did not set the field', () => {
    assert.deepEqual(merged({ image: 'a' }, { init: false }), { image: 'a', init: false });
  });

  it('reads build: ./dir as its context', () => {
    assert.deepEqual(merged({ build: './a' }, { build: { dockerfile: 'X' } }).build, { context: './a', dockerfile: 'X' });
  });

  it('does not change its inputs', () => {
    const base = { environment: ['A=1'], volumes: ['a:/a'], networks: ['n'] };
    merged(base, { environment: { B: '2' }, volumes: ['b:/a'], networks: ['m'] });
    assert.deepEqual(base, { environment: ['A=1'], volumes: ['a:/a'], networks: ['n'] });
  });
});

describe('mergeStackFiles', () => {
  it('reads an empty section of a later file as overriding nothing', () => {
    const base = { version: '3.8', services: { api: { image: 'a:1' } }, volumes: { data: {} } };
    assert.deepEqual(mergeStackFiles([base, { version: '3.8', services: null, volumes: null }]), base);
  });

  it('merges services by name, adds new ones, and replaces a redefined volume whole', () => {
    const stack = mergeStackFiles([
      { version: '3.8', services: { a: { image: 'x' }, b: { image: 'y' } }, volumes: { v: { driver: 'local' } } },
      { version: '3.8', services: { a: { image: 'z' }, c: { image: 'c' } }, volumes: { v: { labels: { k: 'v' } }, w: {} } },
    ]);
    assert.deepEqual(stack, { version: '3.8', services: { a: { image: 'z' }, b: { image: 'y' }, c: { image: 'c' } }, volumes: { v: { labels: { k: 'v' } }, w: {} } });
  });

  it('replaces networks, secrets and configs whole, by name', () => {
    const stack = mergeStackFiles([
      { networks: { n: { driver: 'overlay', attachable: true } }, secrets: { s: { file: './a' } }, configs: { c: { file: './c' } } },
      { networks: { n: { labels: { b: '2' } } }, secrets: { s: { external: true } }, configs: { d: { file: './d' } } },
    ]);
    assert.deepEqual(stack, { networks: { n: { labels: { b: '2' } } }, secrets: { s: { external: true } }, configs: { c: { file: './c' }, d: { file: './d' } } });
  });

  it('keeps the first file\'s x- fields and ignores a later file\'s, as docker does', () => {
    const stack = mergeStackFiles([{ 'x-top': { a: 1 } }, { 'x-top': { b: 2 }, 'x-new': 1 }]);
    assert.deepEqual(stack, { 'x-top': { a: 1 } });
  });

  it('merges x-podlike from every file, a later list replacing', () => {
    const stack = mergeStackFiles([{ 'x-podlike': { defaults: ['a'], args: { x: { y: 1 } } } }, { 'x-podlike': { defaults: ['b'] } }]);
    assert.deepEqual(stack, { 'x-podlike': { defaults: ['b'], args: { x: { y: 1 } } } });
  });

  it('returns the one file as it is', () => {
    assert.deepEqual(mergeStackFiles([{ services: { a: { image: 'x' } } }]), { services: { a: { image: 'x' } } });
  });
});

describe('KEY=VALUE lists whose key docker fills in (docker interpolates each file before it merges)', () => {
  it('stay lists, a later item of the same key winning and a mapping key escaped, so every key keeps its meaning', () => {
    const service = merged(
      { labels: ['traefik.http.routers.${NAME}.rule=Host(`a`)', 'team=a'], environment: ['TOKEN_${ENV}=x'] },
      { labels: { team: 'b', 'cost$': 'c' }, environment: ['TOKEN_${ENV}=y'] },
    );
    assert.deepEqual(service.labels, ['traefik.http.routers.${NAME}.rule=Host(`a`)', 'team=b', 'cost$$=c']);
    assert.deepEqual(service.environment, ['TOKEN_${ENV}=y']);
  });
});
