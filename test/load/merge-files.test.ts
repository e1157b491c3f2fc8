import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mergeServiceOverride, mergeStackFiles } from '../../src/load/merge-files.js';

describe('mergeServiceOverride', () => {
  it('merges environment written as a list and as a mapping, by key', () => {
    const merged = mergeServiceOverride({ environment: ['A=1', 'B=2'] }, { environment: { B: '3', C: '4' } });
    assert.deepEqual(merged.environment, { A: '1', B: '3', C: '4' });
  });

  it('merges labels by key too', () => {
    const merged = mergeServiceOverride({ labels: { a: '1', b: '2' } }, { labels: ['b=x', 'c=y'] });
    assert.deepEqual(merged.labels, { a: '1', b: 'x', c: 'y' });
  });

  it('merges volumes by target path, keeping the earlier order', () => {
    const merged = mergeServiceOverride({ volumes: ['data:/data', '/host/cfg:/cfg:ro'] }, { volumes: ['other:/data', '/cache'] });
    assert.deepEqual(merged.volumes, ['other:/data', '/host/cfg:/cfg:ro', '/cache']);
  });

  it('merges long-form volumes by target as well', () => {
    const merged = mergeServiceOverride(
      { volumes: [{ type: 'volume', source: 'a', target: '/data' }] },
      { volumes: ['b:/data'] },
    );
    assert.deepEqual(merged.volumes, ['b:/data']);
  });

  it('merges ports: the same port once, a new one appended', () => {
    const merged = mergeServiceOverride({ ports: ['80:80', { target: 443, published: 443 }] }, { ports: ['80:80', { target: 443, published: 443, mode: 'host' }, '9000:9000'] });
    assert.deepEqual(merged.ports, ['80:80', { target: 443, published: 443, mode: 'host' }, '9000:9000']);
  });

  it('merges secrets and configs by source', () => {
    const merged = mergeServiceOverride({ secrets: ['db', 'api'] }, { secrets: [{ source: 'db', target: 'db.txt' }] });
    assert.deepEqual(merged.secrets, [{ source: 'db', target: 'db.txt' }, 'api']);
  });

  it('replaces image and command', () => {
    const merged = mergeServiceOverride({ image: 'a:1', command: ['run', '--x'] }, { image: 'a:2', command: 'serve' });
    assert.equal(merged.image, 'a:2');
    assert.equal(merged.command, 'serve');
  });

  it('replaces other lists (dns) rather than appending', () => {
    assert.deepEqual(mergeServiceOverride({ dns: ['1.1.1.1'] }, { dns: ['8.8.8.8'] }).dns, ['8.8.8.8']);
  });

  it('merges deploy deeply, labels by key', () => {
    const merged = mergeServiceOverride(
      { deploy: { replicas: 1, labels: ['a=1'], resources: { limits: { cpus: '1' } } } },
      { deploy: { labels: { b: '2' }, resources: { limits: { memory: '1g' } } } },
    );
    assert.deepEqual(merged.deploy, { replicas: 1, labels: { a: '1', b: '2' }, resources: { limits: { cpus: '1', memory: '1g' } } });
  });

  it('does not change its inputs', () => {
    const base = { environment: ['A=1'], volumes: ['a:/a'] };
    mergeServiceOverride(base, { environment: { B: '2' }, volumes: ['b:/a'] });
    assert.deepEqual(base, { environment: ['A=1'], volumes: ['a:/a'] });
  });
});

describe('mergeStackFiles', () => {
  it('reads an empty section of a later file as an empty mapping: it overrides nothing', () => {
    const base = { version: '3.8', services: { api: { image: 'a:1' } }, volumes: { data: {} } };
    assert.deepEqual(mergeStackFiles([base, { version: '3.8', services: null, volumes: null }]), base);
  });

  it('merges services by name, adds new ones, and deep-merges top-level sections', () => {
    const merged = mergeStackFiles([
      { version: '3.4', services: { a: { image: 'x' }, b: { image: 'y' } }, volumes: { v: { driver: 'local' } } },
      { version: '3.8', services: { a: { image: 'z' }, c: { image: 'c' } }, volumes: { v: { labels: { k: 'v' } }, w: {} } },
    ]);
    assert.deepEqual(merged, {
      version: '3.8',
      services: { a: { image: 'z' }, b: { image: 'y' }, c: { image: 'c' } },
      volumes: { v: { driver: 'local', labels: { k: 'v' } }, w: {} },
    });
  });

  it('replaces a list inside an extension field', () => {
    const merged = mergeStackFiles([{ 'x-podlike': { defaults: ['a'] } }, { 'x-podlike': { defaults: ['b'] } }]);
    assert.deepEqual(merged, { 'x-podlike': { defaults: ['b'] } });
  });

  it('returns the one file as it is', () => {
    assert.deepEqual(mergeStackFiles([{ services: { a: { image: 'x' } } }]), { services: { a: { image: 'x' } } });
  });
});
