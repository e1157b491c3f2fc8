/**
 * `npm run fuzz`: many more fuzz cases than npm test runs, in worker threads with a watchdog so
 * a hang is caught (and its worker replaced) instead of stopping the run.
 *
 *   FUZZ_CASES   number of cases (default 5000)
 *   FUZZ_SEED    seed of the first case; case i uses FUZZ_SEED + i (default 1)
 *   FUZZ_INPUT   only this input (e.g. examples/sidecar/stack.yml); with FUZZ_CASES=1 and a
 *                case's seed, reruns exactly that case
 *   FUZZ_MUTATORS only these mutations, comma-separated (e.g. handlebars); default: every
 *                mutation of the input's kind (a template's draw handlebars a third of the time)
 *   FUZZ_WORKERS worker threads (default: CPUs, at most 4)
 *
 * Prints cases, ok, error diagnostics, crashes (with input, seed and mutation), the slowest
 * case; exits 1 on any crash, hang or other broken result.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ROOT } from '../helpers/paths.js';
import { FAILURE_KINDS, reproduction, SLOW_MS, type Outcome } from './fuzz-case.js';
import { allFuzzInputs, TEMPLATE_MUTATOR_NAMES } from './mutators.js';

const CASES = Number(process.env.FUZZ_CASES ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const WORKERS = Math.max(1, Number(process.env.FUZZ_WORKERS ?? Math.min(4, availableParallelism())));
/** A worker silent this long is hung: terminated and replaced, the case recorded as a hang. */
const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 30_000);

const all = allFuzzInputs(ROOT);
const only = process.env.FUZZ_INPUT;
const indices = all.map((_, i) => i).filter((i) => !only || all[i].name === only);
if (indices.length === 0) {
  console.error(`no fuzz input named ${only}; inputs: ${all.map((i) => i.name).join(', ')}`);
  process.exit(2);
}

interface Job {
  input: number;
  seed: number;
}
const mutators = process.env.FUZZ_MUTATORS?.split(',').map((m) => m.trim());
const unknown = mutators?.filter((m) => !TEMPLATE_MUTATOR_NAMES.includes(m)) ?? [];
if (unknown.length > 0) {
  console.error(`no mutation named ${unknown.join(', ')}; mutations: ${TEMPLATE_MUTATOR_NAMES.join(', ')}`);
  process.exit(2);
}

const jobs: Job[] = Array.from({ length: CASES }, (_, i) => ({ input: indices[i % indices.length], seed: SEED + i }));

const outcomes: Outcome[] = [];
const started = performance.now();
let next = 0;
let lastReport = 0;

function progress(): void {
  const now = performance.now();
  if (now - lastReport < 5000) return;
  lastReport = now;
  process.stderr.write(`  ${outcomes.length}/${CASES} cases, ${Math.round((now - started) / 1000)} s\n`);
}

function runWorker(): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./fuzz-worker.js', import.meta.url));
    let current: Job | undefined;
    let timer: NodeJS.Timeout | undefined;
    let sentAt = 0;

    const send = () => {
      if (next >= jobs.length) {
        void worker.terminate().then(() => resolve());
        return;
      }
      current = jobs[next++];
      sentAt = performance.now();
      worker.postMessage({ ...current, mutators });
      timer = setTimeout(() => {
        const job = current!;
        outcomes.push({ kind: 'slow', input: all[job.input].name, seed: job.seed, mutation: '(see the seed)', ms: performance.now() - sentAt, detail: `no answer after ${HANG_MS} ms: a hang` });
        current = undefined;
        void worker.terminate();
        // Carry on with a fresh worker.
        void runWorker().then(resolve);
      }, HANG_MS);
    };

    worker.on('message', (outcome: Outcome) => {
      clearTimeout(timer);
      outcomes.push(outcome);
      current = undefined;
      progress();
      send();
    });
    worker.on('error', (e) => {
      clearTimeout(timer);
      if (current) outcomes.push({ kind: 'crash', input: all[current.input].name, seed: current.seed, mutation: '(see the seed)', ms: performance.now() - sentAt, detail: `the worker died: ${e.stack ?? e.message}` });
      current = undefined;
      void runWorker().then(resolve);
    });
    send();
  });
}

