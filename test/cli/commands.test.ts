import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { runCli } from '../helpers/run-cli.js';

function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'podlike-gen-cmd-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const HTTP_POD = 'version: "3.8"\nservices:\n  web:\n    image: acme/web:1.0\n    ports:\n      - "8080:80"\n    labels:\n      podlike.templates: http\n';
const LOGGING_POD = 'version: "3.8"\nservices:\n  api:\n    image: acme/api:1.0\n    labels:\n      podlike.templates: http, with-logging\n';
const CONFLICT = {
  'tpl/a.yml': 'name: a\ndescription: sets the side image\ncomponents: |\n  side:\n    image: alpine:3.19\n',
  'tpl/b.yml': 'name: b\ndescription: sets it differently\nextends: [side]\ncomponents: |\n  side:\n    image: alpine:3.20\n',
  'stack.yml': 'services:\n  api:\n    image: acme/api:1.0\n    labels:\n      podlike.templates: a, b\n',
};

function has(binary: string): boolean {
  return spawnSync('which', [binary]).status === 0;
}

describe('--check (CI)', () => {
  it('exits 0 when the file is up to date, 1 with a diff when stale, and never writes', () => {
    const dir = workspace({ 'stack.yml': HTTP_POD });
    assert.equal(runCli(['-o', 'out.yml', 'stack.yml'], { cwd: dir }).status, 0);
    assert.equal(runCli(['--check', '-o', 'out.yml', 'stack.yml'], { cwd: dir }).status, 0);

    writeFileSync(join(dir, 'stack.yml'), HTTP_POD.replace('acme/web:1.0', 'acme/web:1.1'));
    const before = readFileSync(join(dir, 'out.yml'), 'utf8');
    const stale = runCli(['--check', '-o', 'out.yml', 'stack.yml'], { cwd: dir });
    assert.equal(stale.status, 1);
    assert.match(stale.stderr, /out\.yml is stale/);
    assert.match(stale.stderr, /^-\s+image: acme\/web:1\.0$/m);
    assert.match(stale.stderr, /^\+\s+image: acme\/web:1\.1$/m);
    assert.equal(readFileSync(join(dir, 'out.yml'), 'utf8'), before);
  });

  it('a missing file is stale; --check without -o is a usage error', () => {
    const dir = workspace({ 'stack.yml': HTTP_POD });
    assert.equal(runCli(['--check', '-o', 'none.yml', 'stack.yml'], { cwd: dir }).status, 1);
    assert.equal(existsSync(join(dir, 'none.yml')), false);
    assert.equal(runCli(['--check', 'stack.yml'], { cwd: dir }).status, 2);
  });
});

describe('--format json', () => {
  it('writes the same stack as JSON', () => {
    const dir = workspace({ 'stack.yml': HTTP_POD });
    const json = runCli(['--format', 'json', 'stack.yml'], { cwd: dir });
    const yaml = runCli(['stack.yml'], { cwd: dir });
    assert.equal(json.status, 0);
    assert.deepEqual(JSON.parse(json.stdout), parse(yaml.stdout));
    assert.equal(runCli(['--format', 'toml', 'stack.yml'], { cwd: dir }).status, 2);
  });
});

describe('validate', () => {
  it('reports every error of every pod, writes nothing, exits 1', () => {
    const stack = 'services:\n  a:\n    image: x:1\n    labels:\n      podlike.templates: htpp\n  b:\n    image: x:1\n    labels:\n      podlike.templates: http\n      podlike.http.prot: "1"\n';
    const run = runCli(['validate', 'stack.yml'], { cwd: workspace({ 'stack.yml': stack }) });
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /stack\.yml:5:26: error: service "a": unknown template "htpp"/);
    assert.match(run.stderr, /stack\.yml:10:7: error: service "b", .*unknown arg "prot"/);
    assert.match(run.stderr, /2 error\(s\), 0 warning\(s\)\n$/);
  });

  it('exits 0 on a clean stack, and 1 on a warning under --strict', () => {
    assert.equal(runCli(['validate', 'stack.yml'], { cwd: workspace({ 'stack.yml': HTTP_POD }) }).status, 0);
    const dir = workspace(CONFLICT);
    assert.equal(runCli(['validate', '-t', 'tpl', 'stack.yml'], { cwd: dir }).status, 0);
    assert.equal(runCli(['validate', '--strict', '-t', 'tpl', 'stack.yml'], { cwd: dir }).status, 1);
  });
});

