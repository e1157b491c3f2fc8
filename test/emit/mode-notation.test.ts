/**
 * A pod's config and secret modes keep the notation their author wrote (`0400`, `0o440`,
 * `256`), and docker reads the output's modes as it reads the input's.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DOCKER_MISSING, dockerAvailable, dockerStackConfigValue } from '../helpers/docker.js';
import { runCli } from '../helpers/run-cli.js';
import { workspace } from '../helpers/workspace.js';

const STACK = `services:
  api:
    image: acme/api:1.4
    labels:
      podlike.templates: http
    configs:
      - source: conf
        target: /etc/a.conf
        mode: 0440
    secrets:
      - source: key
        target: /etc/key
        mode: 0400
      - source: key
        target: /etc/key2
        mode: 0o600
      - source: key
        target: /etc/key3
        mode: 256
configs:
  conf: { file: ./a.conf }
secrets:
  key: { file: ./key }
`;

/** The `mode:` lines of a text, in order. */
function modeLines(text: string): string[] {
  return text.split('\n').filter((line) => /^\s+mode: /.test(line)).map((line) => line.trim());
}

/** The modes of the api service's configs and secrets as a reader gives them. */
function modesOf(stack: unknown): unknown[] {
  const api = (stack as { services: { api: { configs: { mode?: number }[]; secrets: { mode?: number }[] } } }).services.api;
  return [...api.configs, ...api.secrets].map((item) => item.mode);
}

describe('mode notation of a pod\'s configs and secrets', () => {
  const dir = workspace({ 'stack.yml': STACK, 'a.conf': 'x\n', key: 'k\n' });
  const run = runCli(['stack.yml'], { cwd: dir });

  it('keeps each mode as written (was mode: 256 and 288 for 0400 and 0440)', () => {
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(modeLines(run.stdout), ['mode: 0440', 'mode: 0400', 'mode: 0o600', 'mode: 256']);
  });

  it('means to docker what the input means', { skip: dockerAvailable() ? false : DOCKER_MISSING }, () => {
    writeFileSync(`${dir}/out.yml`, run.stdout);
    assert.deepEqual(modesOf(dockerStackConfigValue(['out.yml'], dir)), modesOf(dockerStackConfigValue(['stack.yml'], dir)));
    assert.deepEqual(modesOf(dockerStackConfigValue(['out.yml'], dir)), [288, 256, 384, 256]);
  });
});
