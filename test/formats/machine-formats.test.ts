/**
 * Machine-readable output as CI reads it: validate --format json|sarif|github on stdout,
 * --diagnostics sarif|github on stderr next to a compiled stack, explain and templates as
 * JSON. Each JSON output is checked against its schema under schemas/, and SARIF against
 * the official SARIF 2.1.0 schema (test/data/sarif, see its README).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { escapeData, escapeProperty, githubCommand } from '../../src/formats/github-commands.js';
import { ROOT, TEST_DATA } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { workspace } from '../helpers/workspace.js';

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as object;
const ajv = new Ajv({ strict: false, allErrors: true });
// The formats the SARIF schema names (ajv-formats is not a dependency): checked as strictly as URL and Date read them.
ajv.addFormat('uri', (text: string) => URL.canParse(text));
ajv.addFormat('uri-reference', (text: string) => !/[\s\\]/.test(text) && URL.canParse(text, 'file:///base/'));
ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));
ajv.addSchema(readJson(join(ROOT, 'schemas', 'diagnostic.schema.json')), 'diagnostic.schema.json');
const sarifSchema = ajv.compile(readJson(join(TEST_DATA, 'data', 'sarif', 'sarif-schema-2.1.0.json')));
const schema = (name: string) => ajv.getSchema(name) ?? (ajv.addSchema(readJson(join(ROOT, 'schemas', name)), name), ajv.getSchema(name) as ValidateFunction);

function assertValid(validate: ValidateFunction, value: unknown, what: string): void {
  assert.ok(validate(value), `${what}: ${ajv.errorsText(validate.errors)}`);
}

/** An unknown template (error at 6:26); run with `-t nothere`, a warning about that folder too (no position). */
const BAD = 'version: "3.8"\nservices:\n  api:\n    image: acme/api:1.0\n    labels:\n      podlike.templates: htp\n';
const NO_FOLDER = ['-t', 'nothere'];
const GOOD = 'version: "3.8"\nservices:\n  api:\n    image: acme/api:1.0\n    labels:\n      podlike.templates: http, with-logging\n      podlike.with-logging.server: logs.example.com:24224\n';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations?: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number; startColumn: number } } }[];
}
interface SarifLog {
  runs: { tool: { driver: { name: string; version: string; rules: { id: string }[] } }; originalUriBaseIds: Record<string, { uri: string }>; results: SarifResult[] }[];
}

