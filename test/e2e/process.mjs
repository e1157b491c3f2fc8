// Small helpers the end-to-end test is written with: run a command with a time limit, poll
// until something a user would see is there (never a sleep as an assertion), fetch a page.
// Kept apart so each step of the e2e reads as what it does, not how it waits.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

/** Runs a command to completion, bounded by timeoutMs; returns its status and output. */
export function run(command, args, { input, timeoutMs = 120_000, env, cwd, allowFail = false } = {}) {
  const result = spawnSync(command, args, {
    input,
    cwd,
    env: env ? { ...process.env, ...env } : process.env,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
  });
  const status = result.error ? -1 : result.status;
  const out = { status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: result.error };
  if (status !== 0 && !allowFail) {
    const why = result.error ? result.error.message : `exit ${status}`;
    throw new Error(`${command} ${args.join(' ')} failed (${why})\n${out.stderr.trim() || out.stdout.trim()}`);
  }
  return out;
}

/** `docker ...`, returning its standard output (trimmed); throws with docker's message on failure. */
export function docker(args, options = {}) {
  return run('docker', args, options).stdout.trim();
}

/** Whether a command is on PATH. */
export function hasCommand(name) {
  return run('sh', ['-c', `command -v ${name}`], { allowFail: true }).status === 0;
}

/**
 * Runs a long command (image builds) bounded by timeoutMs, its output appended to logFile.
 * Resolves when it exits 0; otherwise rejects with the end of that log.
 */
export function runLogged(command, args, { timeoutMs, env, cwd, logFile }) {
  return new Promise((resolve, reject) => {
    const log = openSync(logFile, 'a');
    const child = spawn(command, args, {
      cwd,
      env: env ? { ...process.env, ...env } : process.env,
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const why = signal ? `killed: ${signal}, limit ${timeoutMs / 1000}s` : `exit ${code}`;
      const end = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
      reject(new Error(`${command} ${args.join(' ')} failed (${why}); end of ${logFile}:\n${end}`));
    });
  });
}

/** Runs the async tasks, at most `limit` at a time; rejects with the first failure once all ended. */
export async function inParallel(tasks, limit) {
  const queue = [...tasks];
  const failures = [];
  const worker = async () => {
    while (queue.length > 0) await queue.shift()().catch((error) => failures.push(error));
  };
  await Promise.all(Array.from({ length: limit }, worker));
  if (failures.length > 0) throw failures[0];
}

/**
 * Polls probe() every intervalMs until it returns { ok: true, seen }, for at most timeoutMs.
 * Returns what was seen; on timeout throws, naming what was awaited and the last thing seen.
 */
export async function waitFor(what, probe, { timeoutMs = 60_000, intervalMs = 1000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last.ok) return last.seen;
    } catch (error) {
      last = { seen: `error: ${error.message}` };
    }
    if (Date.now() > deadline) {
      const seen = typeof last.seen === 'string' ? last.seen : JSON.stringify(last.seen);
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}; last seen: ${seen.slice(0, 2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** GET url (5s limit): { status, cache, body } or { error } when nothing answered. */
export async function httpGet(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    const body = await response.text();
    return { status: response.status, cache: response.headers.get('x-cache-status'), body };
  } catch (error) {
    return { error: error.cause?.code ?? error.message };
  }
}

/** Throws with message unless condition holds. */
export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/**
 * Runs a step that depends on the network (apt-get, debootstrap) up to `attempts` times,
 * each under its own time limit, saying so before each retry; throws the last failure.
 */
export async function withRetries(what, attempts, step) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= attempts) throw error;
      console.log(`${what} failed (attempt ${attempt} of ${attempts}), retrying in 10s: ${error.message.split('\n')[0]}`);
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
  }
}
