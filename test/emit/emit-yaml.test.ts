import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { emitYaml } from '../../src/emit/emit-yaml.js';
import { parseSource } from '../../src/load/source-file.js';
import type { JsonObject } from '../../src/model/compose-lists.js';

const WEB = `  # the web front
  web:
    image: "nginx:1.25" # pinned
    deploy:
      replicas: 2
`;

const STACK = `# Top comment
version: '3.4'
services:
${WEB}  api:
    image: 'acme/api:1'
    environment: &env
      A: "1"
    labels:
      podlike.templates: http
  worker:
    image: acme/worker
    environment: *env
volumes:
  data: {} # kept
`;

function model(text: string) {
  const file = parseSource('stack.yml', text);
  return { file, model: structuredClone(file.value) as JsonObject & { services: Record<string, JsonObject> } };
}

const POD = {
  image: 'rycus86/podlike:latest',
  command: ['-logs', '-ipc=false'],
  labels: { 'pod.component.app': 'image: acme/api:1\nenvironment:\n  A: "1"\n', team: 'a' },
};

describe('emitYaml', () => {
  it('writes an unchanged model back byte for byte', () => {
    const { file, model: m } = model(STACK);
    assert.equal(emitYaml(file, m, []), STACK);
  });

  it('keeps comments and untouched services byte for byte around a rewritten pod', () => {
    const { file, model: m } = model(STACK);
    m.services.api = POD;
    const out = emitYaml(file, m, ['api']);
    assert.ok(out.startsWith(`# Top comment\nversion: '3.4'\nservices:\n${WEB}  api:\n`), out);
    assert.ok(out.endsWith('volumes:\n  data: {} # kept\n'), out);
  });

  it('writes pod labels as | block literals, other labels as they are', () => {
    const { file, model: m } = model(STACK);
    m.services.api = POD;
    const out = emitYaml(file, m, ['api']);
    assert.ok(out.includes('    labels:\n      pod.component.app: |\n        image: acme/api:1\n        environment:\n          A: "1"\n      team: a\n'), out);
    assert.ok(!out.includes('podlike.templates'));
  });

  it('keeps the quote style of a changed scalar', () => {
    const { file, model: m } = model(STACK);
    m.version = '3.5';
    m.services.web.image = 'nginx:1.27';
    const out = emitYaml(file, m, []);
    assert.ok(out.includes("version: '3.5'\n"), out);
    assert.ok(out.includes('    image: "nginx:1.27" # pinned\n'), out);
  });

  it('inlines an alias whose anchor was inside a rewritten service, where it stands, on one line', () => {
    const { file, model: m } = model(STACK);
    m.services.api = POD;
    const out = emitYaml(file, m, ['api']);
    assert.ok(!out.includes('*env'), out);
    // Before: the whole file re-written, the alias's value as a block mapping.
    assert.ok(out.includes('  worker:\n    image: acme/worker\n    environment: {A: "1"}\n'), out);
    assert.ok(out.startsWith('# Top comment\n'), out);
    assert.deepEqual(parse(out).services.worker, { image: 'acme/worker', environment: { A: '1' } });
  });

  it('keeps the model key order of a rewritten pod', () => {
    const { file, model: m } = model(STACK);
    m.services.api = POD;
    const parsed = parse(emitYaml(file, m, ['api']));
    assert.deepEqual(Object.keys(parsed.services.api), ['image', 'command', 'labels']);
    assert.deepEqual(Object.keys(parsed.services), ['web', 'api', 'worker']);
  });

  it('removes top-level keys the model dropped (x-podlike) and adds new sections last', () => {
    const text = 'version: "3.8"\nx-podlike:\n  defaults: [http]\nservices:\n  a:\n    image: x\n';
    const { file, model: m } = model(text);
    delete m['x-podlike'];
    m.volumes = { logs: {} };
    assert.equal(emitYaml(file, m, []), 'version: "3.8"\nservices:\n  a:\n    image: x\nvolumes:\n  logs: {}\n');
  });

  it('keeps a service that is not a pod and uses a `<<` merge key as written', () => {
    const text = 'version: "3.8"\nx-base: &base\n  image: acme/base\n  environment:\n    A: "1"\nservices:\n  plain:\n    <<: *base\n    command: run\n  pod:\n    image: x\n    labels:\n      podlike.templates: http\n';
    const { file, model: m } = model(text);
    m.services.pod = { image: 'rycus86/podlike', labels: { 'pod.component.app': 'image: x\n' } };
    const out = emitYaml(file, m, ['pod']);
    assert.ok(out.includes('  plain:\n    <<: *base\n    command: run\n'), out);
  });

  it('keeps the spacing before an aligned comment in an untouched service', () => {
    const text = 'services:\n  web:\n    image: nginx      # pinned\n    user: www-data    # not root\n  api:\n    image: x\n';
    const { file, model: m } = model(text);
    m.services.api = { image: 'rycus86/podlike' };
    assert.equal(emitYaml(file, m, ['api']), 'services:\n  web:\n    image: nginx      # pinned\n    user: www-data    # not root\n  api:\n    image: rycus86/podlike\n');
  });

  it('is deterministic', () => {
    const { file, model: m } = model(STACK);
    m.services.api = POD;
    assert.equal(emitYaml(file, m, ['api']), emitYaml(file, m, ['api']));
  });
});
