/**
 * migrate on a stack whose templates use every construct it translates (fixtures/migrate-constructs.yml):
 * ranges within ranges reading the outer range's variables and `$`, index of a list and a
 * mapping, printf, with/else, tests of service fields, contains, startsWith and replace in
 * pipelines, and a range over the service's ports. Two services give different args, so
 * each branch is taken by one of them. The migrated stack compiles to the same pods.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/compile.js';
import { podDifferences } from '../../src/podlike-format/migrate/compare-pods.js';
import { migrateStack } from '../../src/podlike-format/migrate/migrate-stack.js';
import { ROOT } from '../helpers/paths.js';

describe('migrate: the constructs it translates, on one stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podlike-migrate-constructs-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(ROOT, 'test', 'podlike-format', 'fixtures', 'migrate-constructs.yml'), join(dir, 'stack.yml'));

  it('migrates, to a stack and one template that compile to the same pods', () => {
    const migration = migrateStack('stack.yml', { cwd: dir });
    assert.deepEqual([...migration.templates.keys()], ['api-templates.yml']);
    const template = migration.templates.get('api-templates.yml')!;
    for (const call of ['{{#each @root.args.zones}}', '@../index', '{{{lookup args.where "region"}}}', '{{{printf "%v-%s" args.debug service.name}}}', '{{#with args.extra}}', '{{#if service.read_only}}', '(contains "acme" service.image)', '{{#each (servicePorts service.ports)}}', '(startsWith "sidecar." @key)', '{{{replace "sidecar." "" -1 @key}}}', '{{{../this.name}}}']) {
      assert.ok(template.includes(call), `${call} in\n${template}`);
    }
    const out = join(dir, 'out');
    mkdirSync(join(out, 'templates'), { recursive: true });
    writeFileSync(join(out, 'stack.yml'), migration.stack);
    writeFileSync(join(out, 'templates', 'api-templates.yml'), template);
    const before = compile('stack.yml', { cwd: dir, env: {} });
    const afterMigration = compile('stack.yml', { cwd: out, env: {} });
    assert.deepEqual(afterMigration.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(podDifferences(before.stack!, afterMigration.stack!, ['api', 'web']), []);
    // What the pods hold, so that equal pods are not equally empty ones.
    const side = (service: string) => (before.stack!.services as Record<string, { labels: Record<string, string> }>)[service].labels['pod.component.side'];
    assert.match(side('api'), /- 0\/p1@a!\n\s+- 0\/p1@b!\n\s+- 1\/p2@a\n\s+- 1\/p2@b\n/);
    assert.match(side('api'), /PORT_5001: 9001\/udp/);
    assert.match(side('api'), /EXTRA: none/);
    assert.match(side('web'), /EXTRA: x/);
    assert.doesNotMatch(side('web'), /RO:/);
    assert.match(readFileSync(join(out, 'stack.yml'), 'utf8'), /merge: podlike/);
  });

  it('writes labels given as a KEY=VALUE list as a mapping where a template reads one (.Service.Labels.team)', () => {
    const stack = "version: '3.5'\nservices:\n  api:\n    image: a\n    labels: [team=core]\nx-podlike:\n  api:\n    templates:\n      inline: |\n        side:\n          image: b\n          environment: {TEAM: \"{{ .Service.Labels.team }}\"}\n";
    writeFileSync(join(dir, 'labels.yml'), stack);
    const migration = migrateStack('labels.yml', { cwd: dir });
    assert.match(migration.stack, /labels:\n {6}team: core\n/);
  });
});

