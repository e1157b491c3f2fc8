/**
 * The Go-to-Handlebars translation of migrate, rule by rule: what it writes for each construct
 * it translates, and where and why it refuses one.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { translateTemplate, Untranslatable, type TranslateContext } from '../../src/podlike-format/migrate/translate-template.js';

const TYPES: Record<string, string> = { port: 'integer', name: 'string', list: 'array', 'list.*': 'string', map: 'object', ratio: 'number', peers: 'array', 'peers.*': 'object' };
/** Types of args only some services give: `peers[].address` is given by some peers, a string where given. */
const PRESENT_TYPES: Record<string, string> = { 'peers.*.address': 'string' };
const context = (dedent = 0): TranslateContext => ({ argType: (path, presentOnly) => TYPES[path.join('.')] ?? (presentOnly ? PRESENT_TYPES[path.join('.')] : undefined), dedent });
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
    assert.equal(refusal('x: {{ printf "%05d" .Args.port }}').message, 'printf format "%05d": podlike-gen\'s printf prints %s, %d, %v and %% (no flags, widths or other verbs)');
    assert.equal(refusal('x: {{ len .Args.list }}').message, '"len .Args.list" has no exact podlike-gen equivalent');
  });

  it('keeps a line holding only a block tag, as Go does (Handlebars would drop it)', () => {
    assert.equal(translated('a\n  {{ if .Args.name }}\n  b\n  {{ end }}\nc'), 'a\n  {{#if args.name}}{{!}}\n  b\n  {{/if}}{{!}}\nc');
    assert.equal(translated('a {{ if .Args.name }}b{{ end }}'), 'a {{#if args.name}}b{{/if}}');
  });

  it('prints a field inside an if on that very field, though not every service gives it', () => {
    assert.equal(translated('{{ range .Args.peers }}{{ if .address }}{{ .address }}{{ end }}{{ end }}'), '{{#each args.peers}}{{#if this.address}}{{{this.address}}}{{/if}}{{/each}}');
    assert.equal(refusal('{{ range .Args.peers }}{{ .address }}{{ end }}').message, 'arg "peers[].address" is given no value: Go prints <no value> where podlike-gen prints nothing');
  });

  it('tests a bool or string field of the service by its compose key, and refuses to print one', () => {
    assert.equal(translated('{{ if .Service.ReadOnly }}ro{{ end }}{{ if .Service.WorkingDir }}wd{{ end }}'), '{{#if service.read_only}}ro{{/if}}{{#if service.working_dir}}wd{{/if}}');
    assert.match(refusal('{{ .Service.ReadOnly }}').message, /^"\.Service\.ReadOnly" has no exact podlike-gen equivalent/);
  });

  it('says when it reads the service labels, which Go sees as a mapping ranged in key order', () => {
    assert.equal(translateTemplate('t', '{{ range $k, $v := .Service.Labels }}{{ $k }}={{ $v }}{{ end }}', context()).readsLabels, true);
    assert.equal(translateTemplate('t', '{{ .Service.Labels.team }}', context()).readsLabels, true);
    assert.equal(translateTemplate('t', '{{ .Service.Name }}', context()).readsLabels, false);
  });

  it("translates Podlike's functions and printf as the helpers of the same names, index as lookup, with as with", () => {
    assert.equal(translated('x: {{ printf "%s:%d" .Args.name .Args.port }}'), 'x: {{{printf "%s:%d" args.name args.port}}}');
    assert.equal(translated('{{ range $k, $v := .Service.Labels }}{{ if $k | startsWith "side." }}{{ with $l := $k | replace "side." "" -1 }}{{ printf "%s: %s" $l $v | indent 4 }}{{ end }}{{ end }}{{ end }}'),
      '{{#each service.labels}}{{#if (startsWith "side." @key)}}{{#with (replace "side." "" -1 @key)}}{{{indent 4 (printf "%s: %s" this ../this)}}}{{/with}}{{/if}}{{/each}}');
    assert.equal(translated('{{ with $p := index .Service.Ports 0 }}{{ $p.Target }}{{ end }}{{ index .Args.list 1 }}'), '{{#with (lookup (servicePorts service.ports) 0)}}{{{this.target}}}{{/with}}{{{lookup args.list 1}}}');
  });

  it('sees a variable of an outer range one context up, its index with @../', () => {
    assert.equal(translated('{{ range $i, $p := .Args.peers }}{{ range $.Args.list }}{{ $i }}{{ . }}{{ end }}{{ end }}'), '{{#each args.peers}}{{#each @root.args.list}}{{{@../index}}}{{{this}}}{{/each}}{{/each}}');
  });

  it('refuses with on a number, whose emptiness Handlebars and Go disagree on', () => {
    assert.match(refusal('{{ with .Args.port }}x{{ end }}').message, /^with on "\.Args\.port", a number: Handlebars and Go disagree/);
  });
});
