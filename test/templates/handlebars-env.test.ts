import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { handlebars, handlebarsWith, HELPER_NAMES, namesIn } from '../../src/templates/handlebars-env.js';
import { HelperError } from '../../src/templates/helper-error.js';
import { renderWithTokens, substituteTokens } from '../../src/templates/value-tokens.js';
import { TemplateFailure } from '../../src/templates/helper-error.js';

/** The rendered text, with value tokens put back as text (what the author's YAML looks like). */
function text(template: string, context: object = {}): string {
  const { text, values } = renderWithTokens(() => handlebars.compile(template, { preventIndent: true })(context));
  return text.replace(/\uE000(\d+)\uE001/g, (_, i: string) => String(values[Number(i)]));
}

/** The YAML value of a rendered section. */
function value(template: string, context: object = {}): unknown {
  const { text, values } = renderWithTokens(() => handlebars.compile(template, { preventIndent: true })(context));
  const doc = parseDocument(text);
  assert.deepEqual(doc.errors, []);
  substituteTokens(doc, values);
  return doc.toJS();
}

const ctx = { m: { a: 1, b: [2] }, l: ['x', 'y'] };

describe('template helpers', () => {
  it('registers the documented helpers', () => {
    for (const name of ['toYaml', 'toJson', 'indent', 'default', 'eq', 'ne', 'and', 'or', 'not', 'join', 'split', 'quote', 'swarm', 'fail']) {
      assert.ok(HELPER_NAMES.includes(name), name);
    }
  });

  it('toYaml writes raw block YAML', () => {
    assert.equal(text('{{toYaml m}}', ctx), 'a: 1\nb:\n  - 2');
    assert.deepEqual(value('c:\n{{indent 2 (toYaml m)}}\n', ctx), { c: { a: 1, b: [2] } });
  });

  it('toJson writes raw JSON, valid as a flow value', () => {
    assert.equal(text('{{toJson m}}', ctx), '{"a":1,"b":[2]}');
    assert.deepEqual(value('b: {{toJson m}}\ns: {{toJson "x: y"}}\n', ctx), { b: { a: 1, b: [2] }, s: 'x: y' });
  });

  it('indent pads every non-empty line', () => {
    assert.equal(text('{{indent 4 "a\nb\n\nc"}}'), '    a\n    b\n\n    c');
  });

  it('default falls back on undefined, null and empty string only', () => {
    assert.deepEqual(value('a: {{default x "fb"}}\nb: {{default "v" "fb"}}\nc: {{default "" "fb"}}\nd: {{default z 1}}\n', { z: 0 }), { a: 'fb', b: 'v', c: 'fb', d: 0 });
  });

  it('fail stops the render with the message and the place of its call; in an if branch not taken, nothing', () => {
    assert.throws(
      () => text('a: 1\n{{#if (eq x 1)}}\n  {{fail "x must not be 1"}}\n{{/if}}\n', { x: 1 }),
      (e: unknown) => e instanceof TemplateFailure && e.message === 'x must not be 1' && e.at?.line === 3 && e.at.column === 2,
    );
    assert.equal(text('a: 1\n{{#if (eq x 1)}}\n  {{fail "x must not be 1"}}\n{{/if}}\n', { x: 2 }), 'a: 1\n');
  });

  it('eq, ne, and, or, not give booleans', () => {
    assert.deepEqual(value('e: {{eq 1 1}}\nf: {{ne 1 1}}\ng: {{and true 1 "x"}}\nh: {{or false 0 ""}}\ni: {{not false}}\nj: {{eq "1" 1}}\n'), {
      e: true,
      f: false,
      g: true,
      h: false,
      i: true,
      j: false,
    });
  });

  it('eq works in a block condition', () => {
    assert.deepEqual(value('{{#if (eq a "x")}}y: 1{{else}}y: 2{{/if}}\n', { a: 'x' }), { y: 1 });
    assert.deepEqual(value('{{#if (and a (not b))}}y: 1{{else}}y: 2{{/if}}\n', { a: true, b: true }), { y: 2 });
  });

  it('join uses "," by default and the given separator otherwise', () => {
    assert.deepEqual(value('j: {{join l "-"}}\nk: {{join l}}\n', ctx), { j: 'x-y', k: 'x,y' });
  });

  it('split trims and drops empty parts', () => {
    assert.deepEqual(value('l: {{split "a, b,,c"}}\nm: {{split "a;b" ";"}}\n'), { l: ['a', 'b', 'c'], m: ['a', 'b'] });
  });

  it('quote writes a double-quoted scalar of the text', () => {
    assert.equal(text('{{quote "x: y"}}'), '"x: y"');
    assert.deepEqual(value('n: {{quote v}}\n', { v: 'a"b #c' }), { n: 'a"b #c' });
  });

  it('swarm writes a Swarm placeholder literally', () => {
    assert.equal(text('{{swarm "Task.ID"}} {{swarm ".Node.Hostname"}}'), '{{.Task.ID}} {{.Node.Hostname}}');
    assert.deepEqual(value('name: "logs-{{swarm "Task.ID"}}"\n'), { name: 'logs-{{.Task.ID}}' });
  });

  it('an escaped mustache writes a Swarm placeholder literally too', () => {
    assert.deepEqual(value("name: 'logs-\\{{.Task.ID}}'\n"), { name: 'logs-{{.Task.ID}}' });
  });
});