describe('templates', () => {
  it('lists all eight built-in templates with their files and descriptions', () => {
    const run = runCli(['templates']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^NAME\s+FILE\s+DESCRIPTION$/m);
    for (const name of ['http', 'with-logging', 'with-sd', 'with-tracing', 'with-metrics', 'healthz', 'signal', 'config-reload']) {
      assert.match(run.stdout, new RegExp(`^${name}\\s+podlike-gen/templates/${name}\\.yml\\s+\\S.+$`, 'm'));
    }
  });

  it('honours -t and PODLIKE_TEMPLATES, first match winning', () => {
    const dir = workspace({ 'mine/http.yml': 'name: http\ndescription: my own http\n', 'env/extra.yml': 'name: extra\ndescription: from the environment\n' });
    const run = runCli(['templates', '-t', 'mine'], { cwd: dir, env: { PODLIKE_TEMPLATES: join(dir, 'env') } });
    assert.match(run.stdout, /^http\s+mine\/http\.yml\s+my own http$/m);
    assert.match(run.stdout, /^extra\s+env\/extra\.yml\s+from the environment$/m);
  });

  it('warns of a template folder that is not there, from -t, PODLIKE_TEMPLATES or the stack, and fails only under --strict', () => {
    const dir = workspace({ 'stack.yml': `version: "3.8"\nx-podlike:\n  templates-path: [./pod-templates]\n${HTTP_POD.replace('version: "3.8"\n', '')}` });
    const run = runCli(['-t', 'mine', 'stack.yml'], { cwd: dir, env: { PODLIKE_TEMPLATES: 'nope' } });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /pod\.component\.proxy/);
    assert.equal(
      run.stderr,
      [
        'mine: warning: template folder (given with -t) does not exist',
        'nope: warning: template folder (in PODLIKE_TEMPLATES) does not exist',
        'stack.yml:3:20: warning: template folder "./pod-templates" (in x-podlike.templates-path) does not exist',
        '',
      ].join('\n'),
    );
    const strict = runCli(['--strict', '-o', 'out.yml', 'stack.yml'], { cwd: dir, env: { PODLIKE_TEMPLATES: '' } });
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /^stack\.yml:3:20: error: template folder "\.\/pod-templates" \(in x-podlike\.templates-path\) does not exist \[--strict\]$/m);
    assert.equal(existsSync(join(dir, 'out.yml')), false);
    const listed = runCli(['templates', '-t', 'mine'], { cwd: dir, env: { PODLIKE_TEMPLATES: '' } });
    assert.equal(listed.status, 0);
    assert.equal(listed.stderr, 'mine: warning: template folder (given with -t) does not exist\n');
  });

  it('show: description, args with types, defaults and descriptions, requires, sections', () => {
    const run = runCli(['templates', 'show', 'http']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^http: .+/);
    assert.match(run.stdout, /^file: podlike-gen\/templates\/http\.yml$/m);
    assert.match(run.stdout, /^requires: \(none\)$/m);
    assert.match(run.stdout, /^sections: .*components/m);
    assert.match(run.stdout, /^ {2}port: integer \(default \d+\)\n {6}\S/m);
  });

  it('show a misspelt name: an error with a suggestion', () => {
    const run = runCli(['templates', 'show', 'htpp']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /unknown template "htpp" \(did you mean "http"\?\)/);
  });
});

