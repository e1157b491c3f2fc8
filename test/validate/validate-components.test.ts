import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../src/model/pod.js';
import { labelComponent } from '../../src/emit/label-text.js';
import { componentProblems, validatePod } from '../../src/validate/validate-components.js';

describe('componentProblems', () => {
  it('accepts a component Podlike reads', () => {
    assert.deepEqual(
      componentProblems({
        image: 'x',
        command: ['serve'],
        environment: ['A=1', 'B'],
        stop_grace_period: '10s',
        healthcheck: { interval: '1m30s', retries: 3, test: ['CMD', 'true'] },
        cpus: 0.5,
        mem_reservation: 67108864,
        depends_on: { app: { condition: 'service_healthy' } },
      }),
      [],
    );
  });

  it('refuses mem_reservation written as "64m"', () => {
    assert.deepEqual(componentProblems({ image: 'x', mem_reservation: '64m' }), ['mem_reservation: must be a whole number']);
  });

  it('refuses ports on a component', () => {
    assert.deepEqual(componentProblems({ image: 'x', ports: ['80:80'] }), ['unknown key "ports"']);
  });

  it('names an unknown key', () => {
    assert.deepEqual(componentProblems({ image: 'x', frobnicate: 1 }), ['unknown key "frobnicate"']);
  });

  it('requires an image', () => {
    assert.deepEqual(componentProblems({ command: 'x' }), ['missing required key "image"']);
  });

  it('refuses a non-string environment value', () => {
    assert.ok(componentProblems({ image: 'x', environment: { A: 1 } }).includes('environment.A: must be a string'));
  });

  it('refuses a bool written as a string and a bad duration', () => {
    assert.deepEqual(componentProblems({ image: 'x', privileged: 'yes' }), ['privileged: must be true or false']);
    assert.equal(componentProblems({ image: 'x', stop_grace_period: '10 seconds' }).length, 1);
  });
});

describe('validatePod', () => {
  it('checks each component as its label holds it, naming service and component', () => {
    const components = { app: { image: 'x', environment: { A: 1 } }, proxy: { image: 'nginx', ports: ['80:80'] } };
    const init = [{ command: 'x' }];
    const controller = { image: 'rycus86/podlike:latest', volumes: ['/var/run/docker.sock:/var/run/docker.sock:ro'] };
    const pod = { service: 'api', controller, labeled: { components: { app: labelComponent(components.app), proxy: labelComponent(components.proxy) }, init: init.map(labelComponent) } } as unknown as Pod;
    const at = { file: 'stack.yml', line: 3, col: 3 };
    const ds = validatePod(pod, () => at);
    assert.deepEqual(
      ds.map((d) => d.message),
      ['service "api", component "proxy": unknown key "ports"', 'service "api", component "init[0]": missing required key "image"'],
    );
    assert.deepEqual(ds[0].position, at);
  });
});
