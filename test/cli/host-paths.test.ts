import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { DOCKER_MISSING, dockerAvailable, dockerStackConfig } from '../helpers/docker.js';
import { runCli } from '../helpers/run-cli.js';
import { workspace } from '../helpers/workspace.js';

/**
 * Relative host paths (issue 17.6): the output must name the files the input names, wherever
 * it is written. The oracle is docker's own reader: `docker stack config` prints every path
 * resolved, for the input and for the output alike.
 */

/** A project with its stack in deploy/: a plain service and a pod, each with relative paths. */
const PROJECT = {
  'deploy/stack.yml': [
    'version: "3.8"',
    'services:',
    '  web:',
    '    image: nginx:1.27',
    '    env_file: web.env',
    '    volumes:',
    '      - ./html:/usr/share/nginx/html:ro',
    '      - type: bind',
    '        source: ../shared',
    '        target: /shared',
    '      - ~/cache:/cache',
    '      - web-data:/data',
    '    configs: [site]',
    '  api:',
    '    image: acme/api:1.0',
    '    labels:',
    '      podlike.templates: http',
    '    volumes:',
    '      - ./grafana/provisioning:/etc/grafana/provisioning:ro',
    '      - type: bind',
    '        source: data',
    '        target: /data',
    '    secrets: [token]',
    'configs:',
    '  site:',
    '    file: ./site.conf',
    'secrets:',
    '  token:',
    '    file: token.txt',
    'volumes:',
    '  web-data: {}',
    '',
  ].join('\n'),
  'deploy/web.env': 'GREETING=hello\n',
  'deploy/site.conf': 'x\n',
  'deploy/token.txt': 'x\n',
};

/** A fresh project; its real path, as the processes run in it see their folder. */
function project(files: Record<string, string> = PROJECT): string {
  const dir = realpathSync(workspace(files));
  mkdirSync(join(dir, 'deploy', 'build'));
  return dir;
}

type Config = { services: Record<string, { volumes?: { type: string; source?: string; target: string }[]; environment?: Record<string, string>; labels?: Record<string, string> }>; configs?: Record<string, { file: string }>; secrets?: Record<string, { file: string }> };

/** The bind mounts of a service as docker resolved them, by target. */
function binds(config: Config, service: string): Record<string, string | undefined> {
  return Object.fromEntries((config.services[service].volumes ?? []).filter((v) => v.type === 'bind').map((v) => [v.target, v.source]));
}

/** A component's bind mounts in its label, by target: what Podlike mounts, docker does not read them. */
function componentBinds(config: Config, service: string, component: string): Record<string, string> {
  const label = parse(config.services[service].labels?.[`pod.component.${component}`] ?? '') as { volumes?: (string | { source: string; target: string })[] };
  const entries = (label.volumes ?? []).map((v) => (typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : v));
  return Object.fromEntries(entries.filter((v) => v.source.startsWith('/')).map((v) => [v.target, v.source]));
}

/** What of the output docker resolves, against what it resolves in the input: they must be the same files. */
function assertSamePaths(input: Config, output: Config): void {
  assert.equal(Object.keys(binds(input, 'web')).length, 3, 'the input has the bind mounts to compare');
  assert.equal(Object.keys(binds(input, 'api')).length, 2, 'the input has the bind mounts to compare');
  assert.deepEqual(binds(output, 'web'), binds(input, 'web'));
  assert.deepEqual(output.services.web.environment, input.services.web.environment);
  assert.deepEqual(output.configs, input.configs);
  assert.deepEqual(output.secrets, input.secrets);
  assert.deepEqual(componentBinds(output, 'api', 'app'), binds(input, 'api'));
}

