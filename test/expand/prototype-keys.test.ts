import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { runCli } from '../helpers/run-cli.js';
import { workspace } from '../helpers/workspace.js';

/**
 * `__proto__`, `constructor` and `prototype` are ordinary names in a compose file: a service,
 * a label, an environment variable, a network, a template's component may be called so, and
 * each lands in the output as written. Only an arg cannot (ajv checks args by property name),
 * and says so. Before: a service named `__proto__` got "services.image must be a mapping",
 * and `x-podlike.args.<template>.__proto__` was dropped without a word.
 */
const NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

const template = `name: side\ndescription: d\nargs:\n  type: object\n  properties:\n    port: { type: integer, default: 80 }\ncomponents: |\n${NAMES.filter((n) => /^[a-z]/i.test(n))
  .map((n) => `  ${n}:\n    image: alpine\n    labels:\n      ${n}: "{{args.port}}"\n`)
  .join('')}`;

function stackWith(name: string): string {
  return `services:
  ${name}:
    image: nginx
    labels:
      ${name}: a label
      podlike.templates: side
    deploy:
      labels:
        - ${name}=deploy label
    environment:
      ${name}: an env var
    extra_hosts:
      ${name}: 10.0.0.1
    networks:
      ${name}:
        aliases: [x]
    x-podlike:
      args:
        side: { port: 81 }
  plain-${name.replace(/_/g, 'x')}:
    image: nginx
    environment:
      ${name}: plain
networks:
  ${name}: {}
volumes:
  ${name}: {}
`;
}

describe('__proto__, constructor and prototype as names', () => {
  for (const name of NAMES) {
    it(`"${name}" as a service, label, environment, network, volume and component name compiles as written`, () => {
      const run = runCli(['-t', 'tpl', 'stack.yml'], { cwd: workspace({ 'stack.yml': stackWith(name), 'tpl/side.yml': template }) });
      assert.equal(run.status, 0, run.stderr);
      const out = parse(run.stdout) as Record<string, Record<string, Record<string, unknown>>>;
      assert.ok(Object.hasOwn(out.services, name), 'the service is in the output');
      const service = out.services[name] as { labels: Record<string, string>; deploy: { labels: Record<string, string> }; networks: Record<string, unknown>; extra_hosts: Record<string, string> };
      assert.equal(Object.getPrototypeOf(out.services), Object.prototype);
      assert.deepEqual(Object.keys(service.networks), [name]);
      assert.deepEqual(service.extra_hosts, Object.fromEntries([[name, '10.0.0.1']]));
      assert.equal(Object.getOwnPropertyDescriptor(service.deploy.labels, name)?.value, 'deploy label');
      const app = parse(service.labels['pod.component.app']) as { labels: object; environment: object };
      assert.equal(Object.getOwnPropertyDescriptor(app.labels, name)?.value, 'a label');
      assert.equal(Object.getOwnPropertyDescriptor(app.environment, name)?.value, 'an env var');
      for (const component of ['constructor', 'prototype', 'toString', 'hasOwnProperty']) {
        const text = service.labels[`pod.component.${component}`];
        assert.ok(text, `component ${component}`);
        assert.equal(Object.getOwnPropertyDescriptor((parse(text) as { labels: object }).labels, component)?.value, '81');
      }
      assert.deepEqual(Object.keys(out.networks), [name]);
      assert.deepEqual(Object.keys(out.volumes), [name]);
    });
  }

  it('an arg named __proto__ in x-podlike.args is an error, not dropped', () => {
    const stack = 'services:\n  app:\n    image: nginx\n    labels:\n      podlike.templates: side\n    x-podlike:\n      args:\n        side:\n          __proto__: { port: 1 }\n';
    const run = runCli(['-t', 'tpl', 'stack.yml'], { cwd: workspace({ 'stack.yml': stack, 'tpl/side.yml': template }) });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'stack.yml:9:11: error: services.app.x-podlike.args.side: "__proto__" is not a valid arg name: it names a JavaScript object\'s prototype\n');
  });

  it('args for a template named __proto__ are an error, not dropped', () => {
    const stack = 'services:\n  app:\n    image: nginx\n    labels:\n      podlike.templates: side\n    x-podlike:\n      args:\n        __proto__: { port: 1 }\n';
    const run = runCli(['-t', 'tpl', 'stack.yml'], { cwd: workspace({ 'stack.yml': stack, 'tpl/side.yml': template }) });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'stack.yml:8:20: error: service "app": x-podlike.args has args for template "__proto__", which this pod does not apply\n');
  });

  it("a template's arg named constructor is refused where it is declared (its default was checked on Object's constructor)", () => {
    const named = 'name: ctor\ndescription: d\nargs:\n  type: object\n  properties:\n    constructor: { type: integer, default: 80 }\n';
    const stack = 'services:\n  app:\n    image: nginx\n    labels:\n      podlike.templates: ctor\n';
    const run = runCli(['-t', 'tpl', 'stack.yml'], { cwd: workspace({ 'stack.yml': stack, 'tpl/ctor.yml': named }) });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'tpl/ctor.yml:6:5: error: invalid args schema: arg "constructor" cannot be named so: the name reaches a JavaScript object\'s prototype; rename it\n');
  });
});
