import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { lineMatcher, renderedLineOrigin } from '../../src/expand/rendered-line-origin.js';
import { compileText, errorsOf, removeFolder, tempFolder } from '../hardening/support.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import fc from 'fast-check';
import { propertyParams, propertyRuns } from '../helpers/property-params.js';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

describe('lineMatcher', () => {
  it('matches the literal text in order with anything in place of each output', () => {
    const m = lineMatcher('  {{@key}}: "{{this}}" # {{{raw}}}')!;
    assert.equal(m('  A: "1" # x'), true);
    assert.equal(m('  A: "1 # x" # y: z'), true);
    assert.equal(m('  A: 1 # x'), false);
    assert.equal(m(' A: "1" # x'), false);
  });

  it('a line of text only matches itself; an unclosed {{ matches whatever follows it', () => {
    assert.equal(lineMatcher('image: x')!('image: x'), true);
    assert.equal(lineMatcher('image: x')!('image: xy'), false);
    assert.equal(lineMatcher('image: {{toYaml args.image')!('image: anything'), true);
  });

  it('a line of block tags or comments renders to nothing and matches no line', () => {
    for (const line of ['{{#each args.envs}}', '  {{/each}}', '{{else}}', '{{^if x}}', '{{!-- note --}}', '{{~#if a}} {{/if~}}']) assert.equal(lineMatcher(line), undefined, line);
    assert.notEqual(lineMatcher('{{#if a}}x{{/if}}'), undefined);
  });

  it('cuts a line of 200,000 unclosed {{ in linear time (a pattern scan from each {{ for its }} was quadratic)', { timeout: 30_000 }, () => {
    assert.equal(lineMatcher('{{'.repeat(100_000))!('anything'), true);
    assert.equal(lineMatcher('{{{x}}}'.repeat(30_000))!('a'), true);
  });

  it('needs the first and last text at the ends, without overlap', () => {
    const m = lineMatcher('ab{{x}}ba')!;
    assert.equal(m('aba'), false);
    assert.equal(m('abba'), true);
  });
});

describe('renderedLineOrigin', () => {
  const loop = lines('environment:', '{{#each args.envs}}', '  {{@key}}: "{{this}}"', '{{/each}}', 'labels: {{{args.extra}}}');
  const rendered = lines('environment:', '  A: "1"', '  B: "2"', '  C: "3"', 'labels: a: b: c');

  it('places a line after a loop at its own template line, and a loop turn at the loop body', () => {
    assert.deepEqual(renderedLineOrigin(loop, rendered, 5, 0), { line: 5, column: 0 });
    for (const turn of [2, 3, 4]) assert.equal(renderedLineOrigin(loop, rendered, turn, 2).line, 3);
  });

  it('keeps a column in the literal text before the first output; past it, points at that output', () => {
    assert.deepEqual(renderedLineOrigin(loop, rendered, 5, 3), { line: 5, column: 3 });
    assert.deepEqual(renderedLineOrigin(loop, rendered, 5, 11), { line: 5, column: 8 });
  });

  it('places the lines of a value with line breaks at the line that wrote it', () => {
    const raw = lines('environment:', '  A: "1"', 'labels: a', '  b: [', 'image: x');
    const template = lines('environment:', '  A: "1"', 'labels: {{{args.extra}}}', 'image: x');
    assert.deepEqual(renderedLineOrigin(template, raw, 4, 5), { line: 3, column: 8 });
    assert.deepEqual(renderedLineOrigin(template, raw, 5, 0), { line: 4, column: 0 });
  });

  it('lines an if left out do not shift the lines after it', () => {
    const template = lines('{{#if args.a}}', 'a: 1', 'b: 2', '{{/if}}', 'c: {{args.c}}', 'd: [');
    assert.deepEqual(renderedLineOrigin(template, lines('c: 3', 'd: ['), 2, 3), { line: 6, column: 3 });
  });

  it('always answers a line of the template and a column inside it, whatever the texts (property)', () => {
    const piece = fc.constantFrom('a', ': ', '{{x}}', '{{{y}}}', '{{#if z}}', '{{/if}}', '{{', '}}', ' ', '\n', '  - ', '"', '\r');
    const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, fc.integer({ min: -2, max: 40 }), fc.integer({ min: 0, max: 40 }), (template, rendered, line, column) => {
        const origin = renderedLineOrigin(template, rendered, line, column);
        const lines = template.split('\n');
        assert.ok(origin.line >= 1 && origin.line <= lines.length, `line ${origin.line} of ${lines.length}`);
        if (origin.column !== undefined) assert.ok(origin.column >= 0 && origin.column <= lines[origin.line - 1].length, `column ${origin.column} past "${lines[origin.line - 1]}"`);
      }),
      propertyParams(propertyRuns(300)),
    );
  });

  it('places an error on the blank end of the text at the last line with text, at its end', () => {
    assert.deepEqual(renderedLineOrigin(loop, rendered, 6, 0), { line: 5, column: 8 });
  });
});

describe('a rendered section\'s YAML error, placed in the template file', () => {
  const folders: string[] = [];
  after(() => folders.forEach(removeFolder));
  const TEMPLATE = [
    'name: loop',
    'description: a loop before the line that goes wrong',
    'args:',
    '  type: object',
    '  properties:',
    '    envs: { type: object, default: { A: "1", B: "2", C: "3", D: "4" } }',
    '    extra: { type: string, default: x }',
    'app: |',
    '  environment:',
    '  {{#each args.envs}}',
    '    {{@key}}: "{{this}}"',
    '  {{/each}}',
    '  labels: {{{args.extra}}}',
    '',
  ].join('\n');

  function errorFor(extra: string): string {
    const dir = tempFolder({ 'loop.yml': TEMPLATE });
    folders.push(dir);
    const result = compileText(`services:\n  api:\n    image: a\n    labels:\n      podlike.templates: loop\n      podlike.loop.extra: ${JSON.stringify(extra)}\n`, dir, { templates: ['.'] });
    const [first] = errorsOf(result);
    assert.ok(first, 'an error');
    return formatDiagnostic(first).replace(/^.*loop\.yml/, 'loop.yml');
  }

  it('at the line that wrote it after a loop of four, not four lines on (past the section)', () => {
    assert.match(errorFor('a: b: c'), /^loop\.yml:13:11: error: service "api", template "loop", section "app": rendered text is not valid YAML: /);
  });

  it('an unclosed bracket, found at the end of the text, at the line that opened it', () => {
    assert.match(errorFor('[a'), /^loop\.yml:13:11: error: .*rendered text is not valid YAML: /);
  });
});
