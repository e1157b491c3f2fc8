/**
 * Podlike's controller as an offline reader (issue 17). The Go sources in test/readers/podlike/
 * are dropped into Podlike master's own source tree (../shared/podlike/, beside the repository)
 * and built there with its vendored modules, so that a stack is read by Podlike's own types,
 * flag set, config builders, copy parser and volume rules, not by a copy of them. The binary is
 * cached under the system temp folder, keyed by the tarball, these sources and `go version`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from '../helpers/paths.js';

const TARBALL = join(ROOT, '..', 'shared', 'podlike', 'podlike-master-5e39469.tar.gz');
const SOURCES = join(ROOT, 'test', 'readers', 'podlike');
const CACHE = process.env.PODLIKE_READER_CACHE ?? join(tmpdir(), 'podlike-gen-cache', 'podlike-reader');
const BINARY = 'podlike-gen-reader';

export const GO_MISSING = 'go (golang-go) or ../shared/podlike not found: skipping the checks that read the output as Podlike does';

/** A mount as Podlike gives it to the engine: `volume` for any source not starting with `/`. */
export interface PodlikeMount {
  type: string;
  source: string;
  target: string;
  readOnly: boolean;
}

/** What Podlike creates one component with (the checker's componentView). */
export interface PodlikeComponent {
  image: string;
  entrypoint: string[] | null;
  command: string[] | null;
  workingDir?: string;
  user?: string;
  stopSignal?: string;
  environment: Record<string, string>;
  envFiles?: string[];
  labels: Record<string, string>;
  privileged: boolean;
  readOnly: boolean;
  mounts: PodlikeMount[];
  healthcheck?: { test: string[]; interval?: string; timeout?: string; startPeriod?: string; retries?: number };
  dependsOn?: { name: string; healthy: boolean }[];
  [other: string]: unknown;
}

/** One controller service as Podlike reads it; problems are what it refuses or misreads. */
export interface PodlikePod {
  /** service: every field docker printed for the controller service. */
  controller: { image: string; args: string[]; service: Record<string, unknown>; SharePids: boolean; ShareIpc: boolean; ShareVolumes: boolean; StreamLogs: boolean; AlwaysPull: boolean };
  components: Record<string, PodlikeComponent | null>;
  init: (PodlikeComponent | null)[] | null;
  copies: Record<string, { source: string; target: string }[]>;
  problems: string[];
}

let binary: string | null | undefined;

/** The checker binary, built once per cache key; null where go or Podlike's source is missing. */
export function podlikeReader(): string | null {
  binary ??= buildOrFind();
  return binary;
}

function buildOrFind(): string | null {
  const goVersion = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (goVersion.status !== 0 || !existsSync(TARBALL)) return null;
  const folder = join(CACHE, cacheKey(goVersion.stdout));
  const target = join(folder, BINARY);
  if (!existsSync(target)) build(folder, target);
  return target;
}

function cacheKey(goVersion: string): string {
  const hash = createHash('sha256').update(goVersion).update(readFileSync(TARBALL));
  for (const file of sourceFiles(SOURCES)) hash.update(relative(SOURCES, file)).update('\0').update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** Unpacks, drops the sources in, builds offline into a temp name, renames: safe when two test files build at once. */
function build(folder: string, target: string): void {
  mkdirSync(folder, { recursive: true });
  const work = mkdtempSync(join(folder, 'build-'));
  try {
    run('tar', ['xzf', TARBALL, '-C', work, '--strip-components=1'], work);
    cpSync(SOURCES, work, { recursive: true });
    const built = join(work, BINARY);
    run('go', ['build', '-o', built, './cmd/podlike-gen-reader'], work, {
      GOFLAGS: '-mod=vendor',
      GOPROXY: 'off',
      CGO_ENABLED: '0',
      GO111MODULE: 'on',
      GOCACHE: join(CACHE, 'go-build'),
    });
    renameSync(built, target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
}

/** A stack as `docker stack config` printed it, read by Podlike: its pods, and every service as docker printed it. */
export interface PodlikeReading {
  pods: Record<string, PodlikePod>;
  printed: Record<string, Record<string, unknown>>;
}

/** Reads a stack as `docker stack config` printed it; the pods by service name. */
export function readAsPodlike(interpolated: string): Record<string, PodlikePod> {
  return readPrinted(interpolated).pods;
}

/** The variables Podlike's controller reads from env files (variablesFromEnvFiles), names and values as bytes in latin1 text. */
export function podlikeEnvFileVariables(paths: readonly string[]): Record<string, string> {
  const reader = podlikeReader();
  if (!reader) throw new Error(GO_MISSING);
  const result = spawnSync(reader, ['env-file', ...paths], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the Podlike reader failed:\n${result.stderr}`);
  const hexed = JSON.parse(result.stdout) as Record<string, string>;
  const text = (hex: string) => Buffer.from(hex, 'hex').toString('latin1');
  return Object.fromEntries(Object.entries(hexed).map(([key, value]) => [text(key), text(value)]));
}

/** Reads a stack as `docker stack config` printed it (yaml.v2, as Podlike would). */
export function readPrinted(interpolated: string): PodlikeReading {
  const reader = podlikeReader();
  if (!reader) throw new Error(GO_MISSING);
  const result = spawnSync(reader, [], { input: interpolated, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`the Podlike reader failed:\n${result.stderr}`);
  const read = JSON.parse(result.stdout) as { services: Record<string, PodlikePod>; printed: PodlikeReading['printed'] };
  return { pods: read.services, printed: read.printed };
}
