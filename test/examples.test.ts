import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compile } from '../src/compile.js';
import { formatDiagnostic } from '../src/diagnostics.js';
import { DOCKER_MISSING, dockerAvailable, dockerStackConfigProblem } from './helpers/docker.js';
import { EXAMPLES } from './helpers/paths.js';
import { deployedProblems, readersMissing } from './readers/read-as-deployed.js';

/** Every examples/<case>/stack.yml compiles to its committed stack.out.yml, which deploys. */
for (const name of readdirSync(EXAMPLES).sort()) {
  const dir = join(EXAMPLES, name);
  if (!existsSync(join(dir, 'stack.yml'))) continue;

  describe(`example: ${name}`, () => {
    const result = compile(['stack.yml'], { cwd: dir, env: {} });

    it('compiles to the committed stack.out.yml', () => {
      assert.ok(result.yaml !== undefined, result.diagnostics.map(formatDiagnostic).join('\n'));
      assert.equal(result.yaml, readFileSync(join(dir, 'stack.out.yml'), 'utf8'), `run 'podlike-gen stack.yml > stack.out.yml' in examples/${name}`);
    });

    it('means to docker and to Podlike what it means to podlike-gen', (t) => {
      const missing = readersMissing();
      if (missing) return t.skip(missing);
      assert.deepEqual(deployedProblems(result.yaml ?? '', dir), []);
    });

    it('compiles its own output to the same bytes', () => {
      assert.equal(compile([{ path: 'stack.out.yml', text: result.yaml ?? '' }], { cwd: dir, env: {} }).yaml, result.yaml);
    });

    it('passes docker stack config', (t) => {
      if (!dockerAvailable()) return t.skip(DOCKER_MISSING);
      assert.equal(dockerStackConfigProblem(result.yaml ?? '', dir), undefined);
    });
  });
}
