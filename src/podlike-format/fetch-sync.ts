/**
 * Fetches an http(s) template while the compile runs synchronously: a child Node process
 * does the request and prints the body. Podlike takes only a 200 response.
 */
import { spawnSync } from 'node:child_process';

const FETCH_TIMEOUT_MS = 30_000;

const SCRIPT = `
fetch(process.argv[1], { signal: AbortSignal.timeout(${FETCH_TIMEOUT_MS}) })
  .then(async (response) => {
    if (response.status !== 200) { process.stderr.write('HTTP ' + response.status); process.exit(2); }
    process.stdout.write(await response.text());
  })
  .catch((e) => { process.stderr.write(String((e.cause && e.cause.message) || e.message)); process.exit(1); });
`;

/** The body of a 200 response, or why there is none. */
export function fetchTextSync(url: string, insecure: boolean): { text: string; problem?: undefined } | { text?: undefined; problem: string } {
  const env = insecure ? { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0', NODE_NO_WARNINGS: '1' } : process.env;
  const result = spawnSync(process.execPath, ['-e', SCRIPT, url], { encoding: 'utf8', env, timeout: FETCH_TIMEOUT_MS + 5000, maxBuffer: 1 << 26 });
  if (result.status === 0) return { text: result.stdout };
  return { problem: result.stderr.trim() || (result.error ? result.error.message : `exit ${result.status}`) };
}
