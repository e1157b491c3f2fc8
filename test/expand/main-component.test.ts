/**
 * x-podlike.main-component: the service's own container under the name the stack gives it, in
 * its component label, its copies and what templates write as {{pod.app}}; a template's
 * component of that name is an error at the setting.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { compileText, removeFolder, tempFolder } from '../hardening/support.js';

const SIDE = `name: side
description: a sidecar that starts after the main component
args: { type: object, additionalProperties: false, properties: {} }
listens: []
targets: {}
components: |
  side:
    image: busybox
    depends_on: [{{pod.app}}]
`;

const stack = (main: string) => `version: "3.8"
services:
  api:
    image: acme/api:1.4
    secrets: [token]
    x-podlike:
      templates: [side]
      main-component: ${main}
secrets:
  token:
    file: ./token.txt
`;

describe('x-podlike.main-component', () => {
  const dir = tempFolder({ 'side.yml': SIDE, 'token.txt': 't\n' });
  after(() => removeFolder(dir));

  it('names the main component in its label, its copies and {{pod.app}}', () => {
    const result = compileText(stack('main'), dir, { templates: ['.'] });
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
    const labels = (parse(result.yaml!) as { services: { api: { labels: Record<string, string> } } }).services.api.labels;
    assert.deepEqual(Object.keys(labels), ['pod.component.main', 'pod.component.side', 'pod.copy.main']);
    assert.deepEqual(parse(labels['pod.component.main']), { image: 'acme/api:1.4' });
    assert.deepEqual(parse(labels['pod.component.side']), { image: 'busybox', depends_on: ['main'] });
    assert.deepEqual(parse(labels['pod.copy.main']), ['/run/secrets/token:/run/secrets/token']);
  });

  it('is app when not given, as before', () => {
    const result = compileText(stack('app'), dir, { templates: ['.'] });
    const labels = (parse(result.yaml!) as { services: { api: { labels: Record<string, string> } } }).services.api.labels;
    assert.deepEqual(Object.keys(labels), ['pod.component.app', 'pod.component.side', 'pod.copy.app']);
  });

  it('refuses a name a template gives another component, at the setting', () => {
    const result = compileText(stack('side'), dir, { templates: ['.'] });
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic), ['stack.yml:8:23: error: service "api": x-podlike.main-component "side" is also a component template "side" adds; give the main component another name']);
    assert.equal(result.yaml, undefined);
  });

  it('refuses a name that is no container name', () => {
    const result = compileText(stack('"-main"'), dir, { templates: ['.'] });
    assert.equal(result.diagnostics.length, 1);
    assert.match(formatDiagnostic(result.diagnostics[0]), /^stack\.yml:8:23: error: services\.api\.x-podlike\.main-component: /);
  });
});