await Promise.all(Array.from({ length: Math.min(WORKERS, jobs.length) }, () => runWorker()));

// A case slow in a busy worker is timed again alone, in one worker under the same watchdog (in
// this thread a case that hangs would stop the run): only a case slow on its own counts.
const slowAt = [...outcomes.entries()].filter(([, o]) => o.kind === 'slow' && !o.detail?.includes('a hang')).map(([i]) => i);
jobs.splice(0, jobs.length, ...slowAt.map((i) => ({ input: all.findIndex((candidate) => candidate.name === outcomes[i].input), seed: outcomes[i].seed })));
next = 0;
const timedAlone = outcomes.length;
if (jobs.length > 0) await runWorker();
const again = outcomes.splice(timedAlone);
let slowUnderLoad = 0;
for (const [k, i] of slowAt.entries()) {
  if (again[k] && again[k].kind !== 'slow') {
    slowUnderLoad++;
    outcomes[i] = again[k];
  }
}

const seconds = (performance.now() - started) / 1000;
const count = (kind: string) => outcomes.filter((o) => o.kind === kind).length;
const failures = outcomes.filter((o) => FAILURE_KINDS.includes(o.kind)).sort((a, b) => a.seed - b.seed);
const slowest = outcomes.reduce<Outcome | undefined>((s, o) => (!s || o.ms > s.ms ? o : s), undefined);
const byMutation = new Map<string, number>();
for (const o of outcomes) for (const m of o.mutation.split('; ')) byMutation.set(m.split(':')[0], (byMutation.get(m.split(':')[0]) ?? 0) + 1);

console.log(`fuzz: ${outcomes.length} cases over ${indices.length} inputs, seeds ${SEED}..${SEED + CASES - 1}, ${WORKERS} workers, ${seconds.toFixed(1)} s`);
console.log(`  ok (output, no errors):   ${count('ok')}`);
console.log(`  error diagnostics:        ${count('errors')}`);
console.log(`  crashes (exceptions):     ${count('crash')}`);
console.log(`  slow (> ${SLOW_MS / 1000} s) or hung:   ${count('slow')}${slowUnderLoad ? ` (and ${slowUnderLoad} slow only in a busy worker, under ${SLOW_MS / 1000} s alone)` : ''}`);
console.log(`  broken results:           ${count('bad-result')}`);
console.log(`  outputs not idempotent:   ${count('not-idempotent')}`);
console.log(`  mutations applied:        ${[...byMutation.entries()].map(([k, v]) => `${k} ${v}`).join(', ')}`);
if (slowest) console.log(`  slowest case: ${Math.round(slowest.ms)} ms, ${reproduction(slowest, mutators)}`);

/** Failures grouped by kind, first line of the error and the compiler's own frame it came from, with the first case of each. */
const groups = new Map<string, Outcome[]>();
for (const f of failures) {
  const lines = (f.detail ?? '').split('\n');
  const frame = lines.find((l) => l.includes('/src/'))?.trim().replace(/^at /, '').replace(/\(?file:\/\/\S*\/(src\/[^:]+):\d+:\d+\)?/, '$1') ?? '';
  const firstMutation = f.mutation.split('; ').map((m) => m.split(':')[0]);
  const headline = f.kind === 'not-idempotent' ? (firstMutation.includes('crOnly') ? 'after crOnly (CR-only line ends), alone or with others' : `after ${firstMutation.join('+')}`) : lines[0].slice(0, 120);
  const key = `${f.kind.toUpperCase()}: ${headline}${frame ? ` [${frame}]` : ''}`;
  groups.set(key, [...(groups.get(key) ?? []), f]);
}
const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
if (sorted.length > 0) console.log(`\n${failures.length} failures in ${sorted.length} groups:`);
for (const [key, list] of sorted.slice(0, 40)) {
  const first = list[0];
  console.log(`\n${list.length} x ${key}\n  e.g. ${reproduction(first, mutators)}\n  ${(first.detail ?? '').split('\n').slice(0, 4).join('\n  ').slice(0, 600)}`);
}
if (sorted.length > 40) console.log(`\n... and ${sorted.length - 40} more groups`);
process.exit(failures.length > 0 ? 1 : 0);
