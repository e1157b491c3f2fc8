import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitService } from '../../src/expand/split-service.js';

describe('splitService', () => {
  const { controller, app } = splitService({
    image: 'acme/api:1',
    command: 'serve',
    entrypoint: ['/init'],
    environment: { A: '1' },
    volumes: ['data:/data'],
    healthcheck: { test: ['CMD', 'true'] },
    user: 'app',
    working_dir: '/srv',
    cap_add: ['NET_ADMIN'],
    ports: ['80:80'],
    networks: ['front'],
    configs: ['cfg'],
    secrets: ['sec'],
    stop_grace_period: '5s',
    logging: { driver: 'json-file' },
    hostname: 'api',
    dns: '8.8.8.8',
    extra_hosts: ['db:10.0.0.1'],
    deploy: { replicas: 2, labels: { 'podlike.templates': 'http', keep: 'y' } },
    labels: ['podlike.templates=http', 'podlike.http.port=5000', 'team=a'],
    'x-podlike': { templates: ['http'] },
  });

  it('puts container-level keys on the app', () => {
    assert.deepEqual(app, {
      image: 'acme/api:1',
      command: 'serve',
      entrypoint: ['/init'],
      environment: { A: '1' },
      volumes: ['data:/data'],
      healthcheck: { test: ['CMD', 'true'] },
      user: 'app',
      working_dir: '/srv',
      cap_add: ['NET_ADMIN'],
      labels: { team: 'a' },
    });
  });

  it('puts Swarm-level keys on the controller', () => {
    assert.deepEqual(controller, {
      ports: ['80:80'],
      networks: ['front'],
      configs: ['cfg'],
      secrets: ['sec'],
      stop_grace_period: '5s',
      logging: { driver: 'json-file' },
      hostname: 'api',
      dns: '8.8.8.8',
      extra_hosts: ['db:10.0.0.1'],
      deploy: { replicas: 2, labels: { keep: 'y' } },
    });
  });

  it('drops x-podlike and every podlike.* label', () => {
    assert.ok(!('x-podlike' in controller) && !('x-podlike' in app));
    assert.ok(JSON.stringify({ controller, app }).indexOf('podlike.') < 0);
  });

  it('leaves out labels and deploy.labels that held only podlike.* labels', () => {
    const split = splitService({ image: 'i', deploy: { labels: { 'podlike.templates': 'x' } }, labels: { 'podlike.a.b': '1' } });
    assert.deepEqual(split, { controller: {}, app: { image: 'i' } });
    const kept = splitService({ image: 'i', deploy: { replicas: 1, labels: ['podlike.templates=x'] } });
    assert.deepEqual(kept.controller, { deploy: { replicas: 1 } });
  });
});
