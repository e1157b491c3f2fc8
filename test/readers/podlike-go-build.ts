/**
 * Builds a Go command of podlike-gen's test readers inside Podlike master's own source tree
 * (../shared/podlike/, beside the repository), with its vendored modules and offline, so that
 * the command uses Podlike's code rather than a copy of it. The sources folder mirrors the tree
 * (cmd/..., pkg/...) and is copied over it. The binary is cached under the system temp folder,
 * keyed by the tarball, these sources and `go version`; null where go or the source is missing.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from '../helpers/paths.js';

const TARBALL = join(ROOT, '..', 'shared', 'podlike', 'podlike-master-5e39469.tar.gz');

export interface PodlikeGoCommand {
  /** The folder copied over Podlike's tree. */
  sources: string;
  /** The package to build, relative to the tree: ./cmd/NAME. */
  command: string;
  binary: string;
  /** The cache folder; a temp folder by default. */
  cache: string;
}

export function defaultCache(name: string): string {
  return join(tmpdir(), 'podlike-gen-cache', name);
}

/** The command's binary, built once per cache key; null where go or Podlike's source is missing. */
export function buildInPodlikeTree(command: PodlikeGoCommand): string | null {
  const goVersion = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (goVersion.status !== 0 || !existsSync(TARBALL)) return null;
  const folder = join(command.cache, cacheKey(goVersion.stdout, command.sources));
  const target = join(folder, command.binary);
  if (!existsSync(target)) build(command, folder, target);
  return target;
}

function cacheKey(goVersion: string, sources: string): string {
  const hash = createHash('sha256').update(goVersion).update(readFileSync(TARBALL));
  for (const file of sourceFiles(sources)) hash.update(relative(sources, file)).update('\0').update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** Unpacks, drops the sources in, builds offline into a temp name, renames: safe when two test files build at once. */
function build(command: PodlikeGoCommand, folder: string, target: string): void {
  mkdirSync(folder, { recursive: true });
  const work = mkdtempSync(join(folder, 'build-'));
  try {
    run('tar', ['xzf', TARBALL, '-C', work, '--strip-components=1'], work);
    cpSync(command.sources, work, { recursive: true });
    const built = join(work, command.binary);
    run('go', ['build', '-o', built, command.command], work, {
      GOFLAGS: '-mod=vendor',
      GOPROXY: 'off',
      CGO_ENABLED: '0',
      GO111MODULE: 'on',
      GOCACHE: join(command.cache, 'go-build'),
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

/** Podlike's source tree unpacked once under the cache (its test data, examples, docs); null where the tarball is missing. */
export function unpackedPodlikeSource(cache = defaultCache('podlike-source')): string | null {
  if (!existsSync(TARBALL)) return null;
  const key = createHash('sha256').update(readFileSync(TARBALL)).digest('hex').slice(0, 16);
  const folder = join(cache, key);
  if (existsSync(folder)) return folder;
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, 'unpack-'));
  run('tar', ['xzf', TARBALL, '-C', work, '--strip-components=1'], work);
  try {
    renameSync(work, folder);
  } catch {
    rmSync(work, { recursive: true, force: true });
  }
  return folder;
}
