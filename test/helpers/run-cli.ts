import { spawnSync } from 'node:child_process';
import { BIN } from './paths.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A run still going after this long is hung: killed, so its test fails (status null) instead of hanging npm test. */
const HUNG_MS = 120_000;

/** Runs podlike-gen as a user would: a separate process, real files, exit code and streams. */
export function runCli(args: readonly string[], options: { cwd?: string; input?: string; env?: Record<string, string>; timeoutMs?: number } = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    timeout: options.timeoutMs ?? HUNG_MS,
    killSignal: 'SIGKILL',
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', PODLIKE_TEMPLATES: '', ...options.env } as NodeJS.ProcessEnv,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
