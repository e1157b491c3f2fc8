import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../src/diagnostics.js';
import { raiseVersion, requiredMinorVersion } from '../../src/expand/stack-version.js';

const WHERE = { file: 'stack.yml', line: 1, col: 10 };

describe('raiseVersion', () => {
  it('raises 3.2 to 3.4 for a volume with a name, with a note', () => {
    const diagnostics: Diagnostic[] = [];
    const out = raiseVersion({ version: '3.2', volumes: { v: { name: 'logs-{{.Task.ID}}' } } }, diagnostics, WHERE);
    assert.equal(out.version, '3.4');
    assert.deepEqual(diagnostics, [
      { severity: 'note', message: 'version raised from 3.2 to 3.4: the output has a volume with an explicit name', position: WHERE },
    ]);
  });

  it('leaves a stack without a version untouched', () => {
    const diagnostics: Diagnostic[] = [];
    const model = { volumes: { v: { name: 'x' } } };
    assert.equal(raiseVersion(model, diagnostics), model);
    assert.deepEqual(diagnostics, []);
  });

  it('leaves a version that is new enough untouched', () => {
    const diagnostics: Diagnostic[] = [];
    const model = { version: '3.8', volumes: { v: { name: 'x' } } };
    assert.equal(raiseVersion(model, diagnostics), model);
    assert.deepEqual(diagnostics, []);
  });

  it('leaves a bare "3" untouched (docker reads it with its newest 3.x schema)', () => {
    const diagnostics: Diagnostic[] = [];
    assert.equal(raiseVersion({ version: '3', volumes: { v: { name: 'x' } } }, diagnostics).version, '3');
    assert.deepEqual(diagnostics, []);
  });

  it('reads a number version too', () => {
    const diagnostics: Diagnostic[] = [];
    assert.equal(raiseVersion({ version: 3.2, volumes: { v: { name: 'x' } } }, diagnostics).version, '3.4');
    assert.equal(diagnostics.length, 1);
  });

  it('does not change its input', () => {
    const model = { version: '3.2', volumes: { v: { name: 'x' } } };
    raiseVersion(model, []);
    assert.equal(model.version, '3.2');
  });
});

describe('requiredMinorVersion', () => {
  it('names the feature that needs the highest version', () => {
    assert.deepEqual(requiredMinorVersion({ services: {} }), { minor: 0, reason: '' });
    assert.deepEqual(requiredMinorVersion({ configs: {} }), { minor: 3, reason: 'top-level configs' });
    assert.deepEqual(requiredMinorVersion({ networks: { n: { name: 'x' } }, volumes: { v: { name: 'y' } } }), { minor: 5, reason: 'a network with an explicit name' });
    assert.equal(requiredMinorVersion({ services: { a: { healthcheck: { start_period: '5s' } } } }).minor, 4);
  });
});
