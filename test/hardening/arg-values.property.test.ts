/**
 * Property tests: a value from args or from the service never changes the YAML structure of
 * a rendered section (DESIGN.md, Templates). Whatever string an arg or a service field holds,
 * the compile either puts exactly that string where the template wrote `{{ }}`, or fails with
 * an error naming the service, the template and the arg; it never throws, never adds or drops
 * a key or a list item, and its output compiles to itself. Every output is then read by docker
 * and Podlike (test/readers), in one batch per group: each value must deploy as the author's
 * own value deploys (docker's interpolation, empty environment) and nothing else.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
import { bracedDefaults } from '../../src/model/deploy-variables.js';
import { DeployedBatch } from '../readers/deployed-batch.js';
import { readersMissing } from '../readers/read-as-deployed.js';
import { argValue, assertProperty, compileText, describeDiagnostics, errorsOf, mentions, removeFolder, serviceName, shown, tempFolder, yamlTextOf } from './support.js';
import { propertyParams, propertyRuns } from '../helpers/property-params.js';

const RUNS = propertyRuns(300);
const params = (numRuns = RUNS) => propertyParams(numRuns);

/** The arg in a double-quoted scalar, a plain scalar, a block literal and list items, alone and inside a longer string. */
const PROBE = `name: probe
description: Uses its one arg in every kind of scalar
args:
  type: object
  additionalProperties: false
  properties:
    v: { type: string, default: "", description: any text }
components: |
  probe:
    image: busybox:1.37.0
    environment:
      QUOTED: "{{args.v}}"
      PLAIN: {{args.v}}
      CONF: |
        line {{args.v}}
    command: ["echo", "{{args.v}}", "x{{args.v}}y"]
`;

/** The service fields templates read: its name, image and environment values. */
const SERVICE_PROBE = `name: svcprobe
description: Uses the service's name, image and environment in every kind of scalar
components: |
  probe:
    image: busybox:1.37.0
    environment:
      NAME: {{service.name}}
      QNAME: "{{service.name}}"
      IMAGE: {{service.image}}
      QIMAGE: '{{service.image}}'
      X: {{service.environment.X}}
      QX: "{{service.environment.X}}"
      CONF: |
        name={{service.name}} image={{service.image}}
        x={{service.environment.X}}
    command: ["{{service.name}}", "{{service.image}}", "{{service.environment.X}}", "{{service.name}}-{{service.environment.X}}"]
    volumes:
      - "{{service.name}}-data:/data"
stack: |
  volumes:
    {{service.name}}-data: {}
`;

/**
 * The same template with an anchor on the component: a section with anchors, aliases, merge keys
 * or tags takes the compiler's other substitution path (value-tokens.ts substituteTokens).
 */
const PROBE_ANCHORED = PROBE.replace('name: probe', 'name: probe-anchored').replace('  probe:\n', '  probe: &probe\n');

const templates = tempFolder({ 'probe.yml': PROBE, 'probe-anchored.yml': PROBE_ANCHORED, 'svcprobe.yml': SERVICE_PROBE });
after(() => removeFolder(templates));

type Labels = Record<string, string>;
type OutputStack = { services: Record<string, { labels?: Labels; 'x-podlike'?: unknown }>; volumes?: Record<string, unknown> } & Record<string, unknown>;


/** The output stack, its pod labels, and the checks every successful compile must pass. */
function checkedOutput(yaml: string, service: string): { out: OutputStack; labels: Labels } {
  const out = parse(yaml) as OutputStack;
  const controller = out.services[service];
  assert.ok(controller, `service ${shown(service)} is missing from the output:\n${yaml}`);
  const labels = controller.labels ?? {};
  assert.ok(!Array.isArray(labels), 'controller labels are a mapping');
  assert.deepEqual(
    Object.keys(labels).filter((k) => k.startsWith('podlike.')),
    [],
    'no podlike.* label remains',
  );
  assert.equal(controller['x-podlike'], undefined, 'no x-podlike remains');
  return { out, labels };
}

/** The outputs of one describe group, read by docker and Podlike in its last test. */
let batch = new DeployedBatch();

