/**
 * Podlike's own template processor (`podlike template`, cmd/template in Podlike's source) as the
 * anchor of the differential test: built offline from the shared master tarball with its
 * vendored modules, and cached with the unpacked source tree (whose test data, examples and
 * docs are the test's inputs) under the system temp folder, keyed by the tarball and `go version`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';

const TARBALL = join(ROOT, '..', 'shared', 'podlike', 'podlike-master-5e39469.tar.gz');
const CACHE = process.env.PODLIKE_TEMPLATE_CACHE ?? join(tmpdir(), 'podlike-gen-cache', 'podlike-template');

export const TOOL_MISSING = 'go (golang-go) or ../shared/podlike not found: skipping the comparison with `podlike template`';

export interface PodlikeTool {
  /** The unpacked Podlike source tree. */
  source: string;
  binary: string;
}

let tool: PodlikeTool | null | undefined;

/** The built tool and its source tree, or null where go or the tarball is missing. */
export function podlikeTemplateTool(): PodlikeTool | null {
  tool ??= buildOrFind();
  return tool;
}

function buildOrFind(): PodlikeTool | null {
  const goVersion = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (goVersion.status !== 0 || !existsSync(TARBALL)) return null;
  const key = createHash('sha256').update(goVersion.stdout).update(readFileSync(TARBALL)).digest('hex').slice(0, 16);
  const folder = join(CACHE, key);
  const found = { source: join(folder, 'podlike'), binary: join(folder, 'podlike', 'podlike-template') };
  if (!existsSync(found.binary)) build(folder, found.source);
  return found;
}

/** Unpacks and builds in a temp folder, then renames it into place: safe when two test files build at once. */
function build(folder: string, target: string): void {
  mkdirSync(folder, { recursive: true });
  const work = mkdtempSync(join(folder, 'build-'));
  try {
    run('tar', ['xzf', TARBALL, '-C', work, '--strip-components=1'], work);
    run('go', ['build', '-o', join(work, 'podlike-template'), './cmd/template'], work, {
      GOFLAGS: '-mod=vendor',
      GOPROXY: 'off',
      CGO_ENABLED: '0',
      GO111MODULE: 'on',
      GOCACHE: join(CACHE, 'go-build'),
    });
    if (!existsSync(target)) renameSync(work, target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
}

/** `podlike template FILE` run in the file's folder: its output, or its panic. */
export function podlikeTemplate(binary: string, file: string, cwd: string): { output: string; problem?: undefined } | { output?: undefined; problem: string } {
  const result = spawnSync(binary, [file], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, maxBuffer: 1 << 26 });
  if (result.status === 0) return { output: result.stdout };
  return { problem: (result.stderr.split('\n').find((line) => line.startsWith('panic:')) ?? result.stderr.trim()).slice(0, 300) };
}