describe('section environments', () => {
  const renderIn = (env: typeof handlebars, template: string, context: object) =>
    renderWithTokens(() => env.compile(template, { preventIndent: true })(context));
  const limited = (template: string) => handlebarsWith(namesIn(handlebars.parse(template)));

  it('names the helpers a section can call, and no other', () => {
    assert.deepEqual(namesIn(handlebars.parse('{{toJson service.name}} {{#unless x}}{{lookup m "a"}}{{/unless}} {{eq}}')), ['eq', 'lookup', 'toJson', 'unless']);
    assert.deepEqual(namesIn(handlebars.parse('port: {{args.port}}')), []);
  });

  it('renders every helper and built-in block as the full environment does', () => {
    const context = { ...ctx, n: '', s: 'a, b' };
    const templates = [
      '{{#unless n}}none{{/unless}} {{#l}}{{this}};{{/l}} {{#m}}{{a}}{{/m}}',
      '{{#with m}}{{a}}{{/with}} {{lookup m "a"}} {{#each l}}{{@index}}={{this}} {{/each}}',
      '{{#if (and (eq l.[0] "x") (not n))}}yes{{else}}no{{/if}} {{default n "d"}} {{ne 1 2}} {{or n 0}}',
      '{{toJson m}} {{join l "-"}} {{split s}} {{quote s}} {{swarm "Task.ID"}}',
      'c:\n{{indent 2 (toYaml m)}}',
    ];
    for (const template of templates) assert.deepEqual(renderIn(limited(template), template, context), renderIn(handlebars, template, context), template);
  });

  it('refuses a helper called the wrong way when it renders too, whatever the template loader found', () => {
    for (const [template, message] of [
      ['{{toJson}}', 'helper "toJson" takes 1 value, not 0'],
      ['a\n{{#quote x}}y{{/quote}}', 'helper "quote" is not a block: write {{quote ...}}, not {{#quote ...}}'],
      ['{{join l sep="-"}}', 'helper "join" takes no named values (sep=)'],
      ['\n\n{{log "x"}}', 'helper "log" is not available: a template writes nothing but its sections'],
    ]) {
      for (const env of [limited(template), handlebars]) {
        assert.throws(() => renderIn(env, template, ctx), (e: unknown) => e instanceof HelperError && e.message === message && e.at?.line === template.split('\n').length, template);
      }
    }
  });

  it('still reports a helper it does not know', () => {
    assert.throws(() => renderIn(limited('{{nope x}}'), '{{nope x}}', {}), /Missing helper: "nope"/);
  });
});
