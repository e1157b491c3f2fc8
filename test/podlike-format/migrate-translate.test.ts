/**
 * The Go-to-Handlebars translation of migrate, rule by rule: what it writes for each construct
 * it translates, and where and why it refuses one.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { translateTemplate, Untranslatable, type TranslateContext } from '../../src/podlike-format/migrate/translate-template.js';

const TYPES: Record<string, string> = { port: 'integer', name: 'string', list: 'array', 'list.*': 'string', map: 'object', ratio: 'number' };
const context = (dedent = 0): TranslateContext => ({ argType: (path) => TYPES[path.join('.')], dedent });
const translated = (text: string, dedent = 0) => translateTemplate('t', text, context(dedent)).text;

function refusal(text: string): { message: string; pos: number } {
  try {
    translateTemplate('t', text, context());
  } catch (e) {
    if (e instanceof Untranslatable) return { message: e.message, pos: e.pos };
    throw e;
  }
  assert.fail('translated');
}

describe('migrate: Go template to Handlebars', () => {
  it('inserts fields as text, applies trim markers and drops comments', () => {
    assert.equal(translated('a: {{ .Args.port }}\nb: {{ .Service.Name }}  {{- /* c */ -}}  \n  x: {{ .Service.Labels.team }}'), 'a: {{{args.port}}}\nb: {{{service.name}}}x: {{{service.labels.team}}}');
  });

  it('writes a string constant as text, a Swarm placeholder escaped', () => {
    assert.equal(translated('h: {{ "{{.Task.ID}}" }}'), 'h: \\{{.Task.ID}}');
  });

  it('translates if/else, not, notEmpty, and range with its index and element', () => {
    assert.equal(translated('{{ if .Args.name }}y{{ else }}n{{ end }}{{ if not .Args.port }}z{{ end }}'), '{{#if args.name}}y{{else}}n{{/if}}{{#unless args.port}}z{{/unless}}');
    assert.equal(translated('{{ range $i, $v := .Args.list }}{{ if gt $i 0 }},{{ end }}{{ $v }}{{ end }}'), '{{#each args.list}}{{#if @index}},{{/if}}{{{this}}}{{/each}}');
  });

  it('translates yaml | indent, less the indentation the section loses', () => {
    assert.equal(translated('{{ .Args.map | yaml | indent 4 }}', 2), '{{{indent 2 (toYaml args.map)}}}');
  });

  it('refuses what prints differently, at the node', () => {
    assert.deepEqual(refusal('x: {{ .Args.ratio }}'), { message: 'arg "ratio" is a fraction: Go prints it in its own format', pos: 11 });
    assert.deepEqual(refusal('x: {{ .Args.gone }}'), { message: 'arg "gone" is given no value: Go prints <no value> where podlike-gen prints nothing', pos: 11 });
    assert.deepEqual(refusal('{{ if .Args.map }}x{{ end }}'), { message: 'if on ".Args.map", a mapping: Handlebars holds an empty mapping true, Go false', pos: 6 });
    assert.equal(refusal('x: {{ printf "%d" .Args.port }}').message, '"printf "%d" .Args.port" has no exact podlike-gen equivalent');
  });
});