function readBatchAsDeployed(): void {
  it('every output above deploys, through docker and Podlike, to the values the author wrote', (t) => {
    const missing = readersMissing();
    const cases = batch;
    batch = new DeployedBatch();
    if (missing) return t.skip(missing);
    assert.deepEqual(cases.problems(), [], `${cases.size} outputs`);
  });
}

function idempotent(yaml: string): void {
  const again = compileText(yaml, templates, { templates: [templates] }, 'out.yml');
  assert.deepEqual(errorsOf(again), [], `compiling the output failed:\n${describeDiagnostics(again.diagnostics)}`);
  assert.equal(again.yaml, yaml, 'compiling the output changed it');
}

/** Where the value is supplied: typed x-podlike args, a label (mapping or KEY=VALUE list, service or deploy labels), or both (the label wins). */
type Channel = 'x-podlike' | 'label' | 'label-list' | 'deploy-label' | 'label-over-x-podlike';
const CHANNELS: Channel[] = ['x-podlike', 'label', 'label-list', 'deploy-label', 'label-over-x-podlike'];

function serviceWithArg(v: string, channel: Channel, template: string): Record<string, unknown> {
  const service: Record<string, unknown> = { image: 'alpine:3.20' };
  switch (channel) {
    case 'x-podlike':
      service['x-podlike'] = { templates: [template], args: { [template]: { v } } };
      break;
    case 'label':
      service.labels = { 'podlike.templates': template, [`podlike.${template}.v`]: v };
      break;
    case 'label-list':
      service.labels = [`podlike.templates=${template}`, `podlike.${template}.v=${v}`];
      break;
    case 'deploy-label':
      service.deploy = { replicas: 1, labels: { 'podlike.templates': template, [`podlike.${template}.v`]: v } };
      break;
    case 'label-over-x-podlike':
      service['x-podlike'] = { templates: [template], args: { [template]: { v: 'from x-podlike' } } };
      service.labels = { [`podlike.${template}.v`]: v };
      break;
  }
  return service;
}

/** The one arg value lands exactly in every place the probe template writes it, or the compile fails naming service, template and arg. */
function checkArgValue(v: string, channel: Channel, template = 'probe'): void {
  const text = yamlTextOf({ version: '3.8', services: { svc: serviceWithArg(v, channel, template) } });
  const first = compileText(text, templates, { templates: [templates] });
  const errors = errorsOf(first);
  if (errors.length > 0) {
    const message = describeDiagnostics(errors);
    assert.ok(
      errors.some((e) => mentions(e.message, 'svc') && mentions(e.message, template) && /(arg "v"|args\.v|\.v\b)/.test(e.message)),
      `value ${shown(v)} via ${channel} failed without naming service, template and arg:\n${message}`,
    );
    assert.ok(first.yaml === undefined, 'no output after an error');
    return;
  }
  assert.ok(first.yaml !== undefined);
  const { labels } = checkedOutput(first.yaml, 'svc');
  batch.add(`value ${shown(v)} via ${channel} (${template})`, first.yaml, {
    svc: { app: {}, probe: { environment: { QUOTED: v, PLAIN: v, CONF: `line ${v}\n` }, command: ['echo', v, `x${v}y`] } },
  });
  assert.deepEqual(Object.keys(labels).sort(), ['pod.component.app', 'pod.component.probe'], `pod labels for ${shown(v)}`);
  assert.deepEqual(parse(labels['pod.component.app']), { image: 'alpine:3.20' }, 'the app is untouched');
  const probe: unknown = parse(labels['pod.component.probe']);
  assert.deepEqual(
    probe,
    {
      image: 'busybox:1.37.0',
      // Each string as docker reads it alone (an unbraced default braced, see checkServiceFields).
      command: ['echo', bracedDefaults(v), bracedDefaults(`x${v}y`)],
      // A block literal holds any text: the value lands inside it verbatim, newlines included, and the
      // literal's own line break follows (clip chomping keeps exactly one, the template's).
      environment: { QUOTED: bracedDefaults(v), PLAIN: bracedDefaults(v), CONF: bracedDefaults(`line ${v}\n`) },
    },
    `value ${shown(v)} via ${channel}: got ${shown(probe)}`,
  );
  assert.equal(compileText(text, templates, { templates: [templates] }).yaml, first.yaml, 'not deterministic');
  idempotent(first.yaml);
}

