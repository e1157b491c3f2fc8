import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { compileText, removeFolder, tempFolder } from '../hardening/support.js';

const STACK = 'services:\n  api:\n    image: acme/api:1.4\n    labels:\n      podlike.templates: keys\n';

describe('component keys a pod cannot have, placed where the template wrote them', () => {
  const folders: string[] = [];
  after(() => folders.forEach(removeFolder));

  function diagnosticsOf(sections: string): string[] {
    const dir = tempFolder({ 'keys.yml': `name: keys\ndescription: d\n${sections}` });
    folders.push(dir);
    return compileText(STACK, dir, { templates: ['.'] }).diagnostics.map(formatDiagnostic).map((line) => line.replace(/^.*keys\.yml/, 'keys.yml'));
  }

  it('each at its own component\'s line of the key, when two components write it', () => {
    const lines = diagnosticsOf('components: |\n  one:\n    image: a\n    ports: ["1:1"]\n  two:\n    image: b\n    "ports": ["2:2"]\n    restrat: always\n');
    assert.equal(lines.at(-1), 'keys.yml:10:5: error: service "api", template "keys", component "two": unknown component key "restrat" (did you mean "restart"?)');
    const notes = diagnosticsOf('components: |\n  one:\n    image: a\n    ports: ["1:1"]\n  two:\n    image: b\n    "ports": ["2:2"]\n');
    assert.deepEqual(notes, [
      'keys.yml:6:5: note: service "api", template "keys", component "one": "ports" moved to the controller: ports are published on the Swarm service (the controller)',
      'keys.yml:9:5: note: service "api", template "keys", component "two": "ports" moved to the controller: ports are published on the Swarm service (the controller)',
    ]);
  });

  it('in the app section and in an init list item', () => {
    assert.deepEqual(diagnosticsOf('app: |\n  environment: {A: "1"}\n  restart: always\n'), [
      'keys.yml:5:3: error: service "api", template "keys", component "app": "restart" is not supported in a pod component: restarts are Swarm\'s job (deploy.restart_policy on the service)',
    ]);
    assert.deepEqual(diagnosticsOf('init: |\n  - image: a\n    restart: always\n'), [
      'keys.yml:5:5: error: service "api", template "keys", component "init[0]": "restart" is not supported in a pod component: restarts are Swarm\'s job (deploy.restart_policy on the service)',
    ]);
  });

  it('a stack section, a copy spec or a component name that cannot be, at its own line', () => {
    assert.deepEqual(diagnosticsOf('stack: |\n  volumes: {}\n  volumez: {}\n'), [
      'keys.yml:5:3: error: service "api", template "keys", section "stack": "volumez" cannot be added to the stack; use one of services, volumes, configs, secrets, networks (did you mean "volumes"?)',
    ]);
    assert.deepEqual(diagnosticsOf('copy: |\n  app: /a:/b\n  side: 3\n'), ['keys.yml:5:3: error: service "api", template "keys", section "copy": copy spec for "side" must be "/src:/dst", a list of those, or a src: dst mapping']);
    assert.deepEqual(diagnosticsOf('components: |\n  one:\n    image: a\n  "t w o":\n    image: b\n'), ['keys.yml:6:3: error: service "api", template "keys", section "components": component name "t w o" must be letters, digits, ., - and _']);
  });

  it('at the section\'s start when a value wrote the key, not a line of its text', () => {
    const lines = diagnosticsOf('args:\n  type: object\n  properties:\n    key: { type: string, default: restrat }\ncomponents: |\n  one:\n    image: a\n    {{args.key}}: always\n');
    assert.deepEqual(lines, ['keys.yml:8:3: error: service "api", template "keys", component "one": unknown component key "restrat" (did you mean "restart"?)']);
  });
});
