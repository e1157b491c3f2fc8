import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { conflictWarnings } from '../../src/expand/conflict-warnings.js';
import type { PodRequest } from '../../src/expand/pod-config.js';
import { emptyLayer, type PodLayer } from '../../src/model/pod-layer.js';
import type { JsonObject } from '../../src/model/compose-lists.js';

const REQUEST: PodRequest = { service: 'api', templates: [], labelArgs: [], serviceArgs: {} };

function layer(name: string, controller: JsonObject, components: Record<string, JsonObject> = {}): PodLayer {
  return { ...emptyLayer(`template "${name}"`), controller, components };
}

const messages = (layers: PodLayer[]) => conflictWarnings(REQUEST, layers).map((d) => d.message.replace(/^service "api": /, ''));

describe('conflictWarnings', () => {
  it('reports a scalar two layers set differently, the later one winning', () => {
    assert.deepEqual(messages([layer('a', { image: 'x' }), layer('b', { image: 'y' })]), [
      'template "a" and template "b" both set controller.image ("x" and "y"); template "b" wins',
    ]);
  });

  it('says nothing for the same value, for appended lists, or for a scalar against a mapping', () => {
    assert.deepEqual(
      messages([
        layer('a', { image: 'x', volumes: ['a:/a'], deploy: 1 }, { app: { cap_add: ['X'] } }),
        layer('b', { image: 'x', volumes: ['b:/b'], deploy: { replicas: 2 } }, { app: { cap_add: ['Y'] } }),
      ]),
      [],
    );
  });

  it('reads KEY=VALUE lists as mappings and command lines as one value', () => {
    assert.deepEqual(
      messages([layer('a', {}, { app: { environment: ['A=1', 'B=2'], command: ['run'] } }), layer('b', {}, { app: { environment: { A: '1', B: '3' }, command: ['run', '-v'] } })]),
      [
        'template "a" and template "b" both set components.app.environment.B ("2" and "3"); template "b" wins',
        'template "a" and template "b" both set components.app.command (["run"] and ["run","-v"]); template "b" wins',
      ],
    );
  });

  it('names the latest earlier layer that set the value, in the later layer key order', () => {
    assert.deepEqual(
      messages([
        layer('a', { image: 'x', user: 'root' }),
        layer('b', { image: 'y' }, { sidecar: { image: 's' } }),
        layer('c', { user: 'app', image: 'z' }, { sidecar: { image: 't' } }),
      ]),
      [
        'template "a" and template "b" both set controller.image ("x" and "y"); template "b" wins',
        'template "a" and template "c" both set controller.user ("root" and "app"); template "c" wins',
        'template "b" and template "c" both set controller.image ("y" and "z"); template "c" wins',
        'template "b" and template "c" both set components.sidecar.image ("s" and "t"); template "c" wins',
      ],
    );
  });
});
