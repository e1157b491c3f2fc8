import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES } from '../helpers/paths.js';

/** The examples with a committed output: what an installed podlike-gen must reproduce byte for byte. */
export function examplesWithOutput(): string[] {
  return readdirSync(EXAMPLES)
    .sort()
    .filter((name) => existsSync(join(EXAMPLES, name, 'stack.yml')) && existsSync(join(EXAMPLES, name, 'stack.out.yml')));
}

/** Runs an installed podlike-gen (`command` and its first arguments) on each example, as a user would from its folder. */
export function assertCompilesEveryExample(command: string, leading: readonly string[], env: NodeJS.ProcessEnv): void {
  for (const name of examplesWithOutput()) {
    const dir = join(EXAMPLES, name);
    const run = spawnSync(command, [...leading, 'stack.yml'], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(run.status, 0, `${name}: ${run.stderr}`);
    assert.equal(run.stdout, readFileSync(join(dir, 'stack.out.yml'), 'utf8'), `${name}: output differs from stack.out.yml`);
  }
}
