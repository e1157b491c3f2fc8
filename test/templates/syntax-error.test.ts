import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { handlebars } from '../../src/templates/handlebars-env.js';
import { syntaxProblem, type SyntaxProblem } from '../../src/templates/syntax-error.js';

/** What the author reads for a section text Handlebars refuses. */
function problemOf(section: string): SyntaxProblem {
  try {
    handlebars.parse(section);
  } catch (e) {
    return syntaxProblem((e as Error).message);
  }
  assert.fail(`Handlebars took ${JSON.stringify(section)}`);
}

describe('Handlebars syntax errors as an author reads them', () => {
  for (const [section, line, message] of [
    ['a: 1\nb: "{{x}"\n', 2, 'a {{ is not closed with }}'],
    ['{{#if a}}\nx: 1\n', 3, 'a block {{#...}} is not closed with {{/...}}'],
    ['x: 1\n{{/if}}\n', 2, 'a {{/...}} closes no block'],
    ['{{else}}', 1, 'an {{else}} outside a block, or a second one in it'],
    ['{{#if a}}{{else}}{{else}}{{/if}}', 1, 'an {{else}} outside a block, or a second one in it'],
    ['{{{x}}', 1, '{{{ is closed with }}'],
    ['{{x}}}', 1, '{{ is closed with }}}'],
    ['a\n\n{{#if a}}x{{/iff}}', 3, '{{/iff}} closes {{#if}}: a block is closed with its own name'],
    ['{{x y=}}', 1, 'Handlebars expects one of "(", a name or a value here, not "}}"'],
    ['{{"a}}', 1, 'a string is not closed with its "'],
    ["a: {{x 'abc\nb: 1", 1, "a string is not closed with its '"],
    ['{{#if a}}{{else}}x', 1, 'a block {{#...}} is not closed with {{/...}}'],
    ['a: 1\nb: {{x', 2, 'a {{ is not closed with }}'],
    ['{{args.port}{{swarm 1}}}', 1, 'a {{ is not closed with }}'],
    ['{{args.x {{#each y}}{{/each}}}}', 1, 'a {{ inside {{...}}: the first is not closed with }} before the next opens'],
    ['{{args.some{{join}}thing}}', 1, 'a {{ inside {{...}}: the first is not closed with }} before the next opens'],
    ['name: x-{{.Task.ID}}', 1, 'a Swarm placeholder is written \\{{.Task.ID}} or {{swarm "Task.ID"}}: {{ }} alone is Handlebars\''],
    ['{{.Service.Labels.com.example.tier}}', 1, 'a Swarm placeholder is written \\{{.Task.ID}} or {{swarm "Task.ID"}}: {{ }} alone is Handlebars\''],
    ['{{x %}}', 1, 'Handlebars expects one of "}}", "(", ")", "as |", ".", a name or a value here, not "%", a character it cannot read'],
    ['{{#each l as |"x"|}}{{/each}}', 1, 'Handlebars expects a name here, not a value'],
    ['{{!-- a comment', 1, 'Handlebars cannot read the text here (a {{!-- comment not closed with --}}?)'],
  ] as const) {
    it(`${JSON.stringify(section)}: line ${line}, ${message}`, () => {
      assert.deepEqual(problemOf(section), { line, message });
    });
  }

  it('keeps a message it does not know as Handlebars wrote it, without a trailing colon', () => {
    assert.deepEqual(syntaxProblem('Something new on line 4:\nexcerpt'), { line: 4, message: 'Something new on line 4' });
    assert.deepEqual(syntaxProblem('Something else.'), { line: 1, message: 'Something else' });
  });
});

describe('every Handlebars syntax error, read', () => {
  const piece = fc.constantFrom('{{', '}}', '{{{', '}}}', '{{#if a}}', '{{/if}}', '{{else}}', '{{#each l as |x|}}', '{{/each}}', '{{>', '{{!--', '--}}', '{{^}}', '(', ')', '=', '|', '"', "'", '.', '@', '~', 'x', ' ', '\n', 'a: 1');
  const section = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));

  it('names no parser token and points at a line of the section', () => {
    let refused = 0;
    fc.assert(
      fc.property(section, (text) => {
        try {
          handlebars.parse(text);
          return;
        } catch (e) {
          refused++;
          const { line, message } = syntaxProblem((e as Error).message);
          assert.doesNotMatch(message, /\b(OPEN|CLOSE|INVERSE|EOF|ID|SEP|INVALID|CONTENT)\w*\b|Expecting|Parse error/, `${JSON.stringify(text)}: ${message}`);
          assert.ok(line >= 1 && line <= text.split('\n').length, `${JSON.stringify(text)}: line ${line}`);
        }
      }),
      { numRuns: 2000 },
    );
    assert.ok(refused > 500, `only ${refused} of 2000 sections were refused`);
  });
});
