import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
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
    ['{{x y=}}', 1, 'unexpected "}}"; Handlebars expects one of "(", a name or a value'],
    ['{{"a}}', 1, 'unexpected character; Handlebars expects a name or a value'],
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
