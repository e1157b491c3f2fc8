/**
 * The output as its Go readers see it: the docker CLI (yaml.v3, then `${VAR}` interpolation of
 * values) and Podlike (yaml.v2, YAML 1.1, on each label after interpolation). These tests model
 * the two differences from the yaml package that change a stack's meaning: line breaks at
 * U+0085/U+2028/U+2029, and YAML 1.1 resolution; the real readers run in test/readers.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { EXAMPLES } from '../helpers/paths.js';
import { compileText } from '../hardening/support.js';

type Stack = { services: Record<string, { labels?: Record<string, string>; deploy?: { labels?: unknown }; hostname?: string }> };

function compiled(text: string): { yaml: string; stack: Stack; diagnostics: string[] } {
  const result = compileText(text, EXAMPLES);
  const diagnostics = result.diagnostics.map(formatDiagnostic);
  assert.ok(result.yaml !== undefined, diagnostics.join('\n'));
  return { yaml: result.yaml, stack: parse(result.yaml) as Stack, diagnostics };
}

/** The text as a Go YAML reader sees its lines: it breaks them at these characters. */
function goLines(text: string): string {
  return text.replace(/[\u0085\u2028\u2029]/g, '\n');
}

/** docker's interpolation of `${NAME}`, `${NAME:-default}` and `$$` in one string, from `env`. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (whole, name: string | undefined, fallback: string | undefined) =>
    whole === '$$' ? '$' : (env[name!] ?? fallback ?? ''),
  );
}

/** A label's text as Podlike reads it: YAML 1.1. */
function podlikeReads(label: string): Record<string, unknown> {
  return parse(label, { version: '1.1' }) as Record<string, unknown>;
}

const INJECTION = 'hello\\u2028      pod.component.evil:\\u2028        |\\u2028          image: alpine\\u2028          privileged: true';

describe('line breaks a Go YAML reader sees', () => {
  for (const [where, stack] of [
    ['an environment value', `services:\n  web:\n    image: nginx\n    labels: { podlike.templates: http }\n    environment:\n      A: "${INJECTION}"\n`],
    ['a template arg written through quote', `services:\n  web:\n    image: nginx\n    labels:\n      podlike.templates: signal\n      podlike.signal.process: "${INJECTION}"\n`],
    ['a controller key (hostname)', `services:\n  web:\n    image: nginx\n    labels: { podlike.templates: http }\n    hostname: "${INJECTION}"\n`],
  ] as const) {
    it(`never stand raw in the output: ${where}`, () => {
      const { yaml, stack: asWritten } = compiled(stack);
      assert.doesNotMatch(yaml, /[\u0085\u2028\u2029]/);
      assert.deepEqual(parse(goLines(yaml)), asWritten);
      for (const label of Object.values(asWritten.services.web.labels ?? {})) assert.deepEqual(parse(goLines(label)), parse(label));
      assert.deepEqual(Object.keys(asWritten.services.web.labels ?? {}).filter((key) => key.includes('evil')), []);
    });
  }
});

describe('YAML 1.1 readings', () => {
  it('quotes values and keys yaml.v2 would read as numbers, booleans or a merge key', () => {
    const values = ['1_000', '0b101', '0x_1F', '+1_0', '1_0.5', '-0b1'];
    const environment = [...values.map((v, i) => `V${i}=${v}`), 'Y=1', 'ON=2', '<<=3'];
    const { stack } = compiled(`services:\n  web:\n    image: nginx\n    labels: { podlike.templates: http }\n    environment: ${JSON.stringify(environment)}\n`);
    const app = podlikeReads(stack.services.web.labels!['pod.component.app']);
    const env = app.environment as Record<string, unknown>;
    values.forEach((v, i) => assert.equal(env[`V${i}`], v));
    assert.equal(env.Y, '1');
    assert.equal(env.ON, '2');
    assert.equal(env['<<'], '3');
  });
});

describe('deploy-time variables', () => {
  const stack = `services:\n  grafana:\n    image: grafana/grafana\n    labels: { podlike.templates: http }\n    environment:\n      - GF_SECURITY_ADMIN_PASSWORD=\${ADMIN_PASSWORD:-admin}\n`;

  it('keep a component value one string whatever docker fills in, but a quote or a line break', () => {
    const { stack: out } = compiled(stack);
    const label = out.services.grafana.labels!['pod.component.app'];
    for (const password of ['*Secret1', 'yes', 'a: b', 'x #y', '"q"', '{a}', '[1]', '!tag', '&anchor', '%x', '@x', '`x`', '0b101', 'a\\b']) {
      const env = podlikeReads(interpolate(label, { ADMIN_PASSWORD: password })).environment as Record<string, unknown>;
      assert.equal(env.GF_SECURITY_ADMIN_PASSWORD, password, password);
    }
  });

  it('are named in a note that says which characters cannot pass', () => {
    assert.deepEqual(compiled(stack).diagnostics, [
      `stack.yml:2:3: note: service "grafana", component "app": environment.GF_SECURITY_ADMIN_PASSWORD uses \${ADMIN_PASSWORD:-admin}, which docker stack deploy fills in inside the component's label before Podlike reads it: its value must not hold a ' or a line break`,
    ]);
  });

  it('stay in a value: a KEY=VALUE list whose key docker fills in keeps its list form', () => {
    const { stack: out } = compiled('services:\n  web:\n    image: nginx\n    deploy:\n      labels: [podlike.templates=http, "traefik.http.routers.${NAME}.rule=Host(`x`)", team=a]\n');
    assert.deepEqual(out.services.web.deploy?.labels, ['traefik.http.routers.${NAME}.rule=Host(`x`)', 'team=a']);
  });

  it('are escaped in a mapping key of a component, which docker would not have filled in', () => {
    const { stack: out } = compiled('services:\n  web:\n    image: nginx\n    labels: { podlike.templates: http, "a.$$b": "1" }\n');
    const label = out.services.web.labels!['pod.component.app'];
    assert.deepEqual((podlikeReads(interpolate(label, {})).labels as Record<string, unknown>), { 'a.$$b': '1' });
  });
});
