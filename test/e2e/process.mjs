// Small helpers the end-to-end test is written with: run a command with a time limit, poll
// until something a user would see is there (never a sleep as an assertion), fetch a page.
// Kept apart so each step of the e2e reads as what it does, not how it waits.
import { spawn, spawnSync } from 'node:child_process';

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
 * Runs a long command (image builds), its output passed through to ours, bounded by timeoutMs.
 * Resolves when it exits 0; rejects otherwise.
 */
export function runStreaming(command, args, { timeoutMs, env, cwd, stdin } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: env ? { ...process.env, ...env } : process.env,
      stdio: [stdin ?? 'ignore', 'inherit', 'inherit'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ? `killed: ${signal}, limit ${timeoutMs / 1000}s` : `exit ${code}`})`));
    });
  });
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
