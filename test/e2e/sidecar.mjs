// examples/sidecar on a real Swarm: what its README promises, seen from outside the pod. The
// app is the demo-site stand-in (images.mjs), which answers 500 while /tmp/fail exists.
import { check, docker, httpGet, run, waitFor } from './process.mjs';
import { componentContainer, waitForComponents } from './stacks.mjs';

const PAGE = 'http://127.0.0.1:8080/page/home';

export default {
  stack: 'sidecar',
  files: ['examples/sidecar/stack.yml', 'test/e2e/sidecar.override.yml'],

  async check(report) {
    await waitForComponents('sidecar', 'site', ['app', 'proxy']);

    const first = await waitFor('the page through the proxy', async () => {
      const page = await httpGet(PAGE);
      return { ok: page.status === 200, seen: page };
    });
    check(first.cache === 'MISS', `first request: expected X-Cache-Status MISS, saw ${first.cache}`);
    const second = await httpGet(PAGE);
    check(second.status === 200 && second.cache === 'HIT', `second request: expected 200 HIT, saw ${second.status} ${second.cache}`);
    check(second.body === first.body, 'the cached page differs from the one the app rendered');
    report('GET /page/home twice through the proxy on :8080', `200 ${first.cache}, then 200 ${second.cache} with the same page`);

    const app = componentContainer('sidecar', 'site', 'app');
    const served = (containerLogs(app.id).match(/"GET \/page\/home /g) ?? []).length;
    check(served === 1, `the app should have served /page/home once (the HIT came from the cache), its log shows ${served}`);
    report('the app\'s own log', `/page/home requested from the app ${served} time for the 2 requests`);

    docker(['exec', app.id, 'touch', '/tmp/fail']);
    const uncached = await httpGet('http://127.0.0.1:8080/page/never-cached');
    check(uncached.status === 500, `with the app failing, an uncached page should be its 500, saw ${uncached.status}`);
    const statuses = [];
    const stale = await waitFor('the cached page to be served STALE while the app answers 500', async () => {
      const page = await httpGet(PAGE);
      statuses.push(`${page.status} ${page.cache}`);
      return { ok: page.status === 200 && page.cache === 'STALE', seen: page };
    }, { timeoutMs: 30_000, intervalMs: 1000 });
    check(stale.body === first.body, 'the stale page differs from the cached one');
    report('app answering 500 (docker exec app touch /tmp/fail)',
      `uncached page: ${uncached.status}; /page/home, polled each second: ${[...new Set(statuses)].join(' -> ')}, the first page's body`);
  },
};

/** A container's output, both streams (the stand-in logs its requests to stderr). */
function containerLogs(id) {
  const logs = run('docker', ['logs', id]);
  return logs.stdout + logs.stderr;
}
