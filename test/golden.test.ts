import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compile } from '../src/compile.js';
import { formatDiagnostic } from '../src/diagnostics.js';
import { DOCKER_MISSING, dockerAvailable, dockerStackConfigProblem } from './helpers/docker.js';
import { TEST_DATA } from './helpers/paths.js';
import { podLabelProblems } from './helpers/pod-labels.js';

/**
 * Golden cases: test/golden/<case>/stack.yml (and stack.*.yml override files, merged in
 * name order) compile to the committed expected.yml, with the diagnostics in
 * expected.diagnostics.txt (none when absent). A case's templates/ folder is passed as -t.
 * UPDATE_GOLDEN=1 rewrites the expectations: review the diff before committing.
 */
const GOLDEN = join(TEST_DATA, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

function stackFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /^stack(\..+)?\.ya?ml$/.test(f))
    .sort((a, b) => (a === 'stack.yml' ? -1 : b === 'stack.yml' ? 1 : a.localeCompare(b)));
}

function expectFile(path: string, actual: string): void {
  if (update) writeFileSync(path, actual);
  else assert.equal(actual, existsSync(path) ? readFileSync(path, 'utf8') : '', `${path} differs from the compiled output`);
}

for (const name of readdirSync(GOLDEN).sort()) {
  const dir = join(GOLDEN, name);
  const templates = existsSync(join(dir, 'templates')) ? ['templates'] : [];
  const compileCase = () => compile(stackFiles(dir), { cwd: dir, templates, env: {} });

  describe(`golden: ${name}`, () => {
    const result = compileCase();
    const diagnostics = result.diagnostics.map(formatDiagnostic).join('\n');

    it('compiles to expected.yml with the expected diagnostics', () => {
      assert.ok(result.yaml !== undefined, `compile failed:\n${diagnostics}`);
      expectFile(join(dir, 'expected.yml'), result.yaml);
      const diagnosticsFile = join(dir, 'expected.diagnostics.txt');
      if (diagnostics !== '' || existsSync(diagnosticsFile)) expectFile(diagnosticsFile, diagnostics === '' ? '' : `${diagnostics}\n`);
    });

    it('gives every pod label in a form Podlike parses', () => {
      assert.deepEqual(podLabelProblems(result.yaml ?? ''), []);
    });

    it('compiles its own output to the same bytes, twice alike', () => {
      assert.equal(compileCase().yaml, result.yaml, 'not deterministic');
      const again = compile([{ path: 'expected.yml', text: result.yaml ?? '' }], { cwd: dir, env: {} });
      assert.equal(again.yaml, result.yaml);
    });

    it('passes docker stack config', (t) => {
      if (!dockerAvailable()) return t.skip(DOCKER_MISSING);
      assert.equal(dockerStackConfigProblem(result.yaml ?? '', dir), undefined);
    });
  });
}
