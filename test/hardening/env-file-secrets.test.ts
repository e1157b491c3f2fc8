/**
 * Issue 19.1: a pod's env_file is a file of the machine that compiles the stack, named by the
 * stack's author. Its values must never reach the output, a --check diff or a diagnostic, and a
 * stack may not name a file outside its own folder tree (/proc/self/environ holds the CI job's
 * tokens). What is written instead, a secret on the controller and env_file on the app, is read
 * by the real readers: `docker stack config` and Podlike's own code.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { compile } from '../../src/compile.js';
import { DOCKER_MISSING, dockerAvailable, dockerStackConfigValue } from '../helpers/docker.js';
import { runCli } from '../helpers/run-cli.js';
import { workspace } from '../helpers/workspace.js';
import { readAsDeployed, readersMissing } from '../readers/read-as-deployed.js';

const SECRET = 'hunter2-token';
/** A value only the compiling process's environment holds, as a CI token would be. */
const CANARY = 'ci-canary-5f2e9';

function stack(envFile: string): string {
  return ['version: "3.8"', 'services:', '  api:', '    image: acme/api:1.0', `    env_file: ${envFile}`, '    environment:', '      MODE: prod', '    labels:', '      podlike.templates: http', ''].join('\n');
}

function project(envFile = 'app.env', files: Record<string, string> = {}): string {
  return realpathSync(workspace({ 'stack.yml': stack(envFile), 'app.env': `# the app's secrets\nSECRET=${SECRET}\nLEVEL=debug\n`, ...files }));
}

function cli(args: string[], cwd: string) {
  return runCli(args, { cwd, env: { CANARY } });
}

type Stack = { services: Record<string, { secrets?: unknown; labels?: Record<string, string> }>; secrets?: Record<string, { file: string }> };

