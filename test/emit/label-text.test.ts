import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { labelComponent, labelText } from '../../src/emit/label-text.js';

describe('labelComponent', () => {
  it('orders image, entrypoint, command first and the rest alphabetically', () => {
    const c = labelComponent({ volumes: ['a:/b'], user: 'u', command: ['a'], image: 'x', entrypoint: 'e', environment: {} });
    assert.deepEqual(Object.keys(c), ['image', 'entrypoint', 'command', 'environment', 'user', 'volumes']);
  });

  it('writes environment, labels and sysctls as string maps', () => {
    const c = labelComponent({ image: 'x', environment: ['A=1', 'B'], labels: { n: 1, t: true }, sysctls: { 'net.core.somaxconn': 1024 } });
    assert.deepEqual(c, {
      image: 'x',
      environment: { A: '1', B: '' },
      labels: { n: '1', t: 'true' },
      sysctls: { 'net.core.somaxconn': '1024' },
    });
  });
});

describe('labelText', () => {
  it('writes a component as block YAML', () => {
    assert.equal(
      labelText(labelComponent({ volumes: ['a:/b'], image: 'x', environment: { PORT: 5000 }, command: ['a'] })),
      'image: x\ncommand:\n  - a\nenvironment:\n  PORT: "5000"\nvolumes:\n  - a:/b\n',
    );
  });

  it('keeps a Swarm placeholder and quotes what needs it', () => {
    assert.equal(labelText({ image: 'x', environment: { ID: '{{.Task.ID}}', N: '5' } }), 'image: x\nenvironment:\n  ID: "{{.Task.ID}}"\n  N: "5"\n');
  });

  it('writes shared values without YAML anchors', () => {
    const shared = ['/a:/a'];
    assert.ok(!labelText([{ image: 'x', volumes: shared }, { image: 'y', volumes: shared }]).includes('&'));
  });
});
