import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/run-cli.js';

const PREVIOUS_OUTPUT = '# the previous compile, which a failed run must leave alone\nservices: {}\n';

/** A folder with the given files, and an out.yml holding a previous output. */
function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'podlike-gen-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  writeFileSync(join(dir, 'out.yml'), PREVIOUS_OUTPUT);
  return dir;
}

/** Runs a failing compile with -o and checks what every such run must hold. */
function failingRun(files: Record<string, string>, args: string[] = ['stack.yml']) {
  const dir = workspace(files);
  const run = runCli(['-o', 'out.yml', ...args], { cwd: dir });
  assert.equal(run.status, 1, `exit code; stderr:\n${run.stderr}`);
  assert.equal(run.stdout, '');
  assert.equal(readFileSync(join(dir, 'out.yml'), 'utf8'), PREVIOUS_OUTPUT, '-o file was changed');
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'stack trace printed');
  return run.stderr;
}

const pod = (labels: string) => `services:\n  api:\n    image: acme/api:1.4\n    labels:\n${labels}`;

describe('compile errors: message, position, exit code 1, -o untouched', () => {
  it('two files of different versions, refused as docker refuses them', () => {
    const stderr = failingRun({ 'stack.yml': 'version: "3.7"\nservices: {}\n', 'stack.prod.yml': '# production\nversion: "3.8"\nservices: {}\n' }, ['stack.yml', 'stack.prod.yml']);
    assert.match(stderr, /^stack\.prod\.yml:2:10: error: stack\.prod\.yml has version "3\.8" but stack\.yml has version "3\.7": docker stack deploy refuses/);
  });

  it('misspelt template, with a suggestion', () => {
    const stderr = failingRun({ 'stack.yml': pod('      podlike.templates: htpp\n') });
    assert.equal(stderr, 'stack.yml:5:26: error: service "api": unknown template "htpp" (did you mean "http"?)\n');
  });

  it('unknown arg, with a suggestion and the label position', () => {
    const stderr = failingRun({ 'stack.yml': pod('      podlike.templates: http\n      podlike.http.prot: "5000"\n') });
    assert.equal(stderr, 'stack.yml:6:7: error: service "api", template "http" (podlike-gen/templates/http.yml): unknown arg "prot" (did you mean "port"?)\n');
  });

  it('wrong arg type', () => {
    const stderr = failingRun({ 'stack.yml': pod('      podlike.templates: http\n      podlike.http.port: eighty\n') });
    assert.equal(stderr, 'stack.yml:6:7: error: service "api", template "http" (podlike-gen/templates/http.yml): arg "port" must be a whole number\n');
  });

  it('wrong arg type in x-podlike', () => {
    const stack = 'services:\n  api:\n    image: acme/api:1.4\n    x-podlike:\n      templates: [http]\n      args:\n        http: { cache: "maybe" }\n';
    const stderr = failingRun({ 'stack.yml': stack });
    assert.equal(stderr, 'stack.yml:7:15: error: service "api", template "http" (podlike-gen/templates/http.yml): arg "cache" must be true or false\n');
  });

  it('malformed YAML, with its line', () => {
    const stderr = failingRun({ 'stack.yml': 'services:\n  api:\n    image: acme/api:1.4\n    labels: [a, b\n  db: {}\n' });
    assert.match(stderr, /^stack\.yml:5:3: error: invalid YAML: /);
    assert.equal(stderr.trim().split('\n').length, 1);
  });

  it('missing file', () => {
    const stderr = failingRun({}, ['nope.yml']);
    assert.equal(stderr, 'nope.yml: error: cannot read stack file: no such file\n');
  });

  it('template syntax error, in the template file at its line', () => {
    const template = 'name: broken\ndescription: an unclosed block\ncomponents: |\n  side:\n    image: alpine:3.20\n    {{#if args.x}}\n    command: [sleep, "1"]\n';
    const stderr = failingRun({ 'stack.yml': pod('      podlike.templates: broken\n'), 'tpl/broken.yml': template }, ['-t', 'tpl', 'stack.yml']);
    assert.match(stderr, /^tpl\/broken\.yml:\d+:\d+: error: template syntax error in section "components": /);
    const line = Number(/^tpl\/broken\.yml:(\d+):/.exec(stderr)?.[1]);
    assert.ok(line >= 6 && line <= 8, `line ${line} should point into the section`);
  });

  it('alias bomb, refused without being expanded', () => {
    // 9^30 strings once expanded: only a refusal that measures instead of building ends.
    const levels = ['l0: &l0 ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 30; i++) levels.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(',')}]`);
    const stderr = failingRun({ 'stack.yml': `x-bomb:\n  ${levels.join('\n  ')}\nservices: {}\n` });
    assert.match(stderr, /^stack\.yml:\d+:\d+: error: alias expansion is too large \(an alias bomb\?\)/);
  });

  it('template path traversal is refused', () => {
    const stderr = failingRun({ 'stack.yml': pod('      podlike.templates: ../../etc/passwd\n') });
    assert.match(stderr, /^stack\.yml:5:26: error: service "api": template name "\.\.\/\.\.\/etc\/passwd" is not a plain name/);
  });

  it('duplicate key', () => {
    const stderr = failingRun({ 'stack.yml': 'services:\n  api:\n    image: a:1\n    image: a:2\n' });
    assert.equal(stderr, 'stack.yml:4:5: error: duplicate key "image": a key may appear once in a mapping\n');
  });

  it('an unsupported component key with no home on the controller', () => {
    const template = 'name: restarts\ndescription: sets restart on a component\ncomponents: |\n  side:\n    image: alpine:3.20\n    restart: always\n';
    const stderr = failingRun({ 'stack.yml': pod('      podlike.templates: restarts\n'), 'tpl/restarts.yml': template }, ['-t', 'tpl', 'stack.yml']);
    assert.equal(
      stderr,
      'tpl/restarts.yml:6:5: error: service "api", template "restarts", component "side": "restart" is not supported in a pod component: restarts are Swarm\'s job (deploy.restart_policy on the service)\n',
    );
  });

  it('a component value Podlike would refuse (mem_reservation: 64m)', () => {
    const stderr = failingRun({ 'stack.yml': 'services:\n  api:\n    image: acme/api:1.4\n    mem_reservation: 64m\n    labels:\n      podlike.templates: http\n' });
    assert.equal(stderr, 'stack.yml:2:3: error: service "api", component "app": mem_reservation: must be a whole number\n');
  });

  it('an arg label for a template the pod does not apply', () => {
    const stderr = failingRun({ 'stack.yml': pod('      podlike.templates: http\n      podlike.htp.port: "80"\n') });
    assert.match(stderr, /^stack\.yml:6:7: error: service "api": label "podlike\.htp\.port" sets an arg of template "htp", which this pod does not apply \(did you mean "http"\?\)/);
  });
});

describe('command line', () => {
  it('a usage error exits 2', () => {
    const run = runCli(['--no-such-option', 'stack.yml']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown option/);
  });

  it('no stack file is a usage error', () => {
    assert.equal(runCli([]).status, 2);
  });

  it('--help and --version exit 0', () => {
    const help = runCli(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: podlike-gen/);
    assert.match(help.stdout, /Examples:/);
    assert.match(runCli(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('reads stdin for -, and writes -o atomically with the file mode kept', () => {
    const dir = workspace({});
    chmodSync(join(dir, 'out.yml'), 0o640);
    const stack = 'services:\n  web:\n    image: nginx:1.27\n';
    const run = runCli(['-o', 'out.yml', '-'], { cwd: dir, input: stack });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(join(dir, 'out.yml'), 'utf8'), stack);
    assert.equal(statSync(join(dir, 'out.yml')).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(dir).sort(), ['out.yml'], 'a temporary file was left behind');
  });

  it('--strict turns a warning into an error', () => {
    const a = 'name: a\ndescription: sets the proxy image\ncomponents: |\n  side:\n    image: alpine:3.19\n';
    const b = 'name: b\ndescription: sets it differently\nextends: [side]\ncomponents: |\n  side:\n    image: alpine:3.20\n';
    const files = { 'stack.yml': pod('      podlike.templates: a, b\n'), 'tpl/a.yml': a, 'tpl/b.yml': b };
    const dir = workspace(files);
    const relaxed = runCli(['-t', 'tpl', 'stack.yml'], { cwd: dir });
    assert.equal(relaxed.status, 0);
    assert.match(relaxed.stderr, /warning: service "api": template "a" and template "b" both set components\.side\.image \("alpine:3\.19" and "alpine:3\.20"\); template "b" wins/);
    const strict = runCli(['--strict', '-t', 'tpl', 'stack.yml'], { cwd: dir });
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /error: .*both set components\.side\.image.*\[--strict\]/);
    assert.equal(strict.stdout, '');
  });
});
