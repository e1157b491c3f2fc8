import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { merge } from '../../src/expand/merge-layers.js';

describe('merge', () => {
  it('merges environment list and mapping by key', () => {
    assert.deepEqual(merge({ environment: ['A=1', 'B=2'] }, { environment: { B: '3', C: '4' } }).environment, { A: '1', B: '3', C: '4' });
    assert.deepEqual(merge({ environment: { A: '1' } }, { environment: ['A=2', 'D'] }).environment, { A: '2', D: null });
  });

  it('merges labels and sysctls by key', () => {
    assert.deepEqual(merge({ labels: { l: '1' } }, { labels: ['m=2'] }).labels, { l: '1', m: '2' });
    assert.deepEqual(merge({ sysctls: ['a=1'] }, { sysctls: ['a=2'] }).sysctls, { a: '2' });
  });

  it('merges extra_hosts by host name', () => {
    assert.deepEqual(merge({ extra_hosts: ['db:10.0.0.1'] }, { extra_hosts: ['db:10.0.0.2', 'cache:10.0.0.3'] }).extra_hosts, {
      db: '10.0.0.2',
      cache: '10.0.0.3',
    });
  });

  it('merges volumes and devices by target path', () => {
    assert.deepEqual(merge({ volumes: ['v:/data', '/x:/y'] }, { volumes: ['w:/data:ro'] }).volumes, ['w:/data:ro', '/x:/y']);
    assert.deepEqual(merge({ devices: ['/dev/a:/dev/x'] }, { devices: ['/dev/b:/dev/x', '/dev/c:/dev/c'] }).devices, ['/dev/b:/dev/x', '/dev/c:/dev/c']);
  });

  it('replaces command, entrypoint and healthcheck test whole', () => {
    const merged = merge({ command: ['a', 'b'], entrypoint: ['sh'], healthcheck: { test: ['CMD', 'a'], retries: 3 } }, { command: ['c'], entrypoint: 'x', healthcheck: { test: 'true' } });
    assert.deepEqual(merged, { command: ['c'], entrypoint: 'x', healthcheck: { test: 'true', retries: 3 } });
  });

  it('appends other lists, dropping exact duplicates', () => {
    assert.deepEqual(merge({ cap_add: ['X', 'Y'] }, { cap_add: ['Y', 'Z'] }).cap_add, ['X', 'Y', 'Z']);
    assert.deepEqual(merge({ security_opt: [{ a: 1 }] }, { security_opt: [{ a: 1 }, { a: 2 }] }).security_opt, [{ a: 1 }, { a: 2 }]);
  });

  it('lets a later scalar win, and merges mappings deeply', () => {
    assert.deepEqual(merge({ image: 'a', deploy: { replicas: 1, resources: { limits: { cpus: '1' } } } }, { image: 'b', deploy: { resources: { limits: { memory: '1g' } } } }), {
      image: 'b',
      deploy: { replicas: 1, resources: { limits: { cpus: '1', memory: '1g' } } },
    });
  });

  it('keeps a key named like an Object.prototype member, and ignores __proto__', () => {
    const merged = merge({ environment: { constructor: 'a' } }, JSON.parse('{"environment": {"toString": "b"}, "__proto__": {"polluted": true}}'));
    assert.deepEqual(merged, { environment: { constructor: 'a', toString: 'b' } });
    assert.equal(Object.getPrototypeOf(merged), Object.prototype);
  });

  it('does not change its inputs', () => {
    const base = { environment: ['A=1'], cap_add: ['X'] };
    const over = { environment: { B: '2' }, cap_add: ['Y'], deploy: { replicas: 2 } };
    merge(base, over);
    assert.deepEqual(base, { environment: ['A=1'], cap_add: ['X'] });
    assert.deepEqual(over, { environment: { B: '2' }, cap_add: ['Y'], deploy: { replicas: 2 } });
  });
});
