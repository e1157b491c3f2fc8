/**
 * The library's side of `--set` and `--values`: compile() takes them as options, types
 * `--set` text by the arg's schema, and says which files and folders it read.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { compile } from '../../src/compile.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { workspace } from '../helpers/workspace.js';

const SIDE = `name: side
description: a sidecar with typed args
args:
  type: object
  additionalProperties: false
  properties:
    sleep: { type: integer, default: 1 }
    debug: { type: boolean, default: false }
    tags: { type: array, items: { type: string }, default: [] }
components: |
  side:
    image: alpine:3.20
    environment:
      SLEEP: {{toJson args.sleep}}
      DEBUG: {{toJson args.debug}}
      TAGS: {{toJson (join args.tags "+")}}
`;
const STACK = 'services:\n  web:\n    image: acme/web:1.0\n    labels:\n      podlike.templates: side\n';

function sideEnvironment(yaml: string | undefined): Record<string, unknown> {
  const web = (parse(yaml ?? '') as { services: Record<string, { labels: Record<string, string> }> }).services.web;
  return parse(web.labels['pod.component.side']).environment;
}

describe('compile({ set, values })', () => {
  it('types --set text by the schema (number, boolean, comma list), as labels are', () => {
    const dir = workspace({ 'stack.yml': STACK, 'tpl/side.yml': SIDE });
    const result = compile(['stack.yml'], { cwd: dir, templates: [join(dir, 'tpl')], set: ['side.sleep=30', 'web:side.debug=yes', 'side.tags=a, b'] });
    assert.deepEqual(result.diagnostics.map(formatDiagnostic), []);
    assert.deepEqual(sideEnvironment(result.yaml), { SLEEP: '30', DEBUG: 'true', TAGS: 'a+b' });
  });

  it('reads values files relative to cwd, later over earlier, --set over both', () => {
    const dir = workspace({ 'stack.yml': STACK, 'tpl/side.yml': SIDE, 'a.yml': 'side: { sleep: 5, debug: true }\n', 'b.yml': 'side: { sleep: 6 }\n' });
    const options = { cwd: dir, templates: [join(dir, 'tpl')] };
    assert.deepEqual(sideEnvironment(compile(['stack.yml'], { ...options, values: ['a.yml', 'b.yml'] }).yaml), { SLEEP: '6', DEBUG: 'true', TAGS: '' });
    assert.deepEqual(sideEnvironment(compile(['stack.yml'], { ...options, values: ['b.yml', 'a.yml'], set: ['side.sleep=7'] }).yaml), { SLEEP: '7', DEBUG: 'true', TAGS: '' });
  });

  it('lists the files and template folders it read, also when it fails', () => {
    const dir = workspace({ 'stack.yml': STACK, 'tpl/side.yml': SIDE, 'a.yml': 'side: { sleep: x }\n' });
    const result = compile(['stack.yml'], { cwd: dir, templates: ['tpl'], values: ['a.yml'] });
    assert.deepEqual(result.diagnostics.map(formatDiagnostic), ['a.yml:1:16: error: template "side" (tpl/side.yml): arg "sleep" must be a whole number']);
    assert.deepEqual(result.sources, { files: [join(dir, 'stack.yml'), join(dir, 'a.yml')], folders: [join(dir, 'tpl')] });
  });
});