/** The service's own name, image and environment read by a template land as their text too. */
function checkServiceFields(name: string, image: string, x: string): void {
  const text = yamlTextOf({
    version: '3.8',
    services: { [name]: { image, environment: { X: x }, labels: { 'podlike.templates': 'svcprobe' } } },
  });
  const first = compileText(text, templates, { templates: [templates] });
  const errors = errorsOf(first);
  if (errors.length > 0) {
    assert.ok(
      errors.some((e) => mentions(e.message, name)),
      `service ${shown(name)} image ${shown(image)} X ${shown(x)} failed without naming the service:\n${describeDiagnostics(errors)}`,
    );
    return;
  }
  assert.ok(first.yaml !== undefined);
  const { out, labels } = checkedOutput(first.yaml, name);
  batch.add(`service ${shown({ name, image, x })}`, first.yaml, {
    [name]: {
      app: { environment: { X: x } },
      probe: {
        environment: { NAME: name, QNAME: name, IMAGE: image, QIMAGE: image, X: x, QX: x, CONF: `name=${name} image=${image}\nx=${x}\n` },
        command: [name, image, x, `${name}-${x}`],
      },
    },
  });
  assert.deepEqual(Object.keys(out.services), [name], 'exactly the one service, under its own name');
  assert.deepEqual(Object.keys(labels).sort(), ['pod.component.app', 'pod.component.probe']);
  // A label holds each string as docker reads it alone: an unbraced default ($X-d) braced, so that
  // docker's interpolation of the whole label ends it where the string ends (the readers check the rest).
  const [img, ex, conf] = [image, x, `name=${name} image=${image}\nx=${x}\n`].map(bracedDefaults);
  assert.deepEqual(parse(labels['pod.component.app']), { image: img, environment: { X: ex } }, `app of ${shown({ name, image, x })}`);
  const probe: unknown = parse(labels['pod.component.probe']);
  assert.deepEqual(
    probe,
    {
      image: 'busybox:1.37.0',
      command: [name, img, ex, bracedDefaults(`${name}-${x}`)],
      environment: { NAME: name, QNAME: name, IMAGE: img, QIMAGE: img, X: ex, QX: ex, CONF: conf },
      volumes: [`${name}-data:/data`],
    },
    `service ${shown({ name, image, x })}: got ${shown(probe)}`,
  );
  assert.ok(out.volumes && `${name}-data` in out.volumes, `volume ${shown(`${name}-data`)} declared: ${shown(out.volumes)}`);
  assert.equal(compileText(text, templates, { templates: [templates] }).yaml, first.yaml, 'not deterministic');
  idempotent(first.yaml);
}

describe('arg values never change the structure of a rendered section', () => {
  it('any string arg, in every scalar kind and via every channel, lands verbatim or fails naming service, template and arg', () => {
    assertProperty(
      fc.property(argValue, fc.constantFrom(...CHANNELS), (v, channel) => checkArgValue(v, channel)),
      params(),
    );
  });

  it('the same through a section with an anchor (the other substitution path)', () => {
    assertProperty(
      fc.property(argValue, fc.constantFrom(...CHANNELS), (v, channel) => checkArgValue(v, channel, 'probe-anchored')),
      params(Math.ceil(RUNS / 3)),
    );
  });

  it('hand-picked values: the empty string, YAML indicators, comments, Handlebars and shell syntax', () => {
    const values = ['', ' ', '\n', '\n\n', ' lead', 'trail ', '\ttab', 'a: b', 'a #b', '# c', "'", '"', "it's", '"q"', '{{x}}', '}}', '{{{x}}}', '\\{{x}}',
      '${HOME}', '$$', '$', '*alias', '&anchor', '!tag', '!!int 3', '| x', '> x', '- item', '[1, 2]', '{a: 1}', '%YAML 1.2', '@at', '`cmd`', '---', '...',
      'multi\nline\n  indented', 'a\n- b', 'k: v\nk2: v2', '|\n  x', 'line\r\nwin', 'null', '~', 'true', 'no', '0440', '0x10', '1e3', '12:30', 'é日本🙂',
      '{{.Task.ID}}', '\u0085', '\ufeff'];
    for (const v of values) for (const channel of CHANNELS) checkArgValue(v, channel);
  });

  it('service name, image and environment values read by a template land verbatim', () => {
    assertProperty(
      fc.property(serviceName, fc.oneof(fc.constantFrom('alpine:3.20', 'registry.example.com:5000/team/app@sha256:' + 'a'.repeat(64)), argValue), argValue, (name, image, x) =>
        checkServiceFields(name, image, x),
      ),
      params(),
    );
  });

  readBatchAsDeployed();
});

