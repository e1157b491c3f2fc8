// examples/volume on a real Swarm: nginx configured from a Git repository. The repository is
// served from this host by `git daemon` and reaches the pod as CONFIG_REPO, as the README has
// the deploying shell set it. Checks: the init component finishes before the app starts, each
// task gets volumes of its own, and a new commit reaches nginx.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, docker, httpGet, run, waitFor } from './process.mjs';
import { componentContainer, serviceLogs, waitForComponents } from './stacks.mjs';

const PAGE = 'http://127.0.0.1:8080/';
const CONFIG = (version) => `server {\n    listen 80;\n    location / {\n        default_type text/plain;\n        return 200 "version ${version}\\n";\n    }\n}\n`;

/** A Git repository with nginx/conf.d/default.conf, served read-only by `git daemon`. */
class ConfigRepository {
  start() {
    this.base = mkdtempSync(join(tmpdir(), 'podlike-e2e-git-'));
    this.dir = join(this.base, 'config');
    mkdirSync(join(this.dir, 'nginx', 'conf.d'), { recursive: true });
    this.git(['init', '--quiet', '--initial-branch=main']);
    this.commit(1);
    this.daemon = spawn('git', ['daemon', '--reuseaddr', '--export-all', `--base-path=${this.base}`, '--port=9418', this.base],
      { stdio: 'ignore' });
    // The pod reaches the host through the gateway of docker_gwbridge, the bridge Swarm tasks use to leave the node.
    const gateway = docker(['network', 'inspect', 'docker_gwbridge', '--format', '{{(index .IPAM.Config 0).Gateway}}']);
    return `git://${gateway}/config`;
  }

  commit(version) {
    writeFileSync(join(this.dir, 'nginx', 'conf.d', 'default.conf'), CONFIG(version));
    this.git(['add', '-A']);
    this.git(['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', 'commit', '--quiet', '-m', `version ${version}`]);
  }

  git(args) {
    run('git', ['-C', this.dir, ...args]);
  }

  stop() {
    this.daemon?.kill();
    if (this.base) rmSync(this.base, { recursive: true, force: true });
  }
}

const repository = new ConfigRepository();

function runningTask() {
  return docker(['service', 'ps', 'volume_web', '--filter', 'desired-state=running', '--no-trunc', '--format', '{{.ID}}']).split('\n')[0];
}

function volumeMountedAt(containerId, target) {
  const mounts = JSON.parse(docker(['inspect', containerId, '--format', '{{json .Mounts}}']));
  return mounts.find((m) => m.Destination === target)?.Name;
}

function pageSays(text) {
  return async () => {
    const page = await httpGet(PAGE);
    return { ok: page.body === text, seen: page };
  };
}

export default {
  stack: 'volume',
  files: ['examples/volume/stack.yml', 'test/e2e/volume.override.yml'],

  setup() {
    return { CONFIG_REPO: repository.start() };
  },

  teardown() {
    repository.stop();
  },

  async check(report) {
    await waitForComponents('volume', 'web', ['app', 'git-sync']);
    const logs = serviceLogs('volume', 'web');
    const initDone = logs.indexOf('Exited: init-1 Status: 0');
    const appStarting = logs.indexOf('Starting component: app');
    check(initDone >= 0 && initDone < appStarting, 'the controller should log init-1 exiting with 0 before it starts the app');
    const published = logs.split('\n').find((line) => line.includes('init-1: configuration at '));
    report('controller log order', `"Exited: init-1 Status: 0" before "Starting component: app"; init-1 logged "${published?.trim()}"`);

    await waitFor('nginx to serve version 1 from the repository', pageSays('version 1\n'));
    report('GET :8080/', '"version 1" (the repository\'s nginx/conf.d/default.conf)');

    const task = runningTask();
    const app = componentContainer('volume', 'web', 'app');
    const volume = volumeMountedAt(app.id, '/etc/nginx/conf.d');
    check(volume === `web-config-${task}`, `the app's /etc/nginx/conf.d should be volume web-config-${task}, is ${volume}`);
    report('the app\'s /etc/nginx/conf.d', `volume ${volume} (named after task ${task})`);

    repository.commit(2);
    await waitFor('the new commit to reach nginx (git-sync fetches every 30s)', pageSays('version 2\n'), { timeoutMs: 90_000, intervalMs: 2000 });
    const syncLogs = serviceLogs('volume', 'web');
    const signalled = syncLogs.split('\n').find((line) => line.includes("sent SIGHUP to 'nginx'"));
    check(signalled, 'git-sync should log that it sent SIGHUP to nginx');
    report('after committing "version 2"', `GET :8080/ says "version 2"; git-sync logged "${signalled.trim()}"`);

    docker(['service', 'update', '--force', '--detach', 'volume_web']);
    const replacement = await waitFor('a replacement task', () => {
      const now = runningTask();
      return { ok: now && now !== task, seen: now };
    });
    await waitFor('the replacement pod to serve the repository', pageSays('version 2\n'), { timeoutMs: 90_000 });
    const volumes = docker(['volume', 'ls', '--format', '{{.Name}}']).split('\n');
    for (const name of [`web-config-${replacement}`, `web-config-repo-${replacement}`, `web-config-${task}`]) {
      check(volumes.includes(name), `volume ${name} should exist; volumes: ${volumes.join(', ')}`);
    }
    report('after docker service update --force', `task ${replacement} has its own web-config-${replacement} and web-config-repo-${replacement}, cloned afresh; the old task's volumes are left behind, as the README says`);
  },
};
