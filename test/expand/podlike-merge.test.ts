/**
 * x-podlike.merge: podlike, which migrate writes: a pod's templates and service merge as
 * Podlike merges its own templates (the first template wins a key; the service's keys fill in
 * what the templates left out, on the controller and on the main component), where podlike-gen
 * otherwise lets the later template and then the service win and splits the service's keys.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { compileText, removeFolder, tempFolder } from '../hardening/support.js';
import { explainPod } from '../../src/report/explain.js';

const template = (name: string, extra: string, app: string, side: string) => `name: ${name}
description: sets the log level and a sidecar
args: { type: object, additionalProperties: false, properties: {} }
listens: []
targets: {}
${extra}app: |
  environment: ${app}
components: |
  side:
${side}
`;

const STACK = `version: "3.8"
services:
  api:
    image: acme/api:1.4
    labels: { team: core }
    ports: ["8080:80"]
    volumes: ["data:/data"]
    environment: { LEVEL: info }
    x-podlike:
      templates: [first, second]
volumes:
  data: {}
`;

type Service = { image: string; command: unknown; volumes: string[]; ports: string[]; environment?: unknown; labels: Record<string, string> };

function compiled(dir: string, merge: string): { api: Service; components: Record<string, unknown>; volumes: string[]; warnings: number } {
  const result = compileText(`${STACK}${merge}`, dir, { templates: ['.'] });
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
  const output = parse(result.yaml!) as { services: { api: Service }; volumes: Record<string, unknown> };
  const { api } = output.services;
  const components = Object.fromEntries(Object.entries(api.labels).filter(([key]) => key.startsWith('pod.component.')).map(([key, value]) => [key.slice('pod.component.'.length), parse(value)]));
  return { api, components, volumes: Object.keys(output.volumes), warnings: result.diagnostics.filter((d) => d.severity === 'warning').length };
}

describe('x-podlike.merge: podlike', () => {
  const dir = tempFolder({
    'first.yml': template('first', '', '{ LEVEL: debug, A: "1" }', '    image: busybox\n    volumes: ["cache:/cache"]'),
    'second.yml': template('second', 'extends: [side]\n', '{ LEVEL: trace, B: "2" }', '    image: alpine'),
  });
  after(() => removeFolder(dir));

  it('lets the first template win, and the service fill in on the controller and the main component', () => {
    const { api, components, volumes, warnings } = compiled(dir, 'x-podlike:\n  merge: podlike\n');
    assert.deepEqual(components, {
      app: { image: 'acme/api:1.4', environment: { LEVEL: 'debug', A: '1', B: '2' }, labels: { team: 'core' }, volumes: ['data:/data'] },
      side: { image: 'busybox', volumes: ['cache:/cache'] },
    });
    // The default pod template (no template has a controller section), then the service's keys Podlike copies to the controller.
    assert.equal(api.image, 'rycus86/podlike:latest');
    assert.equal(api.command, '-logs -ipc=false');
    assert.deepEqual(api.volumes, ['/var/run/docker.sock:/var/run/docker.sock:ro']);
    assert.deepEqual(api.ports, ['8080:80']);
    assert.deepEqual(api.environment, { LEVEL: 'info' });
    assert.equal(api.labels.team, 'core');
    // No volume attached to the controller nor declared: Podlike lets docker create `cache` on the node.
    assert.deepEqual(volumes, ['data']);
    assert.equal(warnings, 0);
  });

  it("merges by podlike-gen's rules by default: the later template, then the service, win", () => {
    const { api, components, volumes, warnings } = compiled(dir, '');
    assert.deepEqual(components, {
      app: { image: 'acme/api:1.4', environment: { LEVEL: 'info', A: '1', B: '2' }, labels: { team: 'core' }, volumes: ['data:/data'] },
      side: { image: 'alpine', volumes: ['cache:/cache'] },
    });
    assert.deepEqual(api.volumes, ['/var/run/docker.sock:/var/run/docker.sock:ro', 'data:/var/lib/podlike/volumes/data', 'cache:/var/lib/podlike/volumes/cache']);
    assert.equal(api.environment, undefined);
    assert.deepEqual(volumes, ['data', 'cache']);
    assert.equal(warnings, 2);
  });

  it('takes the controller from the templates that have a controller section, without the default pod template', () => {
    const dir2 = tempFolder({ 'pod.yml': 'name: pod\ndescription: a controller\nargs: { type: object, additionalProperties: false, properties: {} }\nlistens: []\ntargets: {}\ncontroller: |\n  image: forked/podlike\n' });
    try {
      const result = compileText('version: "3.8"\nservices:\n  api:\n    image: acme/api:1.4\n    x-podlike:\n      templates: [pod]\nx-podlike:\n  merge: podlike\n', dir2, { templates: ['.'] });
      const api = (parse(result.yaml!) as { services: { api: Service } }).services.api;
      assert.equal(api.image, 'forked/podlike');
      assert.equal(api.command, undefined);
      assert.deepEqual(api.volumes, ['/var/run/docker.sock:/var/run/docker.sock:ro']);
    } finally {
      removeFolder(dir2);
    }
  });

  it('explain names the first template as the winner, and the service where it filled in', () => {
    const result = compileText(`${STACK}x-podlike:\n  merge: podlike\n`, dir, { templates: ['.'], keepPods: true });
    const lines = explainPod(result.pods![0]).split('\n').map((line) => line.replace(/ \([^()]*\.yml\)/g, ''));
    assert.ok(lines.includes('  components.app.environment.LEVEL = "debug"  <- template "first" (overrides service (filling in, as Podlike does), template "second")'), lines.join('\n'));
    assert.ok(lines.includes('  controller.environment.LEVEL = "info"  <- service (filling in, as Podlike does)'), lines.join('\n'));
    assert.ok(lines.includes('  components.side.image = "busybox"  <- template "first" (overrides template "second")'), lines.join('\n'));
  });
});
