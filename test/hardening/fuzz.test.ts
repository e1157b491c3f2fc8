/**
 * Fuzzing with almost-right inputs: every example and golden stack, mutated (mutators.ts), is
 * compiled in-process. Each case ends in a result (output, no error) or in error diagnostics
 * that point at a file; never in an exception, never in a run longer than a few seconds, and a
 * result compiles to itself. A few mutated files also go through the real CLI: exit 0 or 1,
 * never a stack trace. More cases: `npm run fuzz` (fuzz-run.ts).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { ROOT } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { FAILURE_KINDS, HANG_MS, mutatedText, reproduction, runFuzzCase, type Outcome } from './fuzz-case.js';
import { allFuzzInputs, MUTATOR_NAMES, TEMPLATE_MUTATOR_NAMES } from './mutators.js';
import { removeFolder } from './support.js';

const CASES = Number(process.env.FUZZ_TEST_CASES ?? 300);
const CLI_CASES = Number(process.env.FUZZ_CLI_CASES ?? 10);
const SEED = Number(process.env.FUZZ_SEED ?? 20250101);

const inputs = allFuzzInputs(ROOT);

describe('fuzz: mutated example and golden stacks, and mutated templates', () => {
  it('finds the inputs: stacks, and every built-in and golden template', () => {
    assert.ok(inputs.filter((i) => !i.template).length >= 40, `only ${inputs.length} inputs`);
    const templates = inputs.filter((i) => i.template).map((i) => i.name);
    for (const name of ['templates/http.yml', 'templates/with-tracing.yml', 'test/golden/requires/templates/otel-agent.yml', 'test/golden/x-podlike-stack/pod-templates/metrics.yml']) assert.ok(templates.includes(name), `${name} is not fuzzed`);
  });

  it(`${CASES} mutated inputs: a result or located error diagnostics, never an exception, none hanging`, () => {
    const counts: Record<string, number> = {};
    const failures: Outcome[] = [];
    for (let i = 0; i < CASES; i++) {
      const outcome = runFuzzCase(inputs[i % inputs.length], SEED + i, { idempotence: true, slowMs: HANG_MS });
      counts[outcome.kind] = (counts[outcome.kind] ?? 0) + 1;
      if (FAILURE_KINDS.includes(outcome.kind)) failures.push(outcome);
    }
    const report = failures.map((f) => `${f.kind}: ${reproduction(f)}\n${f.detail}`).join('\n\n');
    assert.deepEqual(failures, [], `${failures.length} of ${CASES} cases failed (${JSON.stringify(counts)}):\n${report}`);
    assert.ok((counts.errors ?? 0) > CASES / 4, `the mutations reach the error paths: ${JSON.stringify(counts)}`);
  });

  const everyKind = [
    { input: inputs.find((i) => i.name.includes('modernized'))!, names: MUTATOR_NAMES },
    { input: inputs.find((i) => i.name === 'templates/with-logging.yml')!, names: TEMPLATE_MUTATOR_NAMES },
  ];
  for (const { input, names } of everyKind) {
    it(`every mutation kind of ${input.name} is exercised and deterministic`, () => {
      for (const name of names) {
        for (let seed = 1; seed <= 3; seed++) {
          const a = mutatedText(input, seed, [name]);
          const b = mutatedText(input, seed, [name]);
          assert.equal(a.text, b.text, `${name} seed ${seed} is not deterministic`);
          assert.equal(a.description, b.description);
          assert.ok(a.description.startsWith(`${name}:`));
          const outcome = runFuzzCase(input, seed, { mutators: [name], idempotence: true, slowMs: HANG_MS });
          assert.ok(!FAILURE_KINDS.includes(outcome.kind), `${outcome.kind}: ${reproduction(outcome)}\n${outcome.detail}`);
        }
      }
    });
  }

  describe(`the CLI on ${CLI_CASES} mutated files`, () => {
    const work = mkdtempSync(join(tmpdir(), 'podlike-fuzz-cli-'));
    after(() => removeFolder(work));

    for (let n = 0; n < CLI_CASES; n++) {
      // Spread over the inputs, each case with its own seed.
      const input = inputs[(n * 7) % inputs.length];
      const seed = SEED + 100_000 + n;
      it(`${input.name} seed ${seed}: exit 0 or 1, no stack trace`, () => {
        const dir = join(work, String(n));
        cpSync(input.dir, dir, { recursive: true });
        const { text, description } = mutatedText(input, seed);
        // A mutated template goes into a folder of its own, searched first; a stack file in place of its original.
        const mutatedFolder = input.template ? ['fuzz-templates'] : [];
        if (input.template) mkdirSync(join(dir, 'fuzz-templates'));
        writeFileSync(input.template ? join(dir, 'fuzz-templates', `${input.template}.yml`) : join(dir, input.mutated), text);
        const templateArgs = [...mutatedFolder, ...input.templates].flatMap((t) => ['-t', t]);
        const run = runCli([...templateArgs, ...input.files], { cwd: dir });
        const where = `${input.name} seed ${seed} (${description})`;
        assert.ok(run.status === 0 || run.status === 1, `${where}: exit ${run.status}\n${run.stderr}`);
        assert.doesNotMatch(run.stderr, /^\s+at .+(:\d+:\d+\)?|native\)?)$/m, `${where}: a stack trace on stderr:\n${run.stderr}`);
        assert.doesNotMatch(run.stderr, /\b(TypeError|RangeError|ReferenceError|SyntaxError|Maximum call stack)\b/, `${where}: an internal error on stderr:\n${run.stderr}`);
        if (run.status === 0) assert.ok(run.stdout.length > 0, `${where}: exit 0 with no output`);
        else assert.match(run.stderr, /error:/, `${where}: exit 1 with no error message`);
      });
    }
  });
});
