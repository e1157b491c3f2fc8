// The Docker engine and single-node Swarm the e2e deploys to. A running engine is used as it
// is; otherwise, as root with apt, Debian's docker.io is installed and a dockerd of our own is
// started with its data root in the cache folder (so built images survive between runs), and
// stopped again at the end. Where neither is possible the caller prints a visible skip.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docker, hasCommand, run, waitFor, withRetries } from './process.mjs';

/** Debian packages for the tools the e2e runs, by the command each provides. */
const TOOLS = { dockerd: 'docker.io', debootstrap: 'debootstrap', go: 'golang-go', git: 'git', chroot: 'coreutils' };

function engineAnswers() {
  return run('docker', ['info', '--format', '{{.ServerVersion}}'], { allowFail: true, timeoutMs: 20_000 }).status === 0;
}

function canInstall() {
  return process.getuid?.() === 0 && hasCommand('apt-get');
}

/** Installs the Debian packages of the missing tools; returns a reason to skip, or undefined. */
export async function ensureTools() {
  const missing = Object.keys(TOOLS).filter((command) => !hasCommand(command));
  if (missing.length === 0) return undefined;
  if (!canInstall()) return `missing ${missing.join(', ')} and not root with apt-get to install them`;
  const packages = [...new Set(missing.map((command) => TOOLS[command]))];
  console.log(`installing ${packages.join(' ')} (apt-get)`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  await withRetries('apt-get', 3, () => {
    run('apt-get', ['update', '-qq'], { env, timeoutMs: 300_000 });
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env, timeoutMs: 900_000 });
  });
  return undefined;
}

function startDockerd(cacheDir) {
  const log = join(cacheDir, 'dockerd.log');
  const pidFile = join(cacheDir, 'dockerd.pid');
  console.log(`starting dockerd (data root ${join(cacheDir, 'docker')}, log ${log})`);
  const out = openSync(log, 'a');
  const child = spawn('dockerd', [
    '--data-root', join(cacheDir, 'docker'),
    '--pidfile', pidFile,
    '-H', 'unix:///var/run/docker.sock',
  ], { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  return { pid: child.pid, log, exited: () => child.exitCode !== null || child.signalCode !== null };
}

function tail(file, lines) {
  return existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '';
}

/**
 * Makes sure an engine answers and is a Swarm manager. Returns { skip } when that cannot be
 * done here, else the state stopEngine() needs to undo exactly what was started.
 */
export async function startEngine(cacheDir) {
  const state = { dockerd: undefined, swarmCreated: false };
  if (!engineAnswers()) {
    if (!canInstall()) return { skip: 'no Docker engine running, and not root with apt-get to start one' };
    mkdirSync(cacheDir, { recursive: true });
    state.dockerd = startDockerd(cacheDir);
    try {
      await waitFor('dockerd to answer', () => ({ ok: !state.dockerd.exited() && engineAnswers(), seen: tail(state.dockerd.log, 1) }),
        { timeoutMs: 60_000, intervalMs: 1000 });
    } catch (error) {
      if (state.dockerd.exited()) {
        return { skip: `dockerd could not start here (no kernel support?):\n${tail(state.dockerd.log, 15)}` };
      }
      await stopEngine(state);
      throw error;
    }
  }
  if (docker(['info', '--format', '{{.Swarm.LocalNodeState}}']) !== 'active') {
    docker(['swarm', 'init', '--advertise-addr', '127.0.0.1']);
    state.swarmCreated = true;
  }
  console.log(`engine ${docker(['info', '--format', '{{.ServerVersion}} ({{.Driver}})'])}, Swarm manager`);
  return state;
}

/** Leaves the Swarm if it was created here and stops the dockerd started here, if any. */
export async function stopEngine(state) {
  if (state.swarmCreated || state.dockerd) {
    run('docker', ['swarm', 'leave', '--force'], { allowFail: true, timeoutMs: 60_000 });
  }
  if (!state.dockerd) return;
  console.log('stopping the dockerd started for the e2e');
  process.kill(state.dockerd.pid, 'SIGTERM');
  try {
    await waitFor('dockerd to stop', () => ({ ok: state.dockerd.exited() || !isAlive(state.dockerd.pid), seen: 'running' }),
      { timeoutMs: 30_000, intervalMs: 500 });
  } catch {
    process.kill(state.dockerd.pid, 'SIGKILL');
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
