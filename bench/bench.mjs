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
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const work = mkdtempSync(join(tmpdir(), 'podlike-gen-bench-'));
cpSync(join(ROOT, 'bench', 'templates'), join(work, 'templates'), { recursive: true });

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs a node script as a whole process RUNS times: median wall ms and median peak RSS MB. */
function measure(args, cwd) {
  const times = [];
  const rss = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['--import', join(ROOT, 'bench', 'report-rss.mjs'), ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (run.status !== 0) throw new Error(`${args.join(' ')} failed:\n${run.stderr}`);
    rss.push(Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024);
  }
  return { ms: median(times), rssMb: median(rss) };
}

const rows = [];
for (const pods of SIZES) {
  const input = join(work, `stack-${pods}.yml`);
  const output = join(work, `stack-${pods}.out.yml`);
  writeFileSync(input, generateStack(pods));
  const compileRun = measure([BIN, '-o', output, input], work);
  const floor = measure([join(ROOT, 'bench', 'floor.mjs'), input, output], work);
  rows.push({ case: `${pods} pods`, ms: compileRun.ms, perPod: compileRun.ms / pods, rssMb: compileRun.rssMb, floorMs: floor.ms, xFloor: compileRun.ms / floor.ms });
}
const examples = join(ROOT, 'examples');
for (const name of readdirSync(examples).sort()) {
  const dir = join(examples, name);
  if (!existsSync(join(dir, 'stack.yml'))) continue;
  const run = measure([BIN, '-o', join(work, `${name}.out.yml`), 'stack.yml'], dir);
  rows.push({ case: `example ${name}`, ms: run.ms, perPod: NaN, rssMb: run.rssMb, floorMs: NaN, xFloor: NaN });
}

const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
console.log(`podlike-gen bench: median of ${RUNS} whole-process runs, node ${process.version}`);
console.log('| case | wall ms | ms/pod | peak RSS MB | floor ms | × floor |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.case} | ${fmt(r.ms)} | ${fmt(r.perPod, 3)} | ${fmt(r.rssMb)} | ${fmt(r.floorMs)} | ${fmt(r.xFloor, 2)} |`);