describe('a pod env_file never puts its values in the output or the logs', () => {
  it('refuses env_file: /proc/self/environ, writes nothing, shows no value of the environment', () => {
    const dir = project('/proc/self/environ');
    const run = cli(['-o', 'out.yml', 'stack.yml'], dir);
    // Before: exit 0, and out.yml held CANARY=ci-canary-5f2e9 with the rest of the environment.
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^stack\.yml:5:15: error: service "api": env_file "\/proc\/self\/environ" is in \/proc/);
    assert.equal(existsSync(join(dir, 'out.yml')), false);
    writeFileSync(join(dir, 'out.yml'), 'stale\n');
    const check = cli(['--check', '-o', 'out.yml', 'stack.yml'], dir);
    // Before: the diff on stderr held the whole environment.
    assert.equal(check.status, 1);
    for (const text of [run.stderr, run.stdout, check.stderr, check.stdout]) assert.ok(!text.includes(CANARY), text);
  });

  it('deploys a local env file as a secret on the controller: the value is in no output, diff or diagnostic', () => {
    const dir = project();
    const write = cli(['-o', 'out.yml', 'stack.yml'], dir);
    assert.equal(write.status, 0, write.stderr);
    const out = readFileSync(join(dir, 'out.yml'), 'utf8');
    writeFileSync(join(dir, 'old.yml'), 'services: {}\n');
    const check = cli(['--check', '-o', 'old.yml', 'stack.yml'], dir);
    assert.equal(check.status, 1);
    assert.match(check.stderr, /old\.yml is stale/);
    const runs = [write, check, cli(['stack.yml'], dir), cli(['--format', 'json', 'stack.yml'], dir), cli(['validate', 'stack.yml'], dir), cli(['explain', 'stack.yml'], dir), cli(['graph', 'stack.yml'], dir)];
    // Before: SECRET=hunter2-token was in the app's environment, so in out.yml and in the --check diff.
    for (const text of [out, ...runs.flatMap((r) => [r.stdout, r.stderr])]) assert.ok(!text.includes(SECRET), `the value shows:\n${text}`);

    const written = parse(out) as Stack;
    const [name] = Object.keys(written.secrets ?? {});
    assert.match(name, /^env-app\.env-[0-9a-f]{8}$/);
    assert.deepEqual(written.secrets, { [name]: { file: './app.env' } });
    assert.deepEqual(written.services.api.secrets, [{ source: name, target: name }]);
    const app = parse(written.services.api.labels?.['pod.component.app'] ?? '') as { env_file: string[]; environment: Record<string, string> };
    assert.deepEqual(app.env_file, [`/run/secrets/${name}`]);
    assert.deepEqual(app.environment.MODE, 'prod');
    assert.equal(app.environment.LEVEL, undefined);
  });

  it('writes what docker stack config and Podlike read: the secret from the env file, the app reading it where Swarm mounts it', (t) => {
    const missing = readersMissing();
    if (missing) return t.skip(missing);
    const dir = project();
    mkdirSync(join(dir, 'deploy'));
    const run = cli(['-o', 'deploy/out.yml', 'stack.yml'], dir);
    assert.equal(run.status, 0, run.stderr);
    const yaml = readFileSync(join(dir, 'deploy', 'out.yml'), 'utf8');
    // Written in deploy/, the file is named from there, and docker finds the author's file.
    const printed = dockerStackConfigValue(['out.yml'], join(dir, 'deploy')) as Stack;
    assert.deepEqual(Object.values(printed.secrets ?? {}), [{ file: join(dir, 'app.env') }]);
    const deployed = readAsDeployed(yaml, join(dir, 'deploy'));
    assert.deepEqual(deployed.problems, []);
    const [name] = Object.keys(printed.secrets ?? {});
    assert.deepEqual(deployed.pods.api.components.app?.envFiles, [`/run/secrets/${name}`]);
  });

  it('writes a template component\'s env_file (a path in the controller) as a list, the one form Podlike reads', (t) => {
    const missing = readersMissing();
    if (missing) return t.skip(missing);
    const dir = realpathSync(
      workspace({
        'stack.yml': 'version: "3.8"\nservices:\n  api:\n    image: a\n    labels:\n      podlike.templates: envy\n',
        'tpl/envy.yml': 'name: envy\ndescription: x\ncomponents: |\n  side:\n    image: alpine\n    env_file: /run/secrets/side.env\n',
      }),
    );
    const run = cli(['-t', 'tpl', 'stack.yml'], dir);
    assert.equal(run.status, 0, run.stderr);
    const deployed = readAsDeployed(run.stdout, dir);
    // Before: env_file: /run/secrets/side.env, and Podlike refused the component: "unexpected env file(s)".
    assert.deepEqual(deployed.problems, []);
    assert.deepEqual(deployed.pods.api.components.side?.envFiles, ['/run/secrets/side.env']);
  });

  it('refuses an env file outside the stack\'s folder, or a link out of it, unless allowed (--allow-outside, allowOutside)', (t) => {
    const root = realpathSync(workspace({ 'shared/common.env': `SECRET=${SECRET}\n`, 'app/stack.yml': stack('../shared/common.env') }));
    const app = join(root, 'app');
    const refused = cli(['stack.yml'], app);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /env_file "\.\.\/shared\/common\.env" is outside the stack's folder/);
    symlinkSync(join(root, 'shared', 'common.env'), join(app, 'linked.env'));
    writeFileSync(join(app, 'linked.yml'), stack('linked.env'));
    const linked = cli(['linked.yml'], app);
    assert.equal(linked.status, 1);
    assert.match(linked.stderr, /env_file "linked\.env" leads through a symbolic link to \S+\/shared\/common\.env, which is outside the stack's folder/);

    const allowed = cli(['--allow-outside', '../shared', 'stack.yml'], app);
    assert.equal(allowed.status, 0, allowed.stderr);
    assert.match(allowed.stdout, /file: \.\.\/shared\/common\.env\n/);
    assert.ok(!allowed.stdout.includes(SECRET));
    assert.equal(compile(join(app, 'linked.yml'), { cwd: app, allowOutside: ['../shared/common.env'] }).yaml !== undefined, true);
    if (!dockerAvailable()) return t.skip(DOCKER_MISSING);
    dockerStackConfigValue(['-'], app, allowed.stdout);
  });

  it('refuses a stack\'s templates-path outside its folder; the same folder given with -t is the user\'s choice', () => {
    const root = realpathSync(workspace({ 'tpl/side.yml': 'name: side\ndescription: x\ncomponents: |\n  side:\n    image: alpine\n' }));
    mkdirSync(join(root, 'app'));
    writeFileSync(join(root, 'app', 'stack.yml'), 'x-podlike:\n  templates-path: [../tpl]\nservices:\n  api:\n    image: a\n    labels:\n      podlike.templates: side\n');
    const refused = cli(['stack.yml'], join(root, 'app'));
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /^stack\.yml:2:20: error: template folder "\.\.\/tpl" \(in x-podlike\.templates-path\) is outside the stack's folder/);
    assert.equal(cli(['-t', '../tpl', 'stack.yml'], join(root, 'app')).status, 0);
    assert.equal(cli(['--allow-outside', '../tpl', 'stack.yml'], join(root, 'app')).status, 0);
  });
});
