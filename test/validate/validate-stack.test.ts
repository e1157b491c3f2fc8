import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateStack } from '../../src/validate/validate-stack.js';

const where = { where: (path: (string | number)[]) => ({ file: 'out.yml', line: path.length + 1, col: 1 }) };

describe('validateStack', () => {
  it('accepts a good stack', () => {
    assert.deepEqual(
      validateStack(
        {
          version: '3.8',
          services: { a: { image: 'x', ports: ['80:80'], deploy: { replicas: 2 }, stop_grace_period: '1m30s' } },
          volumes: { v: { name: 'logs-{{.Task.ID}}', labels: { 'com.github.rycus86.podlike.volume-ref': 'v' } } },
        },
        where,
      ),
      [],
    );
  });

  it('rejects a bad stack with the path in the message', () => {
    const ds = validateStack({ version: '3.8', services: { a: { image: 'x', deploy: { replicas: 'two' }, frob: 1 } } }, where);
    assert.deepEqual(
      ds.map((d) => d.message).sort(),
      ['output stack: services.a.deploy.replicas: must be a whole number', 'output stack: services.a: unknown key "frob"'],
    );
    const replicas = ds.find((d) => d.message.includes('replicas'))!;
    assert.equal(replicas.severity, 'error');
    assert.deepEqual(replicas.position, { file: 'out.yml', line: 5, col: 1 });
  });

  it('uses the schema of the declared version', () => {
    const ds = validateStack({ version: '3.2', services: { a: { image: 'x' } }, volumes: { v: { name: 'x' } } }, where);
    assert.deepEqual(ds.map((d) => d.message), ['output stack: volumes.v: unknown key "name"']);
  });

  it('checks durations as Go does', () => {
    const ds = validateStack({ services: { a: { image: 'x', stop_grace_period: '5 s' } } }, where);
    assert.deepEqual(ds.map((d) => d.message), ['output stack: services.a.stop_grace_period: must match format "duration"']);
  });

  it('says "output stack" only of what the input did not write', () => {
    const places = { ...where, written: (path: (string | number)[]) => path.join('.') === 'services.a.frob' };
    const ds = validateStack({ version: '3.8', services: { a: { image: 'x', deploy: { replicas: 'two' }, frob: 1 } } }, places);
    assert.deepEqual(ds.map((d) => d.message).sort(), ['output stack: services.a.deploy.replicas: must be a whole number', 'services.a: unknown key "frob"']);
  });

  it('a podlike.* key at a service\'s root or in its deploy is a label to move under labels:', () => {
    const ds = validateStack({ services: { a: { image: 'x', 'podlike.templates': 'http', deploy: { 'podlike.http.port': '80' } } } }, where);
    assert.deepEqual(ds.map((d) => d.message).sort(), [
      'services.a.deploy: "podlike.http.port" is a label, not a deploy key: move it under labels:',
      'services.a: "podlike.templates" is a label, not a service key: move it under labels:',
    ]);
  });
});
