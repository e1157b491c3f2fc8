/**
 * Issue 21: `npm run sea` makes one executable for pipelines without Node (scripts/sea/). Built
 * here into a temporary folder as `npm run sea` builds it, then run on every example with an
 * empty cache folder, as on a pipeline's first run, and again with its files unpacked.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT } from '../helpers/paths.js';
import { assertCompilesEveryExample } from './example-runs.js';

/** Official Node builds carry this fuse; a distribution's node linked to a shared libnode may not. */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const nodeHasFuse = readFileSync(process.execPath).includes(SEA_FUSE);

describe('the single executable (npm run sea)', { skip: nodeHasFuse ? false : `${process.execPath} has no single-executable fuse` }, () => {
  let work = '';
  let executable = '';
  let cache = '';

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'podlike-gen-sea-test-'));
    executable = join(work, 'podlike-gen');
    cache = join(work, 'cache');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'sea', 'build-sea.mjs'), executable], { cwd: ROOT, stdio: 'ignore' });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  const env = () => ({ PATH: process.env.PATH, HOME: work, XDG_CACHE_HOME: cache, NO_COLOR: '1' });

  it('prints the package version', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(execFileSync(executable, ['--version'], { env: env(), encoding: 'utf8' }).trim(), version);
  });

  it('unpacks its files once, into a folder of the cache only its user can write', () => {
    const [folder] = readdirSync(join(cache, 'podlike-gen'));
    assert.match(folder, /^sea-\d+\.\d+\.\d+.*-[0-9a-f]{16}$/);
    assert.equal(statSync(join(cache, 'podlike-gen')).mode & 0o077, 0);
  });

  it('compiles every example to its committed output', () => {
    assertCompilesEveryExample(executable, [], env());
  });

  it("compiles a stack in Podlike's own format and migrates it, as the repository's CLI does (the Podlike-format chunk)", () => {
    const stack = join('test', 'e2e', 'podlike-format', 'stack.yml');
    const compiled = spawnSync(executable, [stack], { cwd: ROOT, env: env(), encoding: 'utf8' });
    assert.equal(compiled.status, 0, compiled.stderr);
    assert.match(compiled.stdout, /pod\.component\.main: \|/);
    assert.equal(compiled.stdout, spawnSync(process.execPath, [join(ROOT, 'bin', 'podlike-gen.js'), stack], { cwd: ROOT, encoding: 'utf8' }).stdout);
    const migrated = spawnSync(executable, ['migrate', stack, '-o', join(work, 'migrated')], { cwd: ROOT, env: env(), encoding: 'utf8' });
    assert.equal(migrated.status, 0, migrated.stderr);
    assert.match(readFileSync(join(work, 'migrated', 'stack.yml'), 'utf8'), /merge: podlike/);
  });

  it('reports a bad stack as the CLI does: position, exit code 1', () => {
    const run = spawnSync(executable, ['-'], { env: env(), input: 'services:\n  web: [\n', encoding: 'utf8' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^<stdin>:\d+:\d+: error: /m);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });
});
