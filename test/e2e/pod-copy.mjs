// pod.copy on a real Swarm (no example uses it): a config and a secret mounted on a pod service
// reach the controller through Swarm, and Podlike copies them into the app before it starts.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, run } from './process.mjs';
import { componentContainer, waitForComponents } from './stacks.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

const COPIED = [
  { what: 'config settings', file: 'pod-copy/settings.conf', target: '/etc/settings.conf' },
  { what: 'secret token', file: 'pod-copy/token.txt', target: '/etc/token' },
];

export default {
  stack: 'podcopy',
  files: ['test/e2e/pod-copy/stack.yml'],

  async check(report) {
    await waitForComponents('podcopy', 'holder', ['app']);
    const app = componentContainer('podcopy', 'holder', 'app');
    for (const { what, file, target } of COPIED) {
      const expected = readFileSync(join(HERE, file), 'utf8');
      const seen = run('docker', ['exec', app.id, 'cat', target]).stdout;
      check(seen === expected, `${what}: the app's ${target} should hold ${JSON.stringify(expected)}, holds ${JSON.stringify(seen)}`);
      report(`${what} in the app at ${target}`, JSON.stringify(seen.trim()));
    }
  },
};
