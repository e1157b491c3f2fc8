import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rebaseOutputPaths } from '../../src/expand/rebase-paths.js';
import type { JsonObject } from '../../src/model/compose-lists.js';

const STACK: JsonObject = {
  version: '3.8',
  services: {
    web: {
      image: 'nginx',
      volumes: ['./html:/usr/share/nginx/html:ro', 'data:/data', '~/cache:/cache', '/srv:/srv', { type: 'bind', source: 'conf', target: '/conf' }],
      env_file: ['web.env', '/etc/common.env'],
    },
    api: { image: 'api', env_file: './api.env' },
    plain: { image: 'alpine' },
  },
  configs: { c: { file: './c.conf' }, ext: { external: true }, abs: { file: '/etc/x.conf' } },
  secrets: { s: { file: 's.txt' } },
  volumes: { data: { driver_opts: { device: './not-a-stack-path' } } },
};

describe('rebaseOutputPaths', () => {
  it('leaves the stack as it is when the output is read from the stack\'s folder', () => {
    assert.equal(rebaseOutputPaths(STACK, '/repo/deploy', '/repo/deploy/'), STACK);
  });

  it('makes bind mounts, env_file and configs/secrets files relative to the output\'s folder', () => {
    const moved = rebaseOutputPaths(STACK, '/repo/deploy', '/repo/deploy/build');
    assert.deepEqual(moved.services, {
      web: {
        image: 'nginx',
        volumes: ['../html:/usr/share/nginx/html:ro', 'data:/data', '~/cache:/cache', '/srv:/srv', { type: 'bind', source: '../conf', target: '/conf' }],
        env_file: ['../web.env', '/etc/common.env'],
      },
      api: { image: 'api', env_file: '../api.env' },
      plain: { image: 'alpine' },
    });
    assert.deepEqual(moved.configs, { c: { file: '../c.conf' }, ext: { external: true }, abs: { file: '/etc/x.conf' } });
    assert.deepEqual(moved.secrets, { s: { file: '../s.txt' } });
    assert.equal(moved.volumes, STACK.volumes, 'a volume driver option is the driver\'s, not docker\'s to resolve');
  });

  it('never changes the model it was given (it shares objects with the loaded files)', () => {
    const before = JSON.stringify(STACK);
    rebaseOutputPaths(STACK, '/repo/deploy', '/elsewhere');
    assert.equal(JSON.stringify(STACK), before);
  });
});
