/**
 * `podlike-gen migrate` as a user runs it: a Podlike-format stack becomes a podlike-gen stack and
 * template folder that compile to the same pods; a construct it cannot translate is refused at
 * its place with nothing written; files already there are never overwritten.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../helpers/run-cli.js';
import { workspace } from '../helpers/workspace.js';

const PODLIKE_STACK = `version: '3.5'
services:
  api:
    image: acme/api:1.4
  db:
    image: postgres:16
x-podlike:
  api:
    transformer:
      inline: |
        app:
          environment:
            PORT: "{{ .Args.port }}"
    templates:
      inline: |
        side:
          image: "sidecar:{{ .Args.version }}"
          {{- if .Args.debug }}
          command: [--debug]
          {{- end }}
          {{- range .Args.peers }}
          # peer {{ . }}
          {{- end }}
    args:
      port: 8080
      version: "1.2"
      debug: true
      peers: [a, b]
`;

/** The pod labels of service api of a compiled stack, read as data. */
function apiPod(output: string): Record<string, unknown> {
  const api = (parse(output) as { services: Record<string, { labels: Record<string, string> }> }).services.api;
  return Object.fromEntries(Object.entries(api.labels).map(([key, value]) => [key, key.startsWith('pod.') ? parse(value) : value]));
}

describe('podlike-gen migrate', () => {
  it('writes the stack and its templates, which compile to the pods of the Podlike-format stack', () => {
    const dir = workspace({ 'stack.yml': PODLIKE_STACK });
    const run = runCli(['migrate', 'stack.yml', '-o', 'out'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'migrated stack.yml to out/stack.yml with 2 template(s) in out/templates\ncheck: podlike-gen explain out/stack.yml\n');
    assert.deepEqual(existsSync(join(dir, 'out', 'templates', 'api-transformer.yml')) && existsSync(join(dir, 'out', 'templates', 'api-templates.yml')), true);
    const migrated = readFileSync(join(dir, 'out', 'stack.yml'), 'utf8');
    assert.match(migrated, /templates-path: templates/);
    assert.match(readFileSync(join(dir, 'out', 'templates', 'api-templates.yml'), 'utf8'), /peers:\n {6}type: array/);
    const original = runCli(['stack.yml'], { cwd: dir });
    const compiled = runCli(['stack.yml'], { cwd: join(dir, 'out') });
    assert.equal(compiled.status, 0, compiled.stderr);
    assert.deepEqual(apiPod(compiled.stdout), apiPod(original.stdout));
    assert.deepEqual(apiPod(compiled.stdout)['pod.component.side'], { image: 'sidecar:1.2', command: ['--debug'] });
  });

  it('refuses a construct it cannot translate at its place, writing nothing', () => {
    const dir = workspace({ 'stack.yml': PODLIKE_STACK.replace('{{ .Args.port }}', '{{ printf "%05d" .Args.port }}') });
    const run = runCli(['migrate', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'stack.yml:13:23: error: cannot migrate: inline template: printf format "%05d": podlike-gen\'s printf prints %s, %d, %v and %% (no flags, widths or other verbs)\n');
    assert.equal(existsSync(join(dir, 'migrated')), false);
  });

  it('writes no file when one of its files is already there, and leaves that file as it was', () => {
    const dir = workspace({ 'stack.yml': PODLIKE_STACK });
    mkdirSync(join(dir, 'migrated', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'migrated', 'templates', 'api-templates.yml'), 'mine\n');
    const run = runCli(['migrate', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'migrated/templates/api-templates.yml: error: already exists; migrate writes no file over another (choose an empty folder with -o DIR); nothing was written\n');
    assert.equal(readFileSync(join(dir, 'migrated', 'templates', 'api-templates.yml'), 'utf8'), 'mine\n');
    assert.equal(existsSync(join(dir, 'migrated', 'stack.yml')), false);
  });

  it('writes a stack with nothing to migrate unchanged, with a warning', () => {
    const plain = 'services:\n  api:\n    image: acme/api:1.4\n    labels: {podlike.templates: http}\n';
    const dir = workspace({ 'stack.yml': plain });
    const run = runCli(['migrate', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, 'stack.yml:1:1: warning: nothing to migrate: the stack has no Podlike-format x-podlike (podlike-gen compiles it as it is); written unchanged\n');
    assert.equal(run.stdout, 'wrote stack.yml unchanged to migrated/stack.yml\n');
    assert.equal(readFileSync(join(dir, 'migrated', 'stack.yml'), 'utf8'), plain);
    assert.equal(existsSync(join(dir, 'migrated', 'templates')), false);
  });

  it('names the main component as the transformer did, and merges the pods by Podlike\'s rules', () => {
    const dir = workspace({
      'stack.yml': "version: '3.5'\nservices:\n  api:\n    image: acme/api:1.4\n    labels: [team=core]\nx-podlike:\n  api:\n    transformer:\n      inline: |\n        main:\n          image: {{ .Service.Image }}\n          labels:\n        {{- range $key, $value := .Service.Labels }}\n            copied-{{ $key }}: {{ $value }}\n        {{- end }}\n",
    });
    const run = runCli(['migrate', 'stack.yml', '-o', 'out'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    const migrated = parse(readFileSync(join(dir, 'out', 'stack.yml'), 'utf8')) as { 'x-podlike': unknown; services: { api: { labels: unknown; 'x-podlike': unknown } } };
    assert.deepEqual(migrated['x-podlike'], { 'templates-path': 'templates', merge: 'podlike' });
    assert.deepEqual(migrated.services.api['x-podlike'], { templates: ['api-transformer'], 'main-component': 'main' });
    // Go ranges over the labels as a mapping in key order, whichever form they were written in.
    assert.deepEqual(migrated.services.api.labels, { team: 'core' });
    const compiled = runCli(['stack.yml'], { cwd: join(dir, 'out') });
    assert.equal(compiled.status, 0, compiled.stderr);
    assert.deepEqual(apiPod(compiled.stdout), apiPod(runCli(['stack.yml'], { cwd: dir }).stdout));
    assert.deepEqual(apiPod(compiled.stdout)['pod.component.main'], { image: 'acme/api:1.4', labels: { 'copied-team': 'core' } });
  });
});
