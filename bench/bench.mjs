// npm run bench: whole-process compile times and peak memory, medians of several runs.
// Speed is measured here, never asserted in tests.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateStack } from './generate-stack.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'podlike-gen.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const work = mkdtempSync(join(tmpdir(), 'podlike-gen-bench-'));
cpSync(join(ROOT, 'bench', 'templates'), join(work, 'templates'), { recursive: true });

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Whole-process runs of node scripts, RUNS rounds of every one in turn: a noisy stretch of the
 * machine then slows one run of each rather than every run of one. Each gets median wall ms and
 * median peak RSS MB.
 */
const timed = [];
function timedRun(args, cwd) {
  const entry = { args, cwd, times: [], rss: [] };
  timed.push(entry);
  return entry;
}

function runOnce({ args, cwd, times, rss }) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', join(ROOT, 'bench', 'report-rss.mjs'), ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed:\n${run.stderr}`);
  rss.push(Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024);
}

const ms = (entry) => median(entry.times);
const rssMb = (entry) => median(entry.rss);

/** In-process compiles (bench/warm-compile.mjs): median ms of the runs after V8 has optimised the hot code. */
const WARM_RUNS = 12;
const WARMED_UP = 6;
function measureWarm(input, output, cwd) {
  const run = spawnSync(process.execPath, [join(ROOT, 'bench', 'warm-compile.mjs'), input, output, String(WARM_RUNS)], { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`warm compile of ${input} failed:\n${run.stderr}`);
  return median(JSON.parse(run.stdout).slice(WARMED_UP));
}

// A whole process that loads the CLI and compiles nothing.
const startup = timedRun([BIN, '--version'], work);

// Each size's compile is listed before its floors, which read the output it writes.
const sizes = SIZES.map((pods) => {
  const input = join(work, `stack-${pods}.yml`);
  const output = join(work, `stack-${pods}.out.yml`);
  writeFileSync(input, generateStack(pods));
  return {
    pods,
    input,
    output,
    compile: timedRun([BIN, '-o', output, input], work),
    floor: timedRun([join(ROOT, 'bench', 'floor.mjs'), input, output], work),
    ioFloor: timedRun([join(ROOT, 'bench', 'io-floor.mjs'), input, output, join(work, `io-${pods}.out.yml`)], work),
  };
});
const examples = join(ROOT, 'examples');
const exampleRuns = readdirSync(examples)
  .sort()
  .filter((name) => existsSync(join(examples, name, 'stack.yml')))
  .map((name) => ({ name, compile: timedRun([BIN, '-o', join(work, `${name}.out.yml`), 'stack.yml'], join(examples, name)) }));

for (let round = 0; round < RUNS; round++) for (const entry of timed) runOnce(entry);

const rows = [];
for (const { pods, input, output, compile, floor, ioFloor } of sizes) {
  const wall = ms(compile);
  rows.push({ case: `${pods} pods`, ms: wall, perPod: wall / pods, rssMb: rssMb(compile), floorMs: ms(floor), xFloor: wall / ms(floor), ioMs: ms(ioFloor), warmMs: measureWarm(input, output, work) });
}
for (const { name, compile } of exampleRuns) {
  rows.push({ case: `example ${name}`, ms: ms(compile), perPod: NaN, rssMb: rssMb(compile), floorMs: NaN, xFloor: NaN, ioMs: NaN, warmMs: NaN });
}

const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
console.log(`podlike-gen bench: median of ${RUNS} whole-process runs (in rounds: each case once a round), node ${process.version}`);
console.log('floor: parse the input and write the output with the yaml package; read+write: read the input with js-yaml and write the output text, compiling nothing');
console.log(`warm: one compile in a process that has already run it ${WARMED_UP} times (median of ${WARM_RUNS - WARMED_UP}); start: \`podlike-gen --version\` as a whole process, ${fmt(ms(startup))} ms`);
console.log('| case | wall ms | ms/pod | peak RSS MB | floor ms | × floor | read+write ms | warm ms | start + warm ms |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.case} | ${fmt(r.ms)} | ${fmt(r.perPod, 3)} | ${fmt(r.rssMb)} | ${fmt(r.floorMs)} | ${fmt(r.xFloor, 2)} | ${fmt(r.ioMs)} | ${fmt(r.warmMs)} | ${fmt(ms(startup) + r.warmMs)} |`);

// Issue 6's goals, checked against this run. The Go figures are Podlike's own template command
// on the same kind of stack and machine, as the issue gives them.
const GO_MS = { 100: 70, 1000: 600, 5000: 3500 };
const byPods = new Map(rows.filter((r) => Number.isFinite(r.perPod)).map((r) => [Number.parseInt(r.case, 10), r]));
const goals = [];
const at1000 = byPods.get(1000);
const at5000 = byPods.get(5000);
if (at1000) goals.push([`1000 pods within 4× the floor`, at1000.xFloor <= 4, `${fmt(at1000.xFloor, 2)}×`]);
if (at1000 && at5000) goals.push(['5000 pods linear: ms/pod within 20 % of 1000 pods', at5000.perPod <= at1000.perPod * 1.2, `${fmt(at5000.perPod, 3)} vs ${fmt(at1000.perPod, 3)} ms/pod`]);
if (at5000) goals.push(['5000 pods under 250 MB peak RSS', at5000.rssMb < 250, `${fmt(at5000.rssMb)} MB`]);
for (const r of rows.filter((row) => row.case.startsWith('example '))) goals.push([`${r.case} under 150 ms`, r.ms < 150, `${fmt(r.ms)} ms`]);
for (const pods of [1000, 5000]) {
  const r = byPods.get(pods);
  if (r) goals.push([`${pods} pods at least 3× faster than Go (${GO_MS[pods]} ms)`, r.ms * 3 <= GO_MS[pods], `${fmt(GO_MS[pods] / r.ms, 2)}× faster; goal ${fmt(GO_MS[pods] / 3)} ms; start + warm compile ${fmt(ms(startup) + r.warmMs)} ms, read+write alone ${fmt(r.ioMs)} ms`]);
}
console.log('\n| goal | met | measured |\n|---|---|---|');
for (const [goal, met, measured] of goals) console.log(`| ${goal} | ${met ? 'yes' : 'no'} | ${measured} |`);
