/**
 * Property tests over generated stacks: plain services next to pods built from random subsets
 * of the built-in templates, with default args or a few label / x-podlike args. Every such
 * stack is valid, so each compiles without errors, to the same bytes every time, to an output
 * that compiles to itself, keeps every plain service as written, holds only pod labels Podlike
 * parses, and (a few runs, where the docker CLI is installed) passes `docker stack config`.
 * Every output is read by docker and Podlike in one batch (test/readers): each pod's app ends
 * with the environment the author wrote, as docker interpolates it, and only the components
 * podlike-gen wrote.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { DOCKER_MISSING, dockerAvailable, dockerStackConfigProblem } from '../helpers/docker.js';
import { ROOT } from '../helpers/paths.js';
import { DeployedBatch, type PodsMeant } from '../readers/deployed-batch.js';
import { readersMissing } from '../readers/read-as-deployed.js';
import { argValue, assertProperty, compileText, describeDiagnostics, errorsOf, removeFolder, serviceName, shown, tempFolder, yamlTextOf } from './support.js';
import { propertyParams, propertyRuns } from '../helpers/property-params.js';

const RUNS = propertyRuns(60);
const DOCKER_RUNS = Number(process.env.DOCKER_RUNS ?? 10);
const params = propertyParams;

/** Every built-in template. */
const BUILT_IN = readdirSync(join(ROOT, 'templates'))
  .filter((f) => f.endsWith('.yml'))
  .map((f) => f.replace(/\.yml$/, ''))
  .sort();

/** Args a template cannot do without. */
const REQUIRED_ARGS: Record<string, Record<string, string>> = {
  signal: { process: 'nginx' },
  'config-reload': { repo: 'https://github.com/example/config.git' },
  // one of process, file, tcp_port or url; and a port other than 8080, where http tells the app to listen
  healthz: { tcp_port: '5432', port: '8081' },
};

/**
 * A few valid values per template, as label text. Args that shape a definition several pods
 * share (with-metrics' `interval` is also the scrape interval of the Prometheus `add_prometheus`
 * adds) are left out: two pods setting them differently is an error by design.
 */
const LABEL_ARGS: Record<string, Record<string, string[]>> = {
  http: { port: ['5000', '3000'], cache: ['false', 'true'], cache_valid: ['5m'], stale_on_error: ['no'], health_path: ['/health'] },
  'with-logging': { path: ['/var/log/x', '/logs'], flush: ['2'], tag: ['api'], pattern: ['*.json'], add_server: ['true'] },
  'with-sd': { tags: ['api,v1', 'web'], port: ['8080'], check_path: ['/status'], add_server: ['true'] },
  'with-tracing': { sampling: ['0.5', '1'], add_collector: ['true'], service_name: ['shop'] },
  'with-metrics': { port: ['9100'], app_port: ['5000'], add_prometheus: ['true'] },
  healthz: { process: ['postgres'], endpoint: ['/ready'], port: ['8081'] },
  signal: { signal: ['USR1', 'TERM'], interval: ['30'], watch: ['/etc/app'] },
  'config-reload': { branch: ['dev'], path: ['/etc/app'], interval: ['30'] },
};

/** Names the templates add to the stack themselves (servers, collectors): kept off the generated services. */
const ADDED_NAMES = new Set(['logging-server', 'consul-server', 'jaeger', 'prometheus', 'log-forwarder', 'otel-collector']);

const image = fc.constantFrom('alpine:3.20', 'nginx:1.27.5-alpine', 'example/api:1.0', 'registry.example.com:5000/team/app:2', 'redis@sha256:' + 'b'.repeat(64));
const envKey = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/);
/** Values docker's interpolation accepts as they are (no `$`), for the runs that go through `docker stack config`. */
const dockerSafeValue = fc.stringMatching(/^[A-Za-z0-9 ._:/,=-]{0,20}$/);

