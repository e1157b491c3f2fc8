import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compile } from '../../src/compile.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { workspace } from '../helpers/workspace.js';

/** A template whose component and init component bind host paths of their own. */
const TEMPLATE = [
  'name: side',
  'description: a sidecar reading a folder of the stack',
  'components: |',
  '  side:',
  '    image: alpine:3.20',
  '    volumes: ["./side:/side"]',
  'init: |',
  '  - image: alpine:3.20',
  '    volumes: ["../seed:/seed:ro"]',
  '',
].join('\n');

function stack(volumes: string): string {
  return `version: "3.8"\nservices:\n  api:\n    image: acme/api:1.0\n    labels:\n      podlike.templates: side\n    volumes:\n${volumes}`;
}

/** The pod's labels, parsed. */
function podOf(yaml: string | undefined): Record<string, unknown> {
  assert.ok(yaml !== undefined);
  const labels = (parse(yaml) as { services: { api: { labels: Record<string, string> } } }).services.api.labels;
  return Object.fromEntries(Object.entries(labels).map(([key, text]) => [key, parse(text)]));
}

describe('component bind mounts', () => {
  it('are made absolute against the first stack file\'s folder, short and long syntax, app, components and init', () => {
    const dir = workspace({ 'tpl/side.yml': TEMPLATE });
    const text = stack('      - ./grafana/provisioning:/etc/grafana/provisioning:ro\n      - type: bind\n        source: data\n        target: /data\n      - logs:/logs\n      - rel/path:/rel\n      - /srv:/srv\n');
    const result = compile([{ path: 'deploy/stack.yml', text }], { cwd: dir, templates: ['tpl'], env: {} });
    const deploy = join(dir, 'deploy');
    const pod = podOf(result.yaml);
    assert.deepEqual((pod['pod.component.app'] as { volumes: unknown }).volumes, [
      `${deploy}/grafana/provisioning:/etc/grafana/provisioning:ro`,
      { type: 'bind', source: `${deploy}/data`, target: '/data' },
      'logs:/logs',
      'rel/path:/rel',
      '/srv:/srv',
    ]);
    assert.deepEqual((pod['pod.component.side'] as { volumes: unknown }).volumes, [`${deploy}/side:/side`]);
    assert.deepEqual((pod['pod.init.components'] as { volumes: unknown }[])[0].volumes, [`${dir}/seed:/seed:ro`]);
  });

  it('say where each was resolved to, at the entry the author wrote or naming the template', () => {
    const dir = workspace({ 'tpl/side.yml': TEMPLATE });
    const result = compile([{ path: 'stack.yml', text: stack('      - ./data:/data\n') }], { cwd: dir, templates: ['tpl'], env: {} });
    const notes = result.diagnostics.filter((d) => d.severity === 'note').map(formatDiagnostic);
    assert.ok(notes.includes(`stack.yml:8:9: note: service "api", component "app": volume "./data:/data": host path "./data" resolved against the stack's folder, as docker would, to ${dir}/data on this machine; it must exist on every node the pod runs on`), notes.join('\n'));
    assert.ok(notes.some((n) => n.startsWith('stack.yml:3:3: note: service "api", component "side": volume "./side:/side" (from template "side"): host path "./side"')), notes.join('\n'));
    assert.ok(notes.some((n) => n.includes('component "init[0]": volume "../seed:/seed:ro" (from template "side")')), notes.join('\n'));
  });

  it('under "~" are an error naming the service, component and volume, with the fix; nothing is written', () => {
    const dir = workspace();
    const text = 'services:\n  api:\n    image: acme/api:1.0\n    labels:\n      podlike.templates: http\n    volumes:\n      - ~/x:/x\n      - type: bind\n        source: ~/y\n        target: /y\n';
    const result = compile([{ path: 'stack.yml', text }], { cwd: dir, env: {} });
    assert.equal(result.yaml, undefined);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    const why = `a host path under "~" is expanded by docker with the deploying user's HOME, which podlike-gen cannot know, and Podlike reads a source not starting with "/" as a volume name`;
    assert.deepEqual(errors, [
      `stack.yml:7:9: error: service "api", component "app": volume "~/x:/x": ${why}; write the absolute path instead of "~/x" (it must exist on every node the pod runs on)`,
      `stack.yml:8:9: error: service "api", component "app": volume with target "/y": ${why}; write the absolute path instead of "~/y" (it must exist on every node the pod runs on)`,
    ]);
  });
});