describe('explain', () => {
  it('names the layer that set each key, and marks overridden ones', () => {
    const run = runCli(['explain', 'stack.yml', 'web'], { cwd: workspace({ 'stack.yml': HTTP_POD }) });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^service "web": a pod of http$/m);
    assert.match(run.stdout, /^ {2}controller\.image = "rycus86\/podlike:[^"]+" {2}<- defaults$/m);
    assert.match(run.stdout, /^ {2}controller\.ports\["8080:80"\] {2}<- service$/m);
    assert.match(run.stdout, /^ {2}components\.app\.image = "acme\/web:1\.0" {2}<- service \(overrides defaults\)$/m);
    assert.match(run.stdout, /^ {2}components\.proxy\.image = "nginx:[^"]+" {2}<- template "http" \(podlike-gen\/templates\/http\.yml\)$/m);
  });

  it('shows stack additions and derived keys', () => {
    const run = runCli(['explain', 'stack.yml'], { cwd: workspace({ 'stack.yml': LOGGING_POD }) });
    assert.match(run.stdout, /^ {2}stack\.volumes\.api-logs {2}<- template "with-logging"/m);
    assert.match(run.stdout, /^ {2}controller\.volumes\["api-logs:\/var\/lib\/podlike\/volumes\/api-logs"\] {2}<- podlike-gen \(derived\)$/m);
  });

  it('a service that is not a pod is an error with a suggestion', () => {
    const run = runCli(['explain', 'stack.yml', 'wbe'], { cwd: workspace({ 'stack.yml': HTTP_POD }) });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /"wbe" is not a pod in stack\.yml \(did you mean "web"\?\)/);
  });
});

