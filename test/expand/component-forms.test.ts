/**
 * Valid Compose v3 on a pod service (issue 17.9): container-level keys reach the app component
 * in the forms Podlike reads, instead of failing the component schema with wrong errors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { compile } from '../../src/compile.js';
import { componentForms } from '../../src/expand/component-forms.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { DOCKER_MISSING, dockerAvailable, dockerStackConfigProblem } from '../helpers/docker.js';

const nowhere = () => undefined;

function appOf(yaml: string): Record<string, unknown> {
  const stack = parse(yaml) as { services: { api: { labels: Record<string, string> } } };
  return parse(stack.services.api.labels['pod.component.app']) as Record<string, unknown>;
}

describe('component forms of a pod service', () => {
  it('a long-syntax tmpfs size in bytes compiles: the app holds it as the size string Podlike reads', (t) => {
    const text = 'services:\n  api:\n    image: a\n    volumes: [{type: tmpfs, target: /x, tmpfs: {size: 10000}}]\n    labels:\n      podlike.templates: http\n';
    const result = compile([{ path: 'stack.yml', text }], { env: {} });
    // Before: two errors at the service line, `volumes.0: must be a string` and `volumes.0.tmpfs.size: must be a string`.
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(appOf(result.yaml!).volumes, [{ type: 'tmpfs', target: '/x', tmpfs: { size: '10000' } }]);
    if (!dockerAvailable()) return t.skip(DOCKER_MISSING);
    assert.equal(dockerStackConfigProblem(result.yaml!), undefined);
  });

  it('a single tmpfs path becomes a list of one (Podlike cannot read a string)', () => {
    const diagnostics: Diagnostic[] = [];
    // Before: `tmpfs: must be a list or a mapping`.
    assert.deepEqual(componentForms({ tmpfs: '/run' }, 'api', nowhere, diagnostics), { tmpfs: ['/run'] });
    assert.deepEqual(diagnostics, []);
  });

  it('options docker drops are dropped with a note; the others are kept', () => {
    const diagnostics: Diagnostic[] = [];
    const volumes = [{ type: 'bind', source: '/s', target: '/t', consistency: 'cached', bind: { propagation: 'rshared', create_host_path: true } }];
    const app = componentForms({ volumes }, 'api', nowhere, diagnostics);
    assert.deepEqual(app.volumes, [{ type: 'bind', source: '/s', target: '/t', consistency: 'cached', bind: { propagation: 'rshared' } }]);
    assert.deepEqual(
      diagnostics.map((d) => `${d.severity}: ${d.message}`),
      ['note: service "api": volumes.0.bind.create_host_path dropped: docker stack deploy ignores it too'],
    );
    assert.equal(volumes[0].bind.create_host_path, true, 'the service as written is not changed');
  });
});
