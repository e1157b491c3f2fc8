import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

let available: boolean | undefined;

/** Whether the docker CLI is installed (only the client is needed: `docker stack config` runs without an engine). */
export function dockerAvailable(): boolean {
  available ??= spawnSync('docker', ['--version'], { encoding: 'utf8' }).status === 0;
  return available;
}

export const DOCKER_MISSING = 'docker CLI not found: skipping the `docker stack config` check';

/**
 * Runs `docker stack config -c FILE`, the loader `docker stack deploy` uses; returns its
 * error output when it refuses the stack, or undefined when it accepts it.
 */
export function dockerStackConfigProblem(yaml: string, dir?: string): string | undefined {
  const folder = dir ?? mkdtempSync(join(tmpdir(), 'podlike-gen-docker-'));
  const file = join(folder, `.docker-check-${process.pid}.yml`);
  writeFileSync(file, yaml);
  try {
    const result = spawnSync('docker', ['stack', 'config', '-c', file], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent' } });
    return result.status === 0 ? undefined : `${result.stderr}${result.stdout}`.trim() || `exit ${result.status}`;
  } finally {
    rmSync(file, { force: true });
    if (!dir) rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The stack as `docker stack config` reads it (`-c` each of `files`, run in `cwd`; `-` reads
 * `input`): relative paths resolved, variables filled in. Throws with docker's words when it refuses.
 */
export function dockerStackConfig(files: readonly string[], cwd: string, input?: string): unknown {
  const args = ['stack', 'config', ...files.flatMap((file) => ['-c', file])];
  const result = spawnSync('docker', args, { cwd, input, encoding: 'utf8', env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent' } });
  if (result.status !== 0) throw new Error(`docker ${args.join(' ')}: ${result.stderr.trim()}`);
  return parse(result.stdout);
}
