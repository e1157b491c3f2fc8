#!/usr/bin/env node
// `npm run e2e`: the examples deployed on a real single-node Swarm with the real Podlike
// controller, checked from outside the pods as their READMEs promise. It sets up what it
// needs (engine, Swarm, images: see engine.mjs and images.mjs), deploys each compiled stack,
// prints the diagnostics of a failed check, and tears down what it started. Rerunnable; the
// images stay cached in PODLIKE_E2E_CACHE (default /var/cache/podlike-gen-e2e) between runs.
// Where no engine can be had (not root, no apt, no kernel support) it prints SKIP and exits 0.
// PODLIKE_E2E_ONLY=sidecar,signal runs only the stacks named.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import acceptedOnly from './accepted-only.mjs';
import { ensureTools, startEngine, stopEngine } from './engine.mjs';
import { buildImages } from './images.mjs';
import { run } from './process.mjs';
import podCopy from './pod-copy.mjs';
import podlikeFormat from './podlike-format.mjs';
import sidecar from './sidecar.mjs';
import signal from './signal.mjs';
import { compile, deploy, printDiagnostics, remove } from './stacks.mjs';
import volume from './volume.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED = resolve(REPO, '..', 'shared');
const CACHE = process.env.PODLIKE_E2E_CACHE ?? '/var/cache/podlike-gen-e2e';

const CASES = [sidecar, signal, volume, podCopy, podlikeFormat, ...acceptedOnly];
/** PODLIKE_E2E_ONLY=sidecar,volume runs only those stacks (while working on one). */
const ONLY = process.env.PODLIKE_E2E_ONLY?.split(',');

function elapsed(since) {
  return `${Math.round((Date.now() - since) / 1000)}s`;
}

/** Deploys one case, runs its checks, prints diagnostics on failure and always removes it. */
async function runCase(testCase) {
  const started = Date.now();
  const seen = [];
  const report = (assertion, what) => {
    seen.push(`${assertion}: ${what}`);
    console.log(`  ok  ${assertion}: ${what}`);
  };
  console.log(`\n== ${testCase.stack}: podlike-gen ${testCase.files.join(' ')} | docker stack deploy`);
  try {
    const env = testCase.setup?.() ?? {};
    const yaml = compile(REPO, testCase.files);
    deploy(REPO, testCase.stack, yaml, env);
    await testCase.check(report, yaml);
    console.log(`== ${testCase.stack}: passed in ${elapsed(started)}`);
    return { stack: testCase.stack, ok: true, seen };
  } catch (error) {
    console.log(`  FAILED  ${error.message}`);
    printDiagnostics(testCase.stack);
    console.log(`== ${testCase.stack}: FAILED after ${elapsed(started)}`);
    return { stack: testCase.stack, ok: false, seen, error: error.message };
  } finally {
    await remove(testCase.stack);
    testCase.teardown?.();
  }
}

/** On Ctrl-C or SIGTERM: remove the stacks, then undo what startEngine() did, and exit. */
function tearDownOnInterrupt(engine) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.log(`\n${signal}: removing the stacks and stopping what the e2e started`);
      for (const testCase of CASES) run('docker', ['stack', 'rm', testCase.stack], { allowFail: true });
      for (const testCase of CASES) testCase.teardown?.();
      stopEngine(engine).finally(() => process.exit(130));
    });
  }
}

function skip(reason) {
  console.log(`\nSKIP e2e: ${reason}\n`);
  process.exit(0);
}

async function main() {
  const started = Date.now();
  const tarballs = join(SHARED, 'podlike');
  if (!existsSync(tarballs)) throw new Error(`Podlike's source is not at ${tarballs} (../shared/podlike/ from the repository root)`);
  const missingTools = await ensureTools();
  if (missingTools) skip(missingTools);
  const engine = await startEngine(CACHE);
  if (engine.skip) skip(engine.skip);
  tearDownOnInterrupt(engine);
  const results = [];
  try {
    await buildImages(CACHE, SHARED);
    console.log(`images ready after ${elapsed(started)}`);
    for (const testCase of CASES.filter((c) => !ONLY || ONLY.includes(c.stack))) results.push(await runCase(testCase));
  } finally {
    await stopEngine(engine);
  }
  console.log(`\n== e2e summary (${elapsed(started)})`);
  for (const result of results) {
    console.log(`${result.ok ? 'PASS' : 'FAIL'} ${result.stack}${result.error ? `: ${result.error.split('\n')[0]}` : ''}`);
  }
  if (results.some((result) => !result.ok)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`e2e: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