describe('graph', () => {
  const dir = workspace({ 'stack.yml': LOGGING_POD });

  it('DOT renders with Graphviz', (t) => {
    const run = runCli(['graph', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^digraph pods \{/);
    assert.match(run.stdout, /api_logging -> volume_api_logs \[label="\/var\/log\/app"\];/);
    if (!has('dot')) return t.skip('graphviz (dot) not installed: the DOT output was not rendered');
    const svg = spawnSync('dot', ['-Tsvg'], { input: run.stdout, encoding: 'utf8' });
    assert.equal(svg.status, 0, svg.stderr);
    assert.match(svg.stdout, /<svg/);
  });

  it('PlantUML renders with plantuml', (t) => {
    const run = runCli(['graph', '--format', 'plantuml', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^@startuml\n[\s\S]*@enduml\n$/);
    if (!has('plantuml')) return t.skip('plantuml not installed: the PlantUML output was not rendered');
    const svg = spawnSync('plantuml', ['-tsvg', '-pipe', '-failfast2'], { input: run.stdout, encoding: 'utf8' });
    assert.equal(svg.status, 0, svg.stderr);
    assert.match(svg.stdout, /<svg/);
    assert.doesNotMatch(svg.stdout, /Syntax Error/);
  });

  it('Mermaid is a flowchart with one subgraph a pod', () => {
    const run = runCli(['graph', '--format', 'mermaid', 'stack.yml'], { cwd: dir });
    assert.match(run.stdout, /^flowchart LR\n {2}subgraph pod_api \["pod api"\]\n/);
    assert.match(run.stdout, /volume_api_logs\[\("api-logs"\)\]/);
  });
});

describe('new-template and test', () => {
  it('scaffolds a template whose fixture passes at once; a change fails with a diff; --update accepts it', () => {
    const dir = workspace();
    const created = runCli(['new-template', 'with-cache', '--dir', 'tpl'], { cwd: dir });
    assert.equal(created.status, 0, created.stderr);
    const template = readFileSync(join(dir, 'tpl', 'with-cache.yml'), 'utf8');
    for (const section of ['controller:', 'app:', 'components:', 'init:', 'copy:', 'stack:', 'args:']) assert.ok(template.includes(`\n${section}`), section);

    const passing = runCli(['test', 'tpl'], { cwd: dir });
    assert.equal(passing.status, 0, passing.stdout + passing.stderr);
    assert.match(passing.stdout, /^ok with-cache-basic$/m);
    assert.match(passing.stdout, /^1 passed, 0 failed$/m);

    writeFileSync(join(dir, 'tpl', 'with-cache.yml'), template.replace('busybox:1.36.1', 'busybox:1.37.0'));
    const failing = runCli(['test', 'tpl'], { cwd: dir });
    assert.equal(failing.status, 1);
    assert.match(failing.stdout, /^FAIL with-cache-basic$/m);
    assert.match(failing.stdout, /^\+\s+image: busybox:1\.37\.0$/m);

    assert.equal(runCli(['test', '--update', 'tpl'], { cwd: dir }).status, 0);
    assert.equal(runCli(['test', 'tpl'], { cwd: dir }).status, 0);
  });

  it('refuses to overwrite, and a folder without fixtures is an error', () => {
    const dir = workspace();
    assert.equal(runCli(['new-template', 'x', '--dir', 'tpl'], { cwd: dir }).status, 0);
    assert.equal(runCli(['new-template', 'x', '--dir', 'tpl'], { cwd: dir }).status, 1);
    assert.equal(runCli(['new-template', '../x', '--dir', 'tpl'], { cwd: dir }).status, 2);
    assert.equal(runCli(['test', '.'], { cwd: workspace() }).status, 1);
  });

  it('a folder it cannot make is an error naming it, and leaves nothing behind; a name too long for a file is refused first', () => {
    const dir = workspace({ 'tpl/tests': 'a file where the fixtures folder goes\n' });
    const run = runCli(['new-template', 'x', '--dir', 'tpl'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'tpl: error: cannot create the template: a part of its path is a file, not a folder; nothing was written\n');
    assert.deepEqual(readdirSync(join(dir, 'tpl')), ['tests']);
    const long = runCli(['new-template', 'x'.repeat(300), '--dir', 'tpl'], { cwd: dir });
    assert.equal(long.status, 2);
    assert.match(long.stderr, /^error: template name "x{60}…" must be letters, digits, - and _, at most 100 of them\n$/);
  });

  it('a fixture file it cannot read or write fails that fixture with the file and the reason in words, and the others still run', () => {
    const dir = workspace();
    assert.equal(runCli(['new-template', 'x', '--dir', 'tpl'], { cwd: dir }).status, 0);
    // The scaffold's TODO description is a warning of its own (diagnostics catalog); this test is about the fixture.
    const template = join(dir, 'tpl', 'x.yml');
    writeFileSync(template, readFileSync(template, 'utf8').replace(/^description: TODO .*$/m, 'description: a sidecar that answers with a greeting'));
    cpSync(join(dir, 'tpl', 'tests', 'x-basic'), join(dir, 'tpl', 'tests', 'x-broken'), { recursive: true });
    rmSync(join(dir, 'tpl', 'tests', 'x-broken', 'expected.yml'));
    mkdirSync(join(dir, 'tpl', 'tests', 'x-broken', 'expected.yml'));
    for (const args of [['test', 'tpl'], ['test', '--update', 'tpl']]) {
      const run = runCli(args, { cwd: dir });
      assert.equal(run.status, 1);
      assert.match(run.stdout, /^ok x-basic$|^updated x-basic$/m);
      assert.match(run.stdout, /^FAIL x-broken\n1 passed, 1 failed\n$/m);
      const verb = args.includes('--update') ? 'write' : 'read';
      assert.equal(run.stderr, `${join('tpl', 'tests', 'x-broken', 'expected.yml')}: error: cannot ${verb} the expectation: it is a directory\n`);
    }
  });

  it('a fixtures folder that is a file is an error, not Node\'s ENOTDIR', () => {
    const run = runCli(['test', '.'], { cwd: workspace({ tests: 'a file\n' }) });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'tests: error: cannot read the fixtures folder: it is a file\n');
  });
});

describe('deploy', () => {
  /** A stand-in `docker` on PATH that records its arguments and standard input: no engine runs here. */
  function fakeDocker(): { bin: string; args: string; stdin: string } {
    const bin = mkdtempSync(join(tmpdir(), 'podlike-gen-docker-'));
    const args = join(bin, 'args');
    const stdin = join(bin, 'stdin');
    writeFileSync(join(bin, 'docker'), `#!/bin/sh\nprintf '%s\\n' "$@" > ${args}\ncat > ${stdin}\n`);
    chmodSync(join(bin, 'docker'), 0o755);
    return { bin, args, stdin };
  }

  it('compiles and pipes the stack into docker stack deploy -c -, passing options through', () => {
    const dir = workspace({ 'stack.yml': HTTP_POD });
    const docker = fakeDocker();
    const run = runCli(['deploy', 'shop', 'stack.yml', '--', '--prune', '--with-registry-auth'], { cwd: dir, env: { PATH: `${docker.bin}:${process.env.PATH}` } });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(readFileSync(docker.args, 'utf8').trim().split('\n'), ['stack', 'deploy', '--prune', '--with-registry-auth', '-c', '-', 'shop']);
    assert.equal(readFileSync(docker.stdin, 'utf8'), runCli(['stack.yml'], { cwd: dir }).stdout);
  });

  it('deploys nothing after a compile error', () => {
    const dir = workspace({ 'stack.yml': HTTP_POD.replace('http', 'htpp') });
    const docker = fakeDocker();
    const run = runCli(['deploy', 'shop', 'stack.yml'], { cwd: dir, env: { PATH: `${docker.bin}:${process.env.PATH}` } });
    assert.equal(run.status, 1);
    assert.equal(existsSync(docker.args), false);
  });

  it('says so in words when there is no docker CLI to run', () => {
    const dir = workspace({ 'stack.yml': HTTP_POD });
    const empty = mkdtempSync(join(tmpdir(), 'podlike-gen-no-docker-'));
    const run = runCli(['deploy', 'shop', 'stack.yml'], { cwd: dir, env: { PATH: empty } });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'error: cannot run docker: the docker CLI is not installed, or not on PATH; nothing was deployed\n');
  });
});

describe('output and help', () => {
  it('no colour off a terminal, with --no-color or NO_COLOR; --quiet hides warnings', () => {
    const dir = workspace(CONFLICT);
    const plain = runCli(['-t', 'tpl', 'stack.yml'], { cwd: dir, env: { NO_COLOR: '' } });
    assert.match(plain.stderr, /warning: /);
    assert.doesNotMatch(plain.stderr, /\u001b\[/);
    const quiet = runCli(['--quiet', '-t', 'tpl', 'stack.yml'], { cwd: dir });
    assert.equal(quiet.status, 0);
    assert.equal(quiet.stderr, '');
  });

  it('colours diagnostics on a terminal, unless --no-color or NO_COLOR', (t) => {
    if (!has('script')) return t.skip('script(1) not installed: no terminal to test colour on');
    const dir = workspace(CONFLICT);
    const onTty = (args: string, env: Record<string, string | undefined> = {}) => {
      const envAll: Record<string, string> = {};
      for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) envAll[k] = v;
      return spawnSync('script', ['-qec', `${process.execPath} ${join(process.cwd(), 'bin', 'podlike-gen.js')} ${args}`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: envAll }).stdout;
    };
    const env = { NO_COLOR: undefined, FORCE_COLOR: undefined };
    assert.match(onTty('-t tpl stack.yml', env), /\u001b\[/);
    assert.doesNotMatch(onTty('--no-color -t tpl stack.yml', env), /\u001b\[/);
    assert.doesNotMatch(onTty('-t tpl stack.yml', { ...env, NO_COLOR: '1' }), /\u001b\[/);
  });

  it('every command has --help with examples; a misspelt command gets a suggestion', () => {
    for (const command of [[], ['validate'], ['templates'], ['templates', 'show'], ['explain'], ['graph'], ['new-template'], ['test'], ['deploy']]) {
      const run = runCli([...command, '--help']);
      assert.equal(run.status, 0, command.join(' '));
      assert.match(run.stdout, /Examples:\n {2}\$ podlike-gen/, command.join(' '));
    }
    const typo = runCli(['valdate', 'stack.yml']);
    assert.equal(typo.status, 2);
    assert.match(typo.stderr, /unknown command "valdate" \(did you mean "validate"\?\)/);
  });
});