describe('validate --format sarif', () => {
  const dir = workspace({ 'deploy/stack.yml': BAD, 'deploy/good.yml': GOOD });

  it('is a SARIF 2.1.0 log the official schema accepts, each result placed as the text line places it', () => {
    const text = runCli(['validate', ...NO_FOLDER, 'deploy/stack.yml'], { cwd: dir });
    const run = runCli(['validate', ...NO_FOLDER, '--format', 'sarif', 'deploy/stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
    const log = JSON.parse(run.stdout) as SarifLog;
    assertValid(sarifSchema, log, 'SARIF log');
    const [sarif] = log.runs;
    assert.equal(sarif.tool.driver.name, 'podlike-gen');
    assert.equal(sarif.tool.driver.version, (readJson(join(ROOT, 'package.json')) as { version: string }).version);
    assert.equal(sarif.originalUriBaseIds.SRCROOT.uri, `${new URL(`file://${dir}/`).href}`);
    const [folder, unknown] = sarif.results;
    assert.deepEqual(
      { ruleId: unknown.ruleId, level: unknown.level, location: unknown.locations?.[0].physicalLocation },
      { ruleId: 'unknown-template', level: 'error', location: { artifactLocation: { uri: 'deploy/stack.yml', uriBaseId: 'SRCROOT' }, region: { startLine: 6, startColumn: 26 } } },
    );
    assert.equal(sarif.tool.driver.rules[unknown.ruleIndex].id, 'unknown-template');
    assert.match(text.stderr, new RegExp(`^deploy/stack\\.yml:6:26: error: ${unknown.message.text.replace(/[()?"]/g, '\\$&')}$`, 'm'));
    assert.deepEqual(
      { ruleId: folder.ruleId, level: folder.level, location: folder.locations?.[0].physicalLocation },
      { ruleId: 'template-folder', level: 'warning', location: { artifactLocation: { uri: 'nothere', uriBaseId: 'SRCROOT' } } },
    );
    assert.equal(sarif.results.length, 2);
  });

  it('a clean stack gives a valid log with no results; --quiet keeps only errors', () => {
    const clean = runCli(['validate', '--format', 'sarif', 'deploy/good.yml'], { cwd: dir });
    assert.equal(clean.status, 0);
    const log = JSON.parse(clean.stdout) as SarifLog;
    assertValid(sarifSchema, log, 'empty SARIF log');
    assert.deepEqual(log.runs[0].results, []);
    const quiet = JSON.parse(runCli(['validate', '-q', ...NO_FOLDER, '--format', 'sarif', 'deploy/stack.yml'], { cwd: dir }).stdout) as SarifLog;
    assert.deepEqual(quiet.runs[0].results.map((r) => r.level), ['error']);
  });

  it('compile --diagnostics sarif: the stack on stdout, one SARIF log on stderr', () => {
    const run = runCli(['--diagnostics', 'sarif', 'deploy/good.yml'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(isObjectWithServices(parse(run.stdout)));
    assertValid(sarifSchema, JSON.parse(run.stderr), 'SARIF on stderr');
    const failed = runCli(['--diagnostics', 'sarif', 'deploy/stack.yml'], { cwd: dir });
    assert.equal(failed.status, 1);
    assert.equal(failed.stdout, '');
    const log = JSON.parse(failed.stderr) as SarifLog;
    assertValid(sarifSchema, log, 'SARIF of a failed compile');
    assert.equal(log.runs[0].results[0].ruleId, 'unknown-template');
  });
});

function isObjectWithServices(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'services' in value;
}

describe('validate --format github', () => {
  it('prints one workflow command a diagnostic, file relative to the current folder', () => {
    const dir = workspace({ 'deploy/stack.yml': BAD });
    const run = runCli(['validate', ...NO_FOLDER, '--format', 'github', 'deploy/stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(
      run.stdout,
      '::warning file=nothere,title=podlike-gen template-folder::template folder (given with -t) does not exist\n' +
        '::error file=deploy/stack.yml,line=6,col=26,title=podlike-gen unknown-template::service "api": unknown template "htp" (did you mean "http"?)\n',
    );
    const stderrForm = runCli(['validate', ...NO_FOLDER, '--diagnostics', 'github', 'deploy/stack.yml'], { cwd: dir });
    assert.equal(stderrForm.stderr, run.stdout);
  });

  it('escapes % CR LF in the message, and also : and , in properties (the runner\'s rules)', () => {
    assert.equal(escapeData('100% done\r\nnext'), '100%25 done%0D%0Anext');
    assert.equal(escapeProperty('a:b,c%'), 'a%3Ab%2Cc%25');
    const command = githubCommand({ severity: 'note', message: 'two\nlines', position: { file: 'we,ird:name.yml', line: 2, col: 3 } }, process.cwd());
    assert.equal(command, '::notice file=we%2Cird%3Aname.yml,line=2,col=3,title=podlike-gen other-note::two%0Alines');
  });
});

describe('--check with --diagnostics github', () => {
  it('a stale output is an annotation on that file (the diff is for text mode)', () => {
    const dir = workspace({ 'stack.yml': GOOD, 'stack.out.yml': 'services: {}\n' });
    const run = runCli(['--check', '--diagnostics', 'github', '-o', 'stack.out.yml', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '::error file=stack.out.yml,title=podlike-gen stale-output::stack.out.yml is stale: compile the stack again (podlike-gen -o stack.out.yml ...)\n');
  });
});

describe('--format json reports', () => {
  const dir = workspace({ 'stack.yml': BAD, 'good.yml': GOOD });

  it('validate: counts and diagnostics, as schemas/validate-report.schema.json says', () => {
    const run = runCli(['validate', ...NO_FOLDER, '--format', 'json', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    const report = JSON.parse(run.stdout) as { errors: number; warnings: number; diagnostics: unknown[] };
    assertValid(schema('validate-report.schema.json'), report, 'validate report');
    assert.equal(report.errors, 1);
    assert.equal(report.warnings, 1);
    assert.deepEqual(report.diagnostics[0], { severity: 'warning', message: 'template folder (given with -t) does not exist', rule: 'template-folder', file: 'nothere' });
    assert.deepEqual(report.diagnostics[1], { severity: 'error', message: 'service "api": unknown template "htp" (did you mean "http"?)', rule: 'unknown-template', file: 'stack.yml', line: 6, col: 26 });
  });

  it('explain: every key with the layers that set it, as schemas/explain-report.schema.json says', () => {
    const run = runCli(['explain', '--format', 'json', 'good.yml'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { pods: { service: string; templates: string[]; keys: { path: string; value: unknown; setBy: string[] }[] }[] };
    assertValid(schema('explain-report.schema.json'), report, 'explain report');
    const [pod] = report.pods;
    assert.deepEqual([pod.service, pod.templates], ['api', ['http', 'with-logging']]);
    const image = pod.keys.find((k) => k.path === 'components.app.image');
    assert.deepEqual(image?.value, 'acme/api:1.0');
    assert.match(pod.keys.find((k) => k.path === 'components.logging.image')?.setBy.at(-1) ?? '', /^template "with-logging" \(/);
  });

  it('templates and templates show: as schemas/templates-report.schema.json says', () => {
    const list = runCli(['templates', '--format', 'json'], { cwd: dir });
    assert.equal(list.status, 0, list.stderr);
    const report = JSON.parse(list.stdout) as { templates: { name: string; args: Record<string, { default?: unknown }> }[] };
    assertValid(schema('templates-report.schema.json'), report, 'templates report');
    assert.ok(report.templates.some((t) => t.name === 'with-logging' && t.args.path?.default === '/var/log/app'));
    const show = JSON.parse(runCli(['templates', 'show', 'http', '--format', 'json'], { cwd: dir }).stdout) as typeof report;
    assertValid(schema('templates-report.schema.json'), show, 'templates show report');
    assert.deepEqual(show.templates.map((t) => t.name), ['http']);
  });

  it('explain of a service that is not a pod: the error is in the SARIF log too', () => {
    const run = runCli(['explain', '--diagnostics', 'sarif', 'good.yml', 'apj'], { cwd: dir });
    assert.equal(run.status, 1);
    const log = JSON.parse(run.stderr) as SarifLog;
    assertValid(sarifSchema, log, 'SARIF of explain');
    assert.deepEqual(log.runs[0].results.map((r) => [r.level, r.message.text]), [['error', '"apj" is not a pod in good.yml (did you mean "api"?)']]);
  });

  it('a format a command does not have is a usage error', () => {
    const run = runCli(['explain', '--format', 'sarif', 'good.yml'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /argument 'sarif' is invalid\. Allowed choices are text, json/);
  });
});
