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

/**
 * Whether a program of the section (its body, a block's) starts with two parts that can both
 * be numbers, which Handlebars' `+` would add: raw outputs (`{{{a}}}{{& b}}`), or blocks whose
 * program can give one. The one case of plain constructs left to Handlebars.
 */
function addsNumbers(template: string): boolean {
  const parts = (program: hbs.AST.Program | undefined) =>
    (program?.body ?? []).filter((s) => s.type !== 'CommentStatement' && !(s.type === 'ContentStatement' && (s as hbs.AST.ContentStatement).value === ''));
  const mayBeNumber = (s: hbs.AST.Statement | undefined): boolean => {
    if (s?.type === 'MustacheStatement') return !(s as hbs.AST.MustacheStatement).escaped;
    if (s?.type !== 'BlockStatement') return false;
    const block = s as hbs.AST.BlockStatement;
    return [block.program, block.inverse].some((p) => { const [a, b] = parts(p); return mayBeNumber(a) && (b === undefined || mayBeNumber(b)); });
  };
  const walk = (program: hbs.AST.Program | undefined): boolean => {
    const [a, b] = parts(program);
    if (mayBeNumber(a) && mayBeNumber(b)) return true;
    return parts(program).some((s) => s.type === 'BlockStatement' && (walk((s as hbs.AST.BlockStatement).program) || walk((s as hbs.AST.BlockStatement).inverse)));
  };
  return walk(handlebars.parse(template));
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
const VALUE_HELPERS = ['toYaml', 'toJson', 'indent', 'default', 'eq', 'ne', 'and', 'or', 'not', 'join', 'split', 'quote', 'swarm', 'lookup'];

const segment = fc.constantFrom(...NAMES).map((name) => (/^[\w]+$/.test(name) ? name : `[${name}]`));
const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
const literal = fc.constantFrom('"a: b"', "'x'", '""', '1', '-2.5', '0', 'true', 'false', 'null', 'undefined', '","', '"\\n"');

/** `helper param...` with as many values as the helper takes. */
function helperCall(param: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.constantFrom(...VALUE_HELPERS).chain((helper) => {
    const { min, max } = valueHelper(helper)!;
    return fc.array(param, { minLength: min, maxLength: Math.min(max, min + 1) }).map((params) => [helper, ...params].join(' '));
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
/** Text and outputs, and `if`/`unless` blocks (with `else`, `else if`, standalone on their lines) holding fewer of the same. */
const { template } = fc.letrec<{ template: string; inner: string; block: string }>((tie) => {
  const program = (maxLength: number) =>
    fc
      .array(fc.tuple(text, fc.oneof({ depthSize: 'small', withCrossShrink: true }, output, tie('block'))), { maxLength })
      .chain((pairs) => text.map((last) => pairs.map(([t, o]) => t + o).join('') + last));
  return {
    template: program(6),
    inner: program(3),
    block: fc
      .tuple(fc.constantFrom('if', 'unless'), expr, tie('inner'), fc.option(fc.tuple(fc.option(expr, { nil: undefined }), tie('inner')), { nil: undefined }), fc.boolean())
      .map(([helper, condition, body, otherwise, standalone]) => {
        const nl = standalone ? '\n' : '';
        const elseTag = otherwise === undefined ? '' : otherwise[0] === undefined ? `${nl}{{else}}${nl}${otherwise[1]}` : `${nl}{{else if ${otherwise[0]}}}${nl}${otherwise[1]}`;
        return `${nl}{{#${helper} ${condition}}}${nl}${body}${elseTag}${nl}{{/${helper}}}${nl}`;
      }),
  };
});

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
    let plainBlocks = 0;
    fc.assert(
      fc.property(template, context, (t, ctx) => {
        if (!plainSection(handlebars.parse(t))) return assert.ok(addsNumbers(t), `plain: ${t}`);
        if (t.includes('{{#')) plainBlocks++;
        const expected = byHandlebars(t, ctx);
        const actual = plainly(t, ctx);
        assert.deepEqual(actual, expected[0], 'as the section environment renders it');
        assert.deepEqual(actual, expected[1], 'as the full environment renders it');
      }),
      { numRuns: 1500 },
    );
    assert.ok(plainBlocks > 300, `${plainBlocks} of 1500 plain sections had blocks`);
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
      '{{#each l}}{{this}}{{/each}}',
      '{{#with service}}{{name}}{{/with}}',
      '{{#if a b}}x{{/if}}',
      '{{#if a includeZero=true}}x{{/if}}',
      '{{#if a as |b|}}{{b}}{{/if}}',
      '{{#if this}}x{{/if}}',
      '{{#if a}}{{{args.x}}}{{{args.y}}}{{/if}}',
      '{{#if a}}{{{args.x}}}{{/if}}{{{args.y}}}',
      '{{#if a}}{{#each l}}x{{/each}}{{/if}}',
      '{{> partial}}',
      '{{@root.service.name}}',
      '{{../name}}',
      '{{this.name}}',
      '{{this}}',
      '{{.}}',
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

  it('cover text, comments, outputs, the value helpers and if/unless blocks', () => {
    for (const t of [
      '{{#if args.a}}\na: {{args.a}}\n{{else}}\nb: 1\n{{/if}}\n',
      '{{#unless args.a}}x{{/unless}}',
      '{{lookup service "name"}} {{lookup (split args.server ":") 1}}',
      '{{#if args.a}}x{{else if (eq args.b "y")}}y{{else}}z{{/if}}',
      '{{#if args.a}}{{{args.x}}}{{/if}} {{{args.y}}}',
      '',
      'a: 1\n', 'a: {{service.name}}\n{{! note }}\nb: "{{args.port}}"', '{{{raw}}} {{& raw}}', 'e: {{toJson service.name}}', '{{default args.x (quote "y")}}', '{{~name~}}']) {
      assert.ok(plainSection(handlebars.parse(t)), t);
    }
  });
});
