/**
 * The Go template engine's contract as its callers use it, without Go: outputs on YAML data,
 * GoTemplateError with Go's text and the 1-based line and column of the template's action, and
 * a clear refusal (never another output) where the engine cannot be faithful.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  GoTemplateError, SERVICE_CONFIG, TEMPLATE_VARS, goPointer, goStruct, goValueFromPlain, goValueFromYaml, marshalYamlV2, parseGoTemplate,
} from '../../src/podlike-format/go-template/index.js';

const render = (text: string, yaml = ''): string => parseGoTemplate('t.yml', text).execute(goValueFromYaml(yaml));

function thrown(run: () => unknown): GoTemplateError {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof GoTemplateError, String(e));
    return e;
  }
  assert.fail('no error');
}

describe('the Go template engine', () => {
  it("prints YAML data as Go's fmt does: yaml.v2 types, sorted maps, <no value> for a missing key", () => {
    const data = 'i: 1\nf: 1.0\nbig: 1e6\nyes: y\nl: [a, 2]\nm: {b: 2, a: 1}\nn: ~';
    assert.equal(render('{{.i}} {{.f}} {{.big}} {{.l}} {{.m}} {{.n}} {{.missing}}', data), '1 1 1e+06 [a 2] map[a:1 b:2] <no value> <no value>');
    assert.equal(render('{{eq .i 1}} {{eq .f 1.0}} {{printf "%5.2f|%-4s|%q" .f "ab" "x"}}', data), 'true true  1.00|ab  |"x"');
  });

  it('trims, ranges with variables and else, and runs Podlike functions', () => {
    const data = 'labels: {sidecar.a: "1", other: x, sidecar.b: "2"}';
    const text = '{{- range $k, $v := .labels }}{{ if $k | startsWith "sidecar." }}\n{{ printf "%s: %s" ($k | replace "sidecar." "" -1) $v | indent 2 }}{{ end }}{{ end }}';
    assert.equal(render(text, data), '\n  a: 1\n  b: 2');
    assert.equal(render('{{range .none}}x{{else}}empty{{end}} {{yaml .m}}', 'm: {k: [1, "yes"]}'), 'empty k:\n- 1\n- "yes"\n');
  });

  it("executes on Podlike's data: the service's struct fields and a nil .Project", () => {
    const service = goValueFromPlain(SERVICE_CONFIG, { Name: 'web', Image: 'nginx', Ports: [{ Mode: 'ingress', Target: 80, Published: 8080, Protocol: 'tcp' }] });
    const vars = goStruct(TEMPLATE_VARS, [goPointer(SERVICE_CONFIG, service), goValueFromPlain(TEMPLATE_VARS.fields![1]!.type, null), goValueFromYaml('v: 2', { stringKeys: true })!]);
    const template = parseGoTemplate('pod.yml', '{{.Service.Name}} {{.Service.Ports}} {{.Args.v}} {{.Project}}');
    assert.equal(template.execute(vars), 'web [{ingress 80 8080 tcp}] 2 <nil>');
    const error = thrown(() => parseGoTemplate('pod.yml', 'x: {{ .Service.Nope }}').execute(vars));
    assert.equal(error.message, 'template: pod.yml:1:14: executing "pod.yml" at <.Service.Nope>: can\'t evaluate field Nope in type *types.ServiceConfig');
    assert.deepEqual([error.line, error.col], [1, 15]);
  });

  it("reports a syntax error with Go's text at its line", () => {
    const error = thrown(() => parseGoTemplate('t.yml', 'a: 1\nb: {{ if .x }}\nc: 2\n'));
    assert.equal(error.message, 'template: t.yml:4: unexpected EOF');
    assert.deepEqual([error.line, error.col], [4, 1]);
    const undefinedVariable = thrown(() => parseGoTemplate('t.yml', 'a: 1\nb: {{ $x }}'));
    assert.equal(undefinedVariable.message, 'template: t.yml:2: undefined variable "$x"');
    assert.deepEqual([undefinedVariable.line, undefinedVariable.col], [2, 7]);
  });

  it('reports an execution error at the action, with a 1-based column in characters', () => {
    const error = thrown(() => render('é: ok\nport: {{ indent .port "x" }}', 'port: 1.5'));
    const firstLine = thrown(() => render('é: {{ .x.y.z }}', 'x: 1'));
    assert.equal(firstLine.message, 'template: t.yml:1:9: executing "t.yml" at <.x.y.z>: can\'t evaluate field y in type interface {}');
    assert.deepEqual([firstLine.line, firstLine.col], [1, 9]);
    assert.equal(error.message, 'template: t.yml:2:16: executing "t.yml" at <.port>: wrong type for value; expected int; got float64');
    assert.deepEqual([error.line, error.col, error.unsupported], [2, 17, false]);
  });

  it('refuses what Go prints as memory addresses, instead of printing something else', () => {
    const service = goValueFromPlain(SERVICE_CONFIG, { Environment: { A: 'x' } });
    const error = thrown(() => parseGoTemplate('t', '{{.Environment}}').execute(service));
    assert.equal(error.unsupported, true);
    assert.match(error.message, /unsupported by podlike-gen's Go template engine: printing a pointer of type \*string/);
  });

  it('marshals YAML as yaml.v2 does', () => {
    assert.equal(marshalYamlV2(goValueFromYaml('b: "{{ .x }}"\na: [1, "2", yes]\nc: "x\\ny"')), "a:\n- 1\n- \"2\"\n- true\nb: '{{ .x }}'\nc: |-\n  x\n  y\n");
  });
});
