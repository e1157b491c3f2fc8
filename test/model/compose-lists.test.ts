import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keyValueMap, mountSource, mountTarget } from '../../src/model/compose-lists.js';

describe('mount entries', () => {
  it('reads the container path of short and long forms', () => {
    assert.equal(mountTarget('data:/var/lib/app'), '/var/lib/app');
    assert.equal(mountTarget('data:/var/lib/app:ro'), '/var/lib/app');
    assert.equal(mountTarget('/anonymous'), '/anonymous');
    assert.equal(mountTarget('src:'), '');
    assert.equal(mountTarget({ type: 'volume', source: 'data', target: '/d' }), '/d');
    assert.equal(mountTarget({ source: 'data' }), 'data');
  });

  it('reads the source of short and long forms, empty for an anonymous volume', () => {
    assert.equal(mountSource('data:/var/lib/app:ro'), 'data');
    assert.equal(mountSource('./conf:/etc/app'), './conf');
    assert.equal(mountSource('/anonymous'), '');
    assert.equal(mountSource({ source: 'data', target: '/d' }), 'data');
    assert.equal(mountSource({ target: '/d' }), '');
  });
});

describe('keyValueMap', () => {
  it('reads the list form as a mapping, a __proto__ entry as an entry', () => {
    const map = keyValueMap(['__proto__=x', 'A=1=2', 'B']);
    assert.deepEqual(Object.entries(map), [['__proto__', 'x'], ['A', '1=2'], ['B', null]]);
    assert.equal(Object.getPrototypeOf(map), Object.prototype);
  });
});