describe('values the yaml package (2.9.1) writes so that they read back differently', () => {
  // The compiler emits with the yaml package; its output must still hold every value exactly,
  // whatever style the package would pick (see yamlKeepsString in support.ts).
  const misWritten = fc.oneof(
    // whitespace-only text ending in a newline: `|+` with no indentation indicator loses the spaces
    fc.array(fc.constantFrom(' ', '  ', '\t', '\n'), { minLength: 0, maxLength: 5 }).map((parts) => `${parts.join('')} \n`),
    // a long double-quoted string with a space-only line after \r: `\\ ` written for `\ `
    fc.tuple(fc.stringMatching(/^[a-z ]{40,50}$/), fc.constantFrom('\r\n \n', '\n\r\n \n', '\r\n \nb')).map(([a, b]) => `${a}${b}`),
  );

  it('an arg value lands verbatim', () => {
    assertProperty(
      fc.property(misWritten, fc.constantFrom(...CHANNELS), (v, channel) => checkArgValue(v, channel)),
      params(40),
    );
  });

  it('a service environment value lands verbatim in the app and in a template', () => {
    assertProperty(
      fc.property(misWritten, (x) => checkServiceFields('svc', 'alpine:3.20', x)),
      params(20),
    );
  });

  readBatchAsDeployed();
});

describe('values with the unicode line separators U+2028 and U+2029', () => {
  // JavaScript's multiline `^` matches after U+2028/U+2029 as after a newline; YAML 1.2 reads
  // both as ordinary characters. Text indented line by line must not indent after them.
  const separated = fc
    .tuple(fc.constantFrom('', 'x', ' '), fc.constantFrom('\u2028', '\u2029', '\u2028\u2029', '\u2028\n'), fc.constantFrom('', 'y', '*', '\n'))
    .map(([a, s, b]) => `${a}${s}${b}`);

  it('an arg value with U+2028/U+2029 lands verbatim', () => {
    assertProperty(
      fc.property(separated, fc.constantFrom(...CHANNELS), (v, channel) => checkArgValue(v, channel)),
      params(40),
    );
  });

  it('a service environment value with U+2028/U+2029 lands verbatim in the app and in a template', () => {
    assertProperty(
      fc.property(separated, (x) => checkServiceFields('svc', 'alpine:3.20', x)),
      params(20),
    );
  });

  readBatchAsDeployed();
});

describe('values that look like the compiler\'s internal value tokens', () => {
  // value-tokens.ts stands each `{{ }}` output in for U+E000 <index> U+E001 while the section is
  // parsed. A value that itself contains such a sequence must still land as its own text.
  const tokenLike = fc
    .tuple(fc.constantFrom('', 'a', ' '), fc.constantFrom('\uE000', '\uE001', '\uE0000\uE001', '\uE0001\uE001', '\uE0009\uE001', '\uE000x\uE001'), fc.constantFrom('', 'b', '\n'))
    .map(([a, t, b]) => `${a}${t}${b}`);

  it('a value containing U+E000 <n> U+E001 lands verbatim in every scalar kind', () => {
    assertProperty(
      fc.property(tokenLike, fc.constantFrom(...CHANNELS), fc.constantFrom('probe', 'probe-anchored'), (v, channel, template) => checkArgValue(v, channel, template)),
      params(60),
    );
  });

  readBatchAsDeployed();
});
