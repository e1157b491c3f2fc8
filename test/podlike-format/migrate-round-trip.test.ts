/**
 * Round trip of `migrate` (issue 22, point 3) on every input of the differential test: each
 * either migrates to a stack whose pods, compiled by podlike-gen, equal the pods of the original
 * Podlike-format stack, or is refused with its reason at a position; none migrates to other
 * pods. The table is printed (and written to PODLIKE_MIGRATE_TABLE when set).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { compile } from '../../src/compile.js';
import { CompileError, formatDiagnostic } from '../../src/diagnostics.js';
import { migrateStack } from '../../src/podlike-format/migrate/migrate-stack.js';
import { docsInputs, exampleInputs, serveFolder, testdataInputs, type DifferentialInput, type LocalServer } from './differential-inputs.js';
import { podlikeTemplateTool, TOOL_MISSING } from './podlike-template-tool.js';

const missing = podlikeTemplateTool() ? undefined : TOOL_MISSING;
const work = mkdtempSync(join(tmpdir(), 'podlike-migrate-round-trip-'));
let server: LocalServer | undefined;
let serverUrl = '';
before(async () => {
  if (missing) return;
  server = serveFolder(join(work, 'served'));
  serverUrl = await server.url;
});
after(() => {
  server?.stop();
  rmSync(work, { recursive: true, force: true });
});

type Json = unknown;
const isRecord = (v: unknown): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);

function sorted(value: Json): Json {
  if (Array.isArray(value)) return value.map(sorted);
  if (isRecord(value)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]));
  return value;
}

/** The pods of a compiled stack as data: per pod service, the pod labels read as YAML, and the controller's other keys (a command string as the words docker splits it into). */
function podsOf(stack: Record<string, Json>): Record<string, Json> {
  const services = isRecord(stack.services) ? stack.services : {};
  const pods: Record<string, Json> = {};
  for (const [name, service] of Object.entries(services)) {
    if (!isRecord(service)) continue;
    const deploy = isRecord(service.deploy) ? service.deploy : {};
    const labels = { ...(isRecord(service.labels) ? service.labels : {}), ...(isRecord(deploy.labels) ? deploy.labels : {}) };
    const podLabels = Object.entries(labels).filter(([key]) => key.startsWith('pod.'));
    if (podLabels.length === 0) continue;
    const { labels: _l, deploy: _d, ...controller } = service;
    const { labels: _dl, ...deployRest } = deploy;
    if (typeof controller.command === 'string' && !/["'\\]/.test(controller.command)) controller.command = controller.command.split(/\s+/).filter(Boolean);
    pods[name] = sorted({
      components: Object.fromEntries(podLabels.filter(([k]) => k.startsWith('pod.component.')).map(([k, v]) => [k, parse(String(v))])),
      init: podLabels.filter(([k]) => k === 'pod.init.components').map(([, v]) => parse(String(v))),
      copies: Object.fromEntries(podLabels.filter(([k]) => k.startsWith('pod.copy.')).map(([k, v]) => [k, parse(String(v))])),
      controller: { ...controller, deploy: deployRest, labels: Object.fromEntries(Object.entries(labels).filter(([k]) => !k.startsWith('pod.'))) },
    });
  }
  return pods;
}

/** The inputs migrate refuses, and why: three docs examples Podlike itself refuses (a pod or transformer template with two root keys). */
const REFUSED: Record<string, RegExp> = {
  'docs/Templates.md example 4': /cannot migrate a stack that does not compile: inline template: a pod template must define exactly one root key/,
  'docs/Templates.md example 11': /cannot migrate a stack that does not compile: inline template: a transformer template must define exactly one root key/,
  'docs/Templates.md example 14': /cannot migrate a stack that does not compile: inline template: a pod template must define exactly one root key/,
};

interface Row {
  input: string;
  migrated: boolean;
  refused: string;
  equal: string;
}

function roundTrip(input: DifferentialInput, index: number): Row {
  const row = (migrated: boolean, refused: string, equal: string): Row => ({ input: input.name, migrated, refused, equal });
  let migration;
  try {
    migration = migrateStack(input.file, { cwd: input.dir, allowOutside: [serverUrl] });
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    return row(false, e.diagnostics.map(formatDiagnostic).join(' / '), '-');
  }
  const templates = join(work, `templates-${index}`);
  const migratedPath = join(input.dir, 'migrated-stack.yml');
  writeTemplates(templates, migration.templates);
  const original = compile(join(input.dir, input.file), { cwd: input.dir, allowOutside: [serverUrl] });
  const text = migration.stack.replace(/^ {2}templates-path: templates\n/m, '');
  const afterCompile = compile({ path: migratedPath, text }, { cwd: input.dir, templates: [templates] });
  if (!original.stack || !afterCompile.stack) return row(true, '', `no: ${afterCompile.diagnostics.map(formatDiagnostic).join(' / ')}`);
  const a = podsOf(original.stack);
  const b = podsOf(afterCompile.stack);
  const equal = JSON.stringify(a) === JSON.stringify(b) && Object.keys(a).length > 0;
  return row(true, '', equal ? `yes (${Object.keys(a).length} pods)` : `no: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`.slice(0, 400));
}

function writeTemplates(folder: string, templates: Map<string, string>): void {
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of templates) writeFileSync(join(folder, name), text);
}

test('every Podlike-format input migrates to a stack with the same pods, or is refused with its reason', { skip: missing }, () => {
  const tool = podlikeTemplateTool()!;
  const inputs = [...testdataInputs(tool.source), ...exampleInputs(tool.source), ...docsInputs(tool.source, work, join(work, 'served'), serverUrl)];
  const rows = inputs.map(roundTrip);
  const table = ['| input | migrated | refused because | pods equal |', '|---|---|---|---|', ...rows.map((r) => `| ${r.input} | ${r.migrated ? 'yes' : 'no'} | ${r.refused.replaceAll('|', '\\|')} | ${r.equal} |`)].join('\n');
  console.log(table);
  console.log(`${rows.length} inputs: ${rows.filter((r) => r.migrated).length} migrate, ${rows.filter((r) => !r.migrated).length} refused`);
  if (process.env.PODLIKE_MIGRATE_TABLE) writeFileSync(process.env.PODLIKE_MIGRATE_TABLE, `${table}\n`);
  // Migrated: equal pods. Refused: only the inputs known to be, each at a file:line:col with its reason.
  assert.deepEqual(rows.filter((r) => r.migrated && !r.equal.startsWith('yes')).map((r) => `${r.input}: ${r.equal}`), []);
  const refused = rows.filter((r) => !r.migrated);
  assert.deepEqual(refused.map((r) => r.input), Object.keys(REFUSED));
  for (const row of refused) assert.match(row.refused, REFUSED[row.input], row.input);
  for (const row of refused) assert.match(row.refused, /^[^ ]+:\d+:\d+: error: \S/, row.input);
});
