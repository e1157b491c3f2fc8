import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { handlebars, handlebarsWith, namesIn, valueHelper } from '../../src/templates/handlebars-env.js';
import { SECTION_OPTIONS } from '../../src/templates/load-template.js';
import { plainSection, renderPlain } from '../../src/templates/plain-section.js';
import { renderWithTokens } from '../../src/templates/value-tokens.js';

/** What Handlebars renders, in the section's own environment and in the full one; an error as its class. */
function byHandlebars(template: string, context: object): unknown[] {
  const ast = handlebars.parse(template);
  return [handlebarsWith(namesIn(ast)), handlebars].map((env) => {
    try {
      const render = env.compile(template, SECTION_OPTIONS);
      return renderWithTokens(() => render(context));
    } catch (e) {
      return { error: (e as Error).name };
    }
  });
}

/** Whether the section's first two pieces are raw outputs (`{{{a}}}{{& b}}`), the one case left to Handlebars. */
function startsWithTwoRawOutputs(template: string): boolean {
  const body = handlebars.parse(template).body.filter((s) => s.type !== 'CommentStatement' && !(s.type === 'ContentStatement' && (s as hbs.AST.ContentStatement).value === ''));
  return body.length > 1 && body.slice(0, 2).every((s) => s.type === 'MustacheStatement' && !(s as hbs.AST.MustacheStatement).escaped);
}

/** The plain render, checked to be the same once the plain form went through JSON, as the build stores it. */
function plainly(template: string, context: object): unknown {
  const plain = plainSection(handlebars.parse(template));
  assert.ok(plain, `plain: ${template}`);
  const [direct, stored] = [plain, JSON.parse(JSON.stringify(plain)) as typeof plain].map((form) => {
    try {
      return renderPlain(form, context);
    } catch (e) {
      return { error: (e as Error).name };
    }
  });
  assert.deepEqual(stored, direct, 'the same after JSON');
  return direct;
}

// Names a path can take: context keys, helper names, and properties every object or string has.
const NAMES = ['service', 'args', 'name', 'tags', 'port', 'toJson', 'default', 'length', 'constructor', 'toString', 'hasOwnProperty', '__proto__', 'lookup', 'with', 'x y'];
const KEYS = NAMES.filter((name) => name !== '__proto__');
const VALUE_HELPERS = ['toYaml', 'toJson', 'indent', 'default', 'eq', 'ne', 'and', 'or', 'not', 'join', 'split', 'quote', 'swarm'];

const segment = fc.constantFrom(...NAMES).map((name) => (/^[\w]+$/.test(name) ? name : `[${name}]`));
const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
const literal = fc.constantFrom('"a: b"', "'x'", '""', '1', '-2.5', '0', 'true', 'false', 'null', 'undefined', '","', '"\\n"');

/** `helper param...` with at least the parameters the helper declares. */
function helperCall(param: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.constantFrom(...VALUE_HELPERS).chain((helper) => {
    const declared = Math.max(1, valueHelper(helper)!.length);
    return fc.array(param, { minLength: declared, maxLength: declared + 1 }).map((params) => [helper, ...params].join(' '));
  });
}

const { expr } = fc.letrec<{ expr: string; call: string }>((tie) => ({
  expr: fc.oneof({ depthSize: 'small', withCrossShrink: true }, path, literal, tie('call').map((call) => `(${call})`)),
  call: helperCall(tie('expr')),
}));

// A bare one-part name of a helper is a helper call, not a plain output.
const valuePath = path.filter((p) => !Object.hasOwn(handlebars.helpers, p));
const output = fc.oneof(
  valuePath.map((p) => `{{${p}}}`),
  valuePath.map((p) => `{{{${p}}}}`),
  valuePath.map((p) => `{{& ${p}}}`),
  valuePath.map((p) => `{{~${p}~}}`),
  helperCall(expr).map((call) => `{{${call}}}`),
  helperCall(expr).map((call) => `{{{${call}}}}`),
  fc.constantFrom('{{! a comment }}', '\n{{!-- a long comment --}}\n', '{{~! stripped ~}}'),
);
const text = fc.stringMatching(/^[a-z :"'\-\n]{0,12}$/);
const template = fc.array(fc.tuple(text, output), { maxLength: 6 }).chain((pairs) => text.map((last) => pairs.map(([t, o]) => t + o).join('') + last));

const { value } = fc.letrec<{ value: unknown; map: Record<string, unknown> }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, 7, -1.5, '', 'web', 'a: b', 'it\'s "x"', 'l1\nl2', '{{.Task.ID}}'),
    fc.array(tie('value'), { maxLength: 3 }),
    tie('map'),
  ),
  map: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 }),
}));
const context = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 });

describe('plain sections', () => {
  it('render what Handlebars renders: the same text with value tokens and the same values', () => {
    fc.assert(
      fc.property(template, context, (t, ctx) => {
        if (!plainSection(handlebars.parse(t))) return assert.ok(startsWithTwoRawOutputs(t), `plain: ${t}`);
        const expected = byHandlebars(t, ctx);
        const actual = plainly(t, ctx);
        assert.deepEqual(actual, expected[0], 'as the section environment renders it');
        assert.deepEqual(actual, expected[1], 'as the full environment renders it');
      }),
      { numRuns: 1500 },
    );
  });

  it('give the text made once when every output is a value, and fill in the rest otherwise', () => {
    const values = plainSection(handlebars.parse('a: {{service.name}}\nb: {{args.port}}\n'))!;
    assert.deepEqual(renderPlain(values, { service: { name: 'web' }, args: { port: 80 } }), { text: 'a: \uE0000\uE001\nb: \uE0001\uE001\n', values: ['web', 80] });
    assert.equal(renderPlain(values, { service: { name: 'db' }, args: { port: 81 } }).text, values.tokenText);
    const mixed = plainSection(handlebars.parse('a: {{service.name}}\nb: {{{args.raw}}}\nc: {{quote args.x}}\n'))!;
    assert.deepEqual(renderPlain(mixed, { service: { name: 'web' }, args: { raw: 'r', x: 'x' } }), { text: 'a: \uE0000\uE001\nb: r\nc: "x"\n', values: ['web'] });
    assert.deepEqual(renderPlain(mixed, { service: {}, args: { x: 'x' } }), { text: 'a: \nb: \nc: "x"\n', values: [] });
  });

  it('leave to Handlebars what they do not cover', () => {
    for (const t of [
      '{{#if a}}x{{/if}}',
      '{{#each l}}{{this}}{{/each}}',
      '{{> partial}}',
      '{{@root.service.name}}',
      '{{../name}}',
      '{{this.name}}',
      '{{this}}',
      '{{.}}',
      '{{lookup service "name"}}',
      '{{log "x"}}',
      '{{toJson}}',
      '{{default service.name}}',
      '{{unknown service.name}}',
      '{{toJson service.name indent=2}}',
      '{{name x=1}}',
      '{{"name"}}',
      '{{1}}',
      '{{*decorator}}',
      '{{{args.a}}}{{! c }}{{{args.b}}} x',
    ]) {
      assert.equal(plainSection(handlebars.parse(t)), undefined, t);
    }
  });

  it('cover text, comments, outputs and the value helpers', () => {
    for (const t of ['', 'a: 1\n', 'a: {{service.name}}\n{{! note }}\nb: "{{args.port}}"', '{{{raw}}} {{& raw}}', 'e: {{toJson service.name}}', '{{default args.x (quote "y")}}', '{{~name~}}']) {
      assert.ok(plainSection(handlebars.parse(t)), t);
    }
  });
});
