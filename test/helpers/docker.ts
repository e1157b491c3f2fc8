import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

let path: string | null | undefined;
let available: boolean | undefined;

/** The docker CLI's path, so that it runs with an environment that has no PATH. */
function dockerPath(): string | null {
  path ??= spawnSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).stdout.trim() || null;
  return path;
}

/** Whether the docker CLI is installed (only the client is needed: `docker stack config` runs without an engine). */
export function dockerAvailable(): boolean {
  const docker = dockerPath();
  available ??= docker !== null && spawnSync(docker, ['--version'], { encoding: 'utf8' }).status === 0;
  return available;
}

export const DOCKER_MISSING = 'docker CLI not found: skipping the `docker stack config` check';

/** What `docker stack config` printed (the merged, interpolated stack), or why it refused. */
export type DockerReading = { output: string; problem?: undefined } | { output?: undefined; problem: string };

/**
 * Runs `docker stack config -c FILE`, the loader `docker stack deploy` uses, offline. With
 * `environment`, docker interpolates `${VAR}` from exactly those variables (and nothing of the
 * test's own environment); without it, from the test's environment. `options`: more flags
 * (`--skip-interpolation`).
 */
export function dockerReading(yaml: string, dir?: string, environment?: Record<string, string>, options: string[] = []): DockerReading {
  const folder = dir ?? mkdtempSync(join(tmpdir(), 'podlike-gen-docker-'));
  const file = join(folder, `.docker-check-${process.pid}-${Date.now()}.yml`);
  writeFileSync(file, yaml);
  try {
    return dockerStackConfigFiles([file], environment, options);
  } finally {
    rmSync(file, { force: true });
    if (!dir) rmSync(folder, { recursive: true, force: true });
  }
}

/** `docker stack config -c FILE -c FILE ...`: the files merged as `docker stack deploy` merges them. */
export function dockerStackConfigFiles(files: readonly string[], environment?: Record<string, string>, options: string[] = []): DockerReading {
  const env = { ...(environment ?? process.env), DOCKER_HOST: 'unix:///nonexistent' };
  const result = spawnSync(dockerPath() ?? 'docker', ['stack', 'config', ...options, ...files.flatMap((f) => ['-c', f])], { encoding: 'utf8', env, maxBuffer: 1 << 28 });
  if (result.status === 0) return { output: result.stdout };
  return { problem: `${result.stderr}${result.stdout}`.trim() || `exit ${result.status}` };
}

/** `docker stack config`'s error output when it refuses the stack, or undefined when it accepts it. */
export function dockerStackConfigProblem(yaml: string, dir?: string): string | undefined {
  return dockerReading(yaml, dir).problem;
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
