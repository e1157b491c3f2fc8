/** A worker thread of fuzz-run.ts: runs the cases it is sent, one at a time, and posts each outcome. */
import { parentPort } from 'node:worker_threads';
import { ROOT } from '../helpers/paths.js';
import { runFuzzCase } from './fuzz-case.js';
import { allFuzzInputs } from './mutators.js';

// Deep enough to reach the compiler's own frame under the yaml package's.
Error.stackTraceLimit = 60;

const inputs = allFuzzInputs(ROOT);

parentPort!.on('message', (job: { input: number; seed: number; mutators?: string[] }) => {
  parentPort!.postMessage(runFuzzCase(inputs[job.input], job.seed, { idempotence: true, mutators: job.mutators }));
});
