import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compile } from '../src/compile.js';
import { compileFixture, runFixture } from '../src/fixtures/fixtures.js';
import { DOCKER_MISSING, dockerAvailable, dockerStackConfigProblem } from './helpers/docker.js';
import { TEST_DATA } from './helpers/paths.js';
import { deployedProblems, readersMissing } from './readers/read-as-deployed.js';

/**
 * Golden cases: test/golden/<case>/ is a fixture (stack.yml, stack.*.yml overrides,
 * expected.yml, expected.diagnostics.txt; see src/fixtures), compiled with the case's own
 * templates/ folder as -t when it has one. UPDATE_GOLDEN=1 rewrites the expectations:
 * review the diff before committing.
 */
const GOLDEN = join(TEST_DATA, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

for (const name of readdirSync(GOLDEN).sort()) {
  const dir = join(GOLDEN, name);
  const templates = existsSync(join(dir, 'templates')) ? ['templates'] : [];

  describe(`golden: ${name}`, () => {
    const compiled = compileFixture(dir, templates);

    it('compiles to expected.yml with the expected diagnostics', () => {
      assert.notEqual(compiled.yaml, '', `compile failed:\n${compiled.diagnostics}`);
      const result = runFixture(dir, name, templates, update);
      assert.ok(result.passed, result.diff);
    });

    it('means to docker and to Podlike what it means to podlike-gen', (t) => {
      const missing = readersMissing();
      if (missing) return t.skip(missing);
      assert.deepEqual(deployedProblems(compiled.yaml, dir), []);
    });

    it('compiles its own output to the same bytes, twice alike', () => {
      assert.equal(compileFixture(dir, templates).yaml, compiled.yaml, 'not deterministic');
      const again = compile([{ path: 'expected.yml', text: compiled.yaml }], { cwd: dir, env: {} });
      assert.equal(again.yaml, compiled.yaml);
    });

    it('passes docker stack config', (t) => {
      if (!dockerAvailable()) return t.skip(DOCKER_MISSING);
      assert.equal(dockerStackConfigProblem(compiled.yaml, dir), undefined);
    });
  });
}
