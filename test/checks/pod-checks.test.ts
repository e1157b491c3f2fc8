/**
 * The whole-pod checks (src/checks/) through compile(), on the built-in templates: what each
 * declaration makes the compile say, and what it must leave alone. The diagnostics' exact
 * text and position are in test/hardening/diagnostics-catalog.test.ts.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { compile } from '../../src/compile.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { ROOT } from '../helpers/paths.js';
import { workspace } from '../helpers/workspace.js';

/** The diagnostics (errors and warnings, not notes) of compiling `stack` (with templates in tpl/), one line each. */
function problems(stack: string, templates: Record<string, string> = {}, set: string[] = []): string[] {
  const files = Object.fromEntries(Object.entries(templates).map(([name, text]) => [`tpl/${name}.yml`, text]));
  const dir = workspace({ 'stack.yml': stack, 'tpl/.keep': '', ...files });
  return compile(join(dir, 'stack.yml'), { cwd: dir, env: {}, templates: [join(dir, 'tpl')], set })
    .diagnostics.filter((d) => d.severity !== 'note')
    .map((d) => formatDiagnostic(d).replace(/^.*?stack\.yml:\d+:\d+: /, ''));
}

/** A stack with one pod `api` applying `templates`, with `labels` (KEY: value lines) besides. */
function pod(templates: string, labels: Record<string, string> = {}, extra = ''): string {
  const lines = Object.entries(labels).map(([key, value]) => `      ${key}: "${value}"\n`).join('');
  return `services:\n  api:\n    image: acme/api:1.4\n${extra}    labels:\n      podlike.templates: ${templates}\n${lines}`;
}

/** Targets of the templates applied set to services outside the stack, so that only the check under test speaks. */
function away(templates: string): Record<string, string> {
  const targets: Record<string, string> = {
    'podlike.with-logging.server': 'logs.example.com:24224',
    'podlike.with-sd.server': 'consul.example.com',
    'podlike.with-tracing.collector': 'traces.example.com:4317',
  };
  return Object.fromEntries(Object.entries(targets).filter(([label]) => templates.split(' ').includes(label.split('.')[1])));
}

describe('built-in templates declare what the checks read', () => {
  const folder = join(ROOT, 'templates');
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.yml'))) {
    it(`${file} declares its listening ports, and its targets`, () => {
      const template = parse(readFileSync(join(folder, file), 'utf8')) as { listens?: unknown; targets?: Record<string, unknown>; args?: { properties?: Record<string, unknown> } };
      assert.ok(Array.isArray(template.listens), 'listens: (an empty list for a template that binds nothing)');
      // An arg that names where the pod sends to: a server or a collector.
      const targetArgs = Object.keys(template.args?.properties ?? {}).filter((arg) => arg === 'server' || arg === 'collector');
      assert.deepEqual(Object.keys(template.targets ?? {}), targetArgs);
    });
  }
});

describe('port clashes', () => {
  it('five templates at their defaults (targets moved away) share a pod without a clash', () => {
    assert.deepEqual(problems(pod('http with-sd with-tracing with-logging with-metrics', away('http with-sd with-tracing with-logging with-metrics'))), []);
  });

  it('a fixed port of one template and an arg of another: the arg is the one to change', () => {
    const found = problems(pod('with-tracing with-metrics', { ...away('with-tracing'), 'podlike.with-metrics.internal_port': '4317' }));
    assert.deepEqual(found, [
      'error: service "api": components "tracing" (template "with-tracing") and "metrics" (template "with-metrics" arg internal_port) both listen on port 4317, in one network namespace: set podlike.with-metrics.internal_port to a free port',
    ]);
  });

  it('a port declared `when` an arg is on clashes only while it is on', () => {
    const labels = { ...away('with-tracing'), 'podlike.with-metrics.port': '14268' };
    assert.equal(problems(pod('with-tracing with-metrics', labels)).length, 1);
    assert.deepEqual(problems(pod('with-tracing with-metrics', { ...labels, 'podlike.with-tracing.jaeger': 'false' })), []);
  });

  it('udp and tcp on one number do not clash', () => {
    // Consul's DNS is on 8600 tcp and udp; the metrics port on 8600 tcp clashes with the tcp one only.
    assert.equal(problems(pod('with-sd with-metrics', { ...away('with-sd'), 'podlike.with-metrics.port': '8600' })).length, 1);
  });

  it('two templates expecting the app on one port agree: one component, no clash', () => {
    assert.deepEqual(problems(pod('http healthz', { 'podlike.healthz.tcp_port': '8080', 'podlike.healthz.port': '8081' })), []);
  });

  it('a port of 0 is no port (with-metrics app_port at its default beside healthz tcp_port 0)', () => {
    assert.deepEqual(problems(pod('healthz with-metrics', { 'podlike.healthz.process': 'api' })), []);
  });
});

describe('default targets', () => {
  it('not when the stack has the service, when the arg that adds it is set, or when the arg is set', () => {
    const logging = 'logging-server:\n    image: fluent/fluent-bit:3.2.10\n';
    assert.deepEqual(problems(`${pod('with-logging')}  ${logging}`), []);
    assert.deepEqual(problems(pod('with-logging', { 'podlike.with-logging.add_server': 'true' })), []);
    assert.deepEqual(problems(pod('with-logging', { 'podlike.with-logging.server': 'elsewhere:24224' })), []);
  });

  it('once for every pod that leaves it at its default', () => {
    const stack = `${pod('with-sd')}  web:\n    image: acme/web:1\n    labels:\n      podlike.templates: with-sd\n`;
    assert.deepEqual(problems(stack), [
      'warning: service "api" (and 1 more pod), template "with-sd": arg server is "consul-server" (its default), but the stack has no service "consul-server": set podlike.with-sd.add_server: "true" to add one, or podlike.with-sd.server to the one to use',
    ]);
  });

  it('stack-wide x-podlike.args and --set count as set', () => {
    assert.deepEqual(problems(`x-podlike:\n  args:\n    with-sd: {server: consul.example.com}\n${pod('with-sd')}`), []);
    assert.deepEqual(problems(pod('with-sd'), {}, ['with-sd.server=consul.example.com']), []);
    assert.equal(problems(pod('with-sd'), {}, ['with-sd.port=8080']).length, 1);
  });
});

describe('mounts and dependencies', () => {
  it("the service's own mount of the template's very volume is no replacement", () => {
    assert.deepEqual(problems(pod('with-logging', away('with-logging'), '    volumes: ["api-logs:/var/log/app"]\n')), []);
  });

  it('depends_on in mapping form is read too', () => {
    const side = 'name: side\ndescription: a sidecar\ncomponents: |\n  side:\n    image: busybox:1.37.0\n    depends_on: {nope: {condition: service_started}}\n';
    const found = problems(pod('side'), { side });
    assert.ok(found.some((line) => line.includes('depends_on "nope", which is not a component of the pod')), found.join('\n'));
  });

  it('http and with-metrics: with-metrics extends the proxy, no component-name error', () => {
    assert.deepEqual(problems(pod('http with-metrics')), []);
  });
});