describe('relative host paths in the output', () => {
  it('-o build/out.yml: rewritten relative to build/, the same files for docker', (t) => {
    const dir = project();
    const run = runCli(['-q', '-o', 'build/out.yml', 'stack.yml'], { cwd: join(dir, 'deploy') });
    assert.equal(run.status, 0, run.stderr);
    const out = readFileSync(join(dir, 'deploy', 'build', 'out.yml'), 'utf8');
    assert.match(out, /- \.\.\/html:\/usr\/share\/nginx\/html:ro\n/);
    assert.match(out, /source: \.\.\/\.\.\/shared\n/);
    assert.match(out, /- ~\/cache:\/cache\n/, 'a ~ path outside pods is docker\'s to expand, on the deploying machine');
    assert.match(out, /env_file: \.\.\/web\.env\n/);
    assert.match(out, /file: \.\.\/site\.conf\n/);
    assert.match(out, /file: \.\.\/token\.txt\n/);
    assert.match(out, new RegExp(`- ${dir}/deploy/grafana/provisioning:/etc/grafana/provisioning:ro\n`));
    assert.equal(runCli(['--check', '-o', 'build/out.yml', 'stack.yml'], { cwd: join(dir, 'deploy') }).status, 0, '--check compares with the output written for build/');
    assert.equal(runCli(['--check', '-o', 'build/out.yml', 'build/out.yml'], { cwd: join(dir, 'deploy') }).status, 0, 'compiling the output again changes nothing');
    if (!dockerAvailable()) return t.skip(DOCKER_MISSING);
    assertSamePaths(dockerStackConfig(['stack.yml'], join(dir, 'deploy')) as Config, dockerStackConfig(['build/out.yml'], join(dir, 'deploy')) as Config);
  });

  it('stdout: relative to the current folder, where `> out.yml` and `docker stack deploy -c -` read it', (t) => {
    const dir = project();
    const run = runCli(['-q', 'deploy/stack.yml'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /- \.\/deploy\/html:\/usr\/share\/nginx\/html:ro\n/);
    assert.match(run.stdout, /source: \.\/shared\n/);
    assert.match(run.stdout, /file: \.\/deploy\/site\.conf\n/);
    if (!dockerAvailable()) return t.skip(DOCKER_MISSING);
    const input = dockerStackConfig(['deploy/stack.yml'], dir) as Config;
    assertSamePaths(input, dockerStackConfig(['-'], dir, run.stdout) as Config);
    writeFileSync(join(dir, 'out.yml'), run.stdout);
    assertSamePaths(input, dockerStackConfig(['out.yml'], dir) as Config);
  });

  it('written next to the stack: the paths stay as the author wrote them', () => {
    const dir = project();
    const run = runCli(['-q', 'stack.yml'], { cwd: join(dir, 'deploy') });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /- \.\/html:\/usr\/share\/nginx\/html:ro\n/);
    assert.match(run.stdout, /env_file: web\.env\n/);
    assert.match(run.stdout, /file: \.\/site\.conf\n/);
  });

  it('stdin (-): its paths mean the current folder, as they do to docker', (t) => {
    const dir = project();
    const cwd = join(dir, 'deploy');
    const run = runCli(['-q', '-o', 'build/out.yml', '-'], { cwd, input: readFileSync(join(cwd, 'stack.yml'), 'utf8') });
    assert.equal(run.status, 0, run.stderr);
    assert.match(readFileSync(join(cwd, 'build', 'out.yml'), 'utf8'), /file: \.\.\/site\.conf\n/);
    if (!dockerAvailable()) return t.skip(DOCKER_MISSING);
    assertSamePaths(dockerStackConfig(['-'], cwd, readFileSync(join(cwd, 'stack.yml'), 'utf8')) as Config, dockerStackConfig(['build/out.yml'], cwd) as Config);
  });

  it('several files in different folders: every relative path means the first file\'s folder, as docker reads them', (t) => {
    const dir = project({
      ...PROJECT,
      'prod/override.yml': 'version: "3.8"\nservices:\n  web:\n    volumes:\n      - ./prod-html:/usr/share/nginx/html:ro\n  api:\n    volumes:\n      - ./prod-data:/data\nconfigs:\n  site:\n    file: ./prod-site.conf\n',
      'deploy/prod-site.conf': 'x\n',
    });
    mkdirSync(join(dir, 'out'));
    const run = runCli(['-q', '-o', 'out/stack.yml', 'deploy/stack.yml', 'prod/override.yml'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    const out = readFileSync(join(dir, 'out', 'stack.yml'), 'utf8');
    assert.match(out, /- \.\.\/deploy\/prod-html:\/usr\/share\/nginx\/html:ro\n/);
    assert.match(out, /file: \.\.\/deploy\/prod-site\.conf\n/);
    assert.match(out, new RegExp(`- ${dir}/deploy/prod-data:/data\n`));
    if (!dockerAvailable()) return t.skip(DOCKER_MISSING);
    assertSamePaths(dockerStackConfig(['deploy/stack.yml', 'prod/override.yml'], dir) as Config, dockerStackConfig(['out/stack.yml'], dir) as Config);
  });

  it('a component bind under ~ is an error with the file, line and fix; exit 1 and the output left as it was', () => {
    const dir = project({ ...PROJECT, 'deploy/stack.yml': PROJECT['deploy/stack.yml'].replace('./grafana/provisioning', '~/grafana') });
    writeFileSync(join(dir, 'deploy', 'build', 'out.yml'), 'old\n');
    const run = runCli(['-o', 'build/out.yml', 'stack.yml'], { cwd: join(dir, 'deploy') });
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /^stack\.yml:19:9: error: service "api", component "app": volume "~\/grafana:\/etc\/grafana\/provisioning:ro": a host path under "~" is expanded by docker with the deploying user's HOME, .*; write the absolute path instead of "~\/grafana" \(it must exist on every node the pod runs on\)$/m,
    );
    assert.equal(readFileSync(join(dir, 'deploy', 'build', 'out.yml'), 'utf8'), 'old\n');
  });

  it('deploy pipes a stack whose paths mean the current folder, which docker stack deploy -c - resolves against', () => {
    const dir = project();
    const bin = mkdtempSync(join(tmpdir(), 'podlike-gen-docker-'));
    writeFileSync(join(bin, 'docker'), `#!/bin/sh\ncat > ${join(bin, 'stdin')}\n`);
    chmodSync(join(bin, 'docker'), 0o755);
    const run = runCli(['deploy', 'shop', 'deploy/stack.yml'], { cwd: dir, env: { PATH: `${bin}:${process.env.PATH}` } });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(existsSync(join(bin, 'stdin')));
    const piped = readFileSync(join(bin, 'stdin'), 'utf8');
    assert.equal(piped, runCli(['-q', 'deploy/stack.yml'], { cwd: dir }).stdout);
    assert.match(piped, /file: \.\/deploy\/site\.conf\n/);
  });
});
