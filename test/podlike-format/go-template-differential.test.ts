/**
 * podlike-gen's Go template engine against Go's own text/template with Podlike's own functions
 * (issue 22): every template in Podlike's test data, examples and docs, a hand-written corpus of
 * edge cases and 300 seeded random templates, on the same YAML data. Outputs must be equal and
 * an error must be an error on both sides; what the engine refuses must be an error on its side
 * (never a different output). Error texts are compared too and the figures printed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  GoTemplateError, SERVICE_CONFIG, TEMPLATE_VARS, goPointer, goStruct, goValueFromPlain, goValueFromYaml, parseGoTemplate, type GoType, type Val,
} from '../../src/podlike-format/go-template/index.js';
import { UnsupportedYaml, marshalYamlV2 } from '../../src/podlike-format/go-template/yaml-v2-encode.js';
import { GO_TEMPLATE_MISSING, goTemplateReader, renderWithGo, type GoTemplateCase, type GoTemplateResult } from '../readers/go-template-reader.js';
import { unpackedPodlikeSource } from '../readers/podlike-go-build.js';
import { EDGE_DATA, EDGE_TEMPLATES, SERVICE_ARGS, SERVICE_DEFINITIONS, SERVICE_TEMPLATES, YAML_DATA } from './go-template/edge-cases.js';
import { podlikeTemplates } from './go-template/podlike-templates.js';
import { rng as seededRandom } from '../hardening/mutators.js';
import { randomData, randomTemplate, tokenSoup, typedData, typedTemplate } from './go-template/random-templates.js';

interface Case extends GoTemplateCase {
  source: string;
  templateYaml?: string;
}

type Outcome = { output: string } | { parseError: string } | { execError: string } | { refused: string } | { dataError: string };

/** Podlike's templateVars: the service as Go's loader read it, the args as docker's loader decodes YAML. */
function podlikeData(serviceJson: Record<string, unknown>, args: string): Val {
  const argsValue = goValueFromYaml(args, { stringKeys: true }) ?? goValueFromPlain(TEMPLATE_VARS.fields![2]!.type, {});
  return goStruct(TEMPLATE_VARS, [
    goPointer(SERVICE_CONFIG, goValueFromPlain(SERVICE_CONFIG, serviceJson)),
    goValueFromPlain(TEMPLATE_VARS.fields![1]!.type, null),
    argsValue,
  ]);
}

function renderWithEngine(name: string, template: string, data: string | (() => Val)): Outcome {
  let value;
  try {
    value = typeof data === 'string' ? goValueFromYaml(data) : data();
  } catch (e) {
    return { dataError: (e as Error).message };
  }
  let parsed;
  try {
    parsed = parseGoTemplate(name, template);
  } catch (e) {
    if (e instanceof GoTemplateError) return e.unsupported ? { refused: e.message } : { parseError: e.message };
    throw e;
  }
  try {
    return { output: parsed.execute(value) };
  } catch (e) {
    if (e instanceof GoTemplateError) return e.unsupported ? { refused: e.message } : { execError: e.message };
    throw e;
  }
}

interface Figures {
  cases: number;
  equalOutputs: number;
  bothErrors: number;
  sameErrorText: number;
  refused: string[];
  differences: string[];
  errorTexts: string[];
}

function compare(cases: Case[], go: GoTemplateResult[]): Figures {
  const figures: Figures = { cases: cases.length, equalOutputs: 0, bothErrors: 0, sameErrorText: 0, refused: [], differences: [], errorTexts: [] };
  cases.forEach((c, i) => {
    const expected = go[i]!;
    const template = expected.template ?? c.template;
    const data = c.service !== undefined && expected.serviceJson ? () => podlikeData(expected.serviceJson!, c.args ?? '') : c.data;
    const ours = renderWithEngine(c.name, template, data);
    const where = `${c.source}: ${JSON.stringify(template.length > 200 ? `${template.slice(0, 200)}...` : template)} on ${JSON.stringify(c.data.slice(0, 120))}`;
    if (expected.dataError !== undefined || 'dataError' in ours) {
      if (!(expected.dataError !== undefined && 'dataError' in ours)) figures.differences.push(`${where}\n  data: go ${JSON.stringify(expected)} ours ${JSON.stringify(ours)}`);
      return;
    }
    if ('refused' in ours) {
      figures.refused.push(`${where}\n  refused: ${ours.refused}\n  go: ${JSON.stringify({ ...expected, serviceJson: undefined })}`);
      return;
    }
    if (expected.output !== undefined) {
      if ('output' in ours && ours.output === expected.output) figures.equalOutputs++;
      else figures.differences.push(`${where}\n  go:   ${JSON.stringify(expected.output)}\n  ours: ${JSON.stringify(ours)}`);
      return;
    }
    const goError = expected.parseError ?? expected.execError!;
    const ourError = 'parseError' in ours ? ours.parseError : 'execError' in ours ? ours.execError : undefined;
    const sameKind = (expected.parseError !== undefined) === 'parseError' in ours;
    if (ourError === undefined || !sameKind) {
      figures.differences.push(`${where}\n  go:   ${JSON.stringify(expected)}\n  ours: ${JSON.stringify(ours)}`);
      return;
    }
    figures.bothErrors++;
    if (ourError === goError) figures.sameErrorText++;
    else figures.errorTexts.push(`${where}\n  go:   ${goError}\n  ours: ${ourError}`);
  });
  return figures;
}

