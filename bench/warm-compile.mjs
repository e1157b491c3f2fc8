// The CLI's compile run again and again in one process, as bin/podlike-gen.js runs it (the
// bundle, with its code cache): once V8 has optimised the hot code, a compile's time is what
// the work itself costs. A whole process cannot go under its own start plus this time.
// Prints each run's ms as JSON.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { loadWithCodeCache } = createRequire(import.meta.url)(join(ROOT, 'dist', 'src', 'code-cache.cjs'));
const { main } = loadWithCodeCache(join(ROOT, 'dist', 'src', 'cli.bundle.cjs')).exports;

const [input, output, runs] = process.argv.slice(2);
const times = [];
for (let i = 0; i < Number(runs); i++) {
  const started = performance.now();
  if (main(['-q', '-o', output, input]) !== 0) throw new Error(`compiling ${input} failed`);
  times.push(performance.now() - started);
}
console.log(JSON.stringify(times));