function environment(value: fc.Arbitrary<string>) {
  return fc.oneof(
    fc.dictionary(envKey, value, { maxKeys: 4, noNullPrototype: true }),
    fc.uniqueArray(fc.tuple(envKey, value), { maxLength: 4, selector: ([k]) => k }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`)),
  );
}

const ports = fc.uniqueArray(fc.integer({ min: 1024, max: 9999 }), { minLength: 1, maxLength: 2 }).map((list) => list.map((p) => `${p}:80`));

function plainService(value: fc.Arbitrary<string>) {
  return fc.record(
    {
      image,
      environment: environment(value),
      ports,
      deploy: fc.record({ replicas: fc.integer({ min: 0, max: 5 }) }),
      labels: fc.oneof(
        fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9.-]{0,12}$/), value, { maxKeys: 3, noNullPrototype: true }),
        fc.array(fc.stringMatching(/^[a-z][a-z0-9.-]{0,12}=[a-z0-9]{0,5}$/), { maxLength: 3 }),
      ),
    },
    { requiredKeys: ['image'] },
  );
}

type Marking = 'labels' | 'label-list' | 'deploy-labels' | 'x-podlike';

interface PodSpec {
  image: string;
  templates: string[];
  marking: Marking;
  /** template → arg → label text */
  args: Record<string, Record<string, string>>;
  environment?: Record<string, string> | string[];
  ports?: string[];
  replicas?: number;
}

function argsFor(templates: string[]): fc.Arbitrary<Record<string, Record<string, string>>> {
  return fc
    .tuple(
      ...templates.map((t) =>
        fc.subarray(Object.keys(LABEL_ARGS[t] ?? {}), { maxLength: 2 }).chain((names) =>
          fc.tuple(...names.map((n) => fc.constantFrom(...LABEL_ARGS[t][n]).map((v): [string, string] => [n, v]))),
        ),
      ),
    )
    .map((perTemplate) => Object.fromEntries(templates.map((t, i) => [t, { ...REQUIRED_ARGS[t], ...Object.fromEntries(perTemplate[i]) }])));
}

function podSpec(value: fc.Arbitrary<string>): fc.Arbitrary<PodSpec> {
  return fc.shuffledSubarray(BUILT_IN, { minLength: 1, maxLength: 4 }).chain((templates) =>
    fc.record(
      {
        image,
        templates: fc.constant(templates),
        marking: fc.constantFrom<Marking>('labels', 'label-list', 'deploy-labels', 'x-podlike'),
        args: argsFor(templates),
        environment: environment(value),
        ports,
        replicas: fc.integer({ min: 1, max: 3 }),
      },
      { requiredKeys: ['image', 'templates', 'marking', 'args'] },
    ),
  );
}

/** A number where the arg's schema says number/integer: typed args are written typed in x-podlike. */
function typed(text: string): unknown {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'no') return false;
  return text;
}

/** Args whose schema type is a list: a label's comma list, a list in x-podlike. */
const LIST_ARGS = new Set(['tags']);

function podService(spec: PodSpec): Record<string, unknown> {
  const service: Record<string, unknown> = { image: spec.image };
  if (spec.environment) service.environment = spec.environment;
  if (spec.ports) service.ports = spec.ports;
  const labelArgs = Object.entries(spec.args).flatMap(([t, args]) => Object.entries(args).map(([a, v]): [string, string] => [`podlike.${t}.${a}`, v]));
  const labels: Record<string, string> = { 'podlike.templates': spec.templates.join(', '), ...Object.fromEntries(labelArgs) };
  switch (spec.marking) {
    case 'labels':
      service.labels = labels;
      break;
    case 'label-list':
      service.labels = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
      break;
    case 'deploy-labels':
      service.deploy = { replicas: spec.replicas ?? 1, labels };
      break;
    case 'x-podlike':
      service['x-podlike'] = {
        templates: spec.templates,
        args: Object.fromEntries(Object.entries(spec.args).map(([t, args]) => [t, Object.fromEntries(Object.entries(args).map(([a, v]) => [a, LIST_ARGS.has(a) ? v.split(',') : typed(v)]))])),
      };
      break;
  }
  if (spec.replicas !== undefined && spec.marking !== 'deploy-labels') service.deploy = { replicas: spec.replicas };
  return service;
}

interface GeneratedStack {
  stack: Record<string, unknown>;
  plain: Record<string, Record<string, unknown>>;
  pods: string[];
}

function stackOf(value: fc.Arbitrary<string>, names: fc.Arbitrary<string> = serviceName): fc.Arbitrary<GeneratedStack> {
  return fc
    .record({
      plainCount: fc.integer({ min: 0, max: 4 }),
      podCount: fc.integer({ min: 1, max: 3 }),
      names: fc.uniqueArray(names.filter((n) => !ADDED_NAMES.has(n)), { minLength: 7, maxLength: 7 }),
      version: fc.constantFrom('3.8', '3.4', '3.7', '3.9'),
      defaults: fc.option(fc.shuffledSubarray(['with-logging', 'with-metrics'], { minLength: 1 }), { nil: undefined }),
    })
    .chain(({ plainCount, podCount, names, version, defaults }) =>
      fc.record({
        plain: fc.tuple(...Array.from({ length: plainCount }, () => plainService(value))),
        pods: fc.tuple(...Array.from({ length: podCount }, () => podSpec(value))),
      }).map(({ plain, pods }): GeneratedStack => {
        const services: Record<string, unknown> = {};
        const plainByName: Record<string, Record<string, unknown>> = {};
        // Plain services and pods interleaved, so pods sit between untouched services.
        const order = [...plain.map((_, i) => ({ kind: 'plain' as const, i })), ...pods.map((_, i) => ({ kind: 'pod' as const, i }))].sort((a, b) => (a.i - b.i) || (a.kind < b.kind ? -1 : 1));
        const podNames: string[] = [];
        order.forEach((entry, n) => {
          const name = names[n];
          if (entry.kind === 'plain') {
            services[name] = plain[entry.i];
            plainByName[name] = plain[entry.i];
          } else {
            services[name] = podService(pods[entry.i]);
            podNames.push(name);
          }
        });
        const stack: Record<string, unknown> = { version, services };
        if (defaults) stack['x-podlike'] = { defaults };
        // Plain JSON (fast-check may build null-prototype objects), so deepEqual compares values only.
        return JSON.parse(JSON.stringify({ stack, plain: plainByName, pods: podNames })) as GeneratedStack;
      }),
    );
}

const folder = tempFolder({});
after(() => removeFolder(folder));

/** The outputs of checkStack, read by docker and Podlike in the group's last test. */
let batch = new DeployedBatch();

/** What each pod's app holds: the service's environment (a KEY=VALUE list as the mapping it means). */
function appsMeant(generated: GeneratedStack): PodsMeant {
  const services = generated.stack.services as Record<string, { environment?: Record<string, string> | string[] }>;
  return Object.fromEntries(generated.pods.map((name) => [name, { app: { environment: environmentMap(services[name].environment) } }]));
}

function environmentMap(environment: Record<string, string> | string[] | undefined): Record<string, string> {
  if (!Array.isArray(environment)) return environment ?? {};
  return Object.fromEntries(environment.map((item) => [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)]));
}


/** Compiles a generated stack and checks the properties every output must have; returns the output. */
function checkStack(generated: GeneratedStack): string {
  const text = yamlTextOf(generated.stack);
  const first = compileText(text, folder);
  assert.deepEqual(errorsOf(first), [], `a valid stack failed to compile:\n${describeDiagnostics(first.diagnostics)}\n--- input\n${text}`);
  const yaml = first.yaml!;
  assert.ok(typeof yaml === 'string');

  // Deterministic: the same input gives the same bytes.
  assert.equal(compileText(text, folder).yaml, yaml, `not deterministic\n--- input\n${text}`);

  // Idempotent: the output has no pod markers left, so it compiles to itself.
  const again = compileText(yaml, folder, {}, 'out.yml');
  assert.deepEqual(errorsOf(again), [], `compiling the output failed:\n${describeDiagnostics(again.diagnostics)}\n--- output\n${yaml}`);
  assert.equal(again.yaml, yaml, `compiling the output changed it\n--- input\n${text}`);

  const out = parse(yaml) as { services: Record<string, Record<string, unknown>> } & Record<string, unknown>;
  assert.equal(out['x-podlike'], undefined, 'no stack x-podlike remains');
  const inputNames = Object.keys(generated.stack.services as object);
  assert.deepEqual(Object.keys(out.services).slice(0, inputNames.length), inputNames, 'the input services keep their order, first');

  // Plain services pass through untouched.
  for (const [name, service] of Object.entries(generated.plain)) {
    assert.deepEqual(out.services[name], service, `plain service ${shown(name)} changed\n--- input\n${text}\n--- output\n${yaml}`);
  }
  // Pods: a Podlike controller with only pod.* labels Podlike parses, and no podlike markers.
  for (const name of generated.pods) {
    const controller = out.services[name];
    assert.match(String(controller.image), /^rycus86\/podlike:/, `pod ${shown(name)} has a controller`);
    assert.equal(controller['x-podlike'], undefined);
    const labels = controller.labels as Record<string, string>;
    assert.ok(labels && !Array.isArray(labels) && 'pod.component.app' in labels, `pod ${shown(name)} has an app component`);
    const deployLabels = ((controller.deploy as Record<string, unknown> | undefined)?.labels ?? {}) as Record<string, unknown> | string[];
    const allKeys = [...Object.keys(labels), ...(Array.isArray(deployLabels) ? deployLabels.map((l) => l.split('=')[0]) : Object.keys(deployLabels))];
    assert.deepEqual(allKeys.filter((k) => k.startsWith('podlike.')), [], `pod ${shown(name)} keeps no podlike.* label`);
  }
  batch.add(`stack\n${text}`, yaml, appsMeant(generated), text);
  return yaml;
}

describe('generated stacks of plain services and pods', () => {
  it(`compile deterministically and idempotently, keep plain services, give parseable pod labels (${RUNS} runs)`, () => {
    assertProperty(fc.property(stackOf(argValue), (g) => void checkStack(g)), params(RUNS));
  });

  it(`pass \`docker stack config\` (${DOCKER_RUNS} runs)`, (t) => {
    if (!dockerAvailable()) {
      t.skip(DOCKER_MISSING);
      return;
    }
    assertProperty(
      fc.property(stackOf(dockerSafeValue, fc.stringMatching(/^[a-z][a-z0-9_-]{0,11}$/)), (g) => {
        const yaml = checkStack(g);
        const problem = dockerStackConfigProblem(yaml, folder);
        assert.equal(problem, undefined, `docker stack config refused the output:\n${problem}\n--- output\n${yaml}`);
      }),
      params(DOCKER_RUNS),
    );
  });

  it(`service names YAML 1.1 reads as other types stay names docker reads (\`docker stack config\`)`, (t) => {
    if (!dockerAvailable()) {
      t.skip(DOCKER_MISSING);
      return;
    }
    // Written in the input as quoted keys; the output must keep them strings for docker's YAML reader too.
    for (const name of ['no', 'on', 'yes', 'off', 'y', 'n', 'true', 'null', '123', '0440', '1e3', '0x1F', '1.5']) {
      const stack = { version: '3.8', services: { [name]: { image: 'alpine:3.20', labels: { 'podlike.templates': 'with-logging' } }, plain: { image: 'alpine:3.20' } } };
      const bare = { version: '3.8', services: { [name]: { image: 'alpine:3.20' } } };
      const inputProblem = dockerStackConfigProblem(stringify(bare, { defaultKeyType: 'QUOTE_DOUBLE', defaultStringType: 'QUOTE_DOUBLE' }), folder);
      if (inputProblem !== undefined) continue; // docker itself refuses the name: nothing to keep
      const yaml = checkStack({ stack, plain: { plain: { image: 'alpine:3.20' } }, pods: [name] });
      const problem = dockerStackConfigProblem(yaml, folder);
      assert.equal(problem, undefined, `service ${shown(name)}: docker stack config refused the output:\n${problem}\n--- output\n${yaml}`);
    }
  });

  it('every output above deploys, through docker and Podlike, to what the author wrote', (t) => {
    const missing = readersMissing();
    const cases = batch;
    batch = new DeployedBatch();
    if (missing) return t.skip(missing);
    assert.deepEqual(cases.problems(), [], `${cases.size} outputs`);
  });
});