function report(title: string, f: Figures): string {
  return [
    `${title}: ${f.cases} cases, ${f.equalOutputs} equal outputs, ${f.bothErrors} errors on both sides (${f.sameErrorText} with Go's exact text), ${f.refused.length} refused, ${f.differences.length} differences`,
    ...f.differences.slice(0, 15).map((d) => `DIFFERENCE ${d}`),
    ...f.refused.slice(0, 10).map((d) => `REFUSED ${d}`),
    ...f.errorTexts.slice(0, 10).map((d) => `ERROR TEXT ${d}`),
  ].join('\n');
}

function check(title: string, cases: Case[], t: { diagnostic: (m: string) => void }, maxRefused = 0): Figures {
  const go = renderWithGo(cases.map(({ source: _source, ...c }) => c));
  const figures = compare(cases, go);
  const text = report(title, figures);
  t.diagnostic(text);
  if (process.env.GO_TEMPLATE_REPORT) console.log(text);
  assert.deepEqual(figures.differences, [], text);
  assert.ok(figures.refused.length <= maxRefused, text);
  return figures;
}

const skip = goTemplateReader() ? false : GO_TEMPLATE_MISSING;

describe("the Go template engine renders like Go's text/template with Podlike's functions", { skip }, () => {
  it("every template of Podlike's test data, examples and docs", (t) => {
    const root = unpackedPodlikeSource();
    assert.ok(root);
    const templates = podlikeTemplates(root);
    const cases: Case[] = templates.map((p, i) => ({ ...p, name: `podlike${i}.yml`, template: p.template ?? '' }));
    assert.ok(cases.length > 50, `found only ${cases.length} templates`);
    check('Podlike templates', cases, t);
  });

  it('the inline mappings Podlike marshals to YAML give the same template text, or a refusal', (t) => {
    const root = unpackedPodlikeSource();
    assert.ok(root);
    const mappings = podlikeTemplates(root).filter((p) => p.templateYaml !== undefined);
    const go = renderWithGo(mappings.map((m) => ({ name: 'inline', template: '', data: '', templateYaml: m.templateYaml! })));
    const refused: string[] = [];
    mappings.forEach((m, i) => {
      let ours: string;
      try {
        ours = marshalYamlV2(goValueFromYaml(m.templateYaml!));
      } catch (e) {
        if (!(e instanceof UnsupportedYaml)) throw e;
        refused.push(`${m.source}: ${e.message}`);
        return;
      }
      assert.equal(ours, go[i]!.template, m.source);
    });
    t.diagnostic(`inline mappings: ${mappings.length}, refused by the YAML encoder: ${refused.length}\n${refused.join('\n')}`);
    assert.ok(refused.length <= mappings.length);
  });

  it('hand-written edge cases', (t) => {
    const cases = EDGE_TEMPLATES.flatMap((template, i) => [
      { name: 'edge.tmpl', template, data: EDGE_DATA, source: `edge case ${i}` },
      { name: `edge${i}`, template, data: '', source: `edge case ${i} [no data]` },
    ]);
    check('edge cases', cases, t, 12);
  });

  it("templates on Podlike's own data: .Service a *types.ServiceConfig from docker's loader, .Args", (t) => {
    const cases = SERVICE_DEFINITIONS.flatMap((service, s) =>
      SERVICE_TEMPLATES.map((template, i) => ({ name: 'svc', template, data: '', service, args: SERVICE_ARGS, source: `service ${s} template ${i}` })),
    );
    check("Podlike's data", cases, t, 6);
  });

  it('the Go types of the service follow the loaded service field by field', () => {
    const [result] = renderWithGo([{ name: 'svc', template: '', data: '', service: SERVICE_DEFINITIONS[1]!, args: '' }]);
    const fieldNames = (type: GoType): string[] => (type.fields ?? []).map((f) => f.name);
    assert.deepEqual(fieldNames(SERVICE_CONFIG), Object.keys(result!.serviceJson!));
    const deploy = SERVICE_CONFIG.fields!.find((f) => f.name === 'Deploy')!.type;
    assert.deepEqual(fieldNames(deploy), Object.keys(result!.serviceJson!.Deploy as object));
  });

  it("Podlike's yaml function prints like yaml.v2", (t) => {
    const cases = YAML_DATA.flatMap((data, i) => [
      { name: 'yaml', template: '{{yaml .}}', data, source: `yaml case ${i}` },
      { name: 'yaml', template: '{{yaml .}}', data: `key: ${data}`, source: `yaml case ${i} in a mapping` },
      { name: 'yaml', template: '{{yaml .}}', data: `- ${data}`, source: `yaml case ${i} in a sequence` },
      { name: 'yaml', template: '{{yaml .}}', data: `a:\n  b:\n  - c: ${data}`, source: `yaml case ${i} nested` },
    ]);
    check('yaml function', cases, t);
  });

  it('300 seeded random templates on random data', (t) => {
    const rng = seededRandom(22);
    const cases = Array.from({ length: 300 }, (_, i) => ({ name: 'random', template: randomTemplate(rng), data: randomData(rng), source: `random ${i}` }));
    check('random templates', cases, t, 10);
  });

  it('300 seeded random templates whose arguments mostly fit their functions', (t) => {
    const rng = seededRandom(2222);
    const cases = Array.from({ length: 300 }, (_, i) => ({ name: 'typed', template: typedTemplate(rng), data: typedData(rng), source: `typed ${i}` }));
    check('typed random templates', cases, t, 10);
  });

  it('300 seeded random token soups: the same syntax errors as Go', (t) => {
    const rng = seededRandom(1922);
    const cases = Array.from({ length: 300 }, (_, i) => ({ name: 'soup', template: tokenSoup(rng), data: 'a: 1\nb: {c: x}', source: `soup ${i}` }));
    check('token soups', cases, t, 10);
  });
});
