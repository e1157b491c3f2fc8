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
 * `docker stack config -c FILE -c FILE ...` in `cwd` (`-` reads `input`): the stack docker would
 * deploy from these files, merged, relative paths resolved and variables filled in, as YAML
 * text; its error output when it refuses them.
 */
export function dockerStackConfig(files: readonly string[], cwd: string, input?: string): { yaml?: string; problem?: string } {
  const args = ['stack', 'config', ...files.flatMap((file) => ['-c', file])];
  const result = spawnSync('docker', args, { cwd, input, encoding: 'utf8', env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent' } });
  return result.status === 0 ? { yaml: result.stdout } : { problem: `${result.stderr}${result.stdout}`.trim() || `exit ${result.status}` };
}

/** dockerStackConfig read as data; throws with docker's words when it refuses the files. */
export function dockerStackConfigValue(files: readonly string[], cwd: string, input?: string): unknown {
  const { yaml, problem } = dockerStackConfig(files, cwd, input);
  if (yaml === undefined) throw new Error(`docker stack config ${files.join(' ')}: ${problem}`);
  return parse(yaml);
}
