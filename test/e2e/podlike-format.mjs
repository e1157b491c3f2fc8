// A stack in Podlike's own template format on a real Swarm (issue 22): compiled by podlike-gen
// as it is, its pod starts and serves the app through the proxy; then `podlike-gen migrate`
// makes a podlike-gen stack of it, whose compiled pod is the same, and that pod starts and
// serves the same way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { check, httpGet, run, waitFor } from './process.mjs';
import { compile, deploy, printDiagnostics, remove, waitForComponents } from './stacks.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const STACK_FILE = 'test/e2e/podlike-format/stack.yml';
const MIGRATED = 'podlikemigrated';

/** The page through the proxy, once the pod's components have started. */
async function servedPage(stack) {
  await waitForComponents(stack, 'site', ['main', 'proxy']);
  return waitFor(`${stack}: the page through the proxy`, async () => {
    const page = await httpGet('http://127.0.0.1:8080/page/home');
    return { ok: page.status === 200 && page.body.includes('demo-site stand-in'), seen: page };
  });
}

/** The site service's pod labels, as data. */
function podOf(yaml) {
  const labels = parse(yaml).services.site.labels;
  return Object.fromEntries(Object.entries(labels).filter(([key]) => key.startsWith('pod.')).map(([key, value]) => [key, parse(value)]));
}

export default {
  stack: 'podlikeformat',
  files: [STACK_FILE],

  async check(report, yaml) {
    const page = await servedPage('podlikeformat');
    report('Podlike-format stack compiled as it is', `components main and proxy started; GET /page/home through the proxy: ${page.status}`);

    const out = mkdtempSync(join(tmpdir(), 'podlike-gen-e2e-migrate-'));
    try {
      run('node', [join(REPO, 'bin', 'podlike-gen.js'), 'migrate', STACK_FILE, '-o', out], { cwd: REPO });
      const migrated = compile(REPO, [join(out, 'stack.yml')]);
      check(JSON.stringify(podOf(migrated)) === JSON.stringify(podOf(yaml)), `the migrated stack's pod differs:\n${migrated}`);
      await remove('podlikeformat');
      deploy(REPO, MIGRATED, migrated);
      try {
        const again = await servedPage(MIGRATED);
        report('the stack podlike-gen migrate made of it', `the same pod labels; components main and proxy started; GET /page/home: ${again.status}`);
      } catch (error) {
        printDiagnostics(MIGRATED);
        throw error;
      } finally {
        await remove(MIGRATED);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  },
};
