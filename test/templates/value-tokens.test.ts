import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Handlebars from 'handlebars';
import { parseDocument } from 'yaml';
import { handlebars } from '../../src/templates/handlebars-env.js';
import { renderWithTokens, substituteTokens, TokenValueError } from '../../src/templates/value-tokens.js';

/** Renders a section the way the expander does: tokens in, YAML parsed, values put back. */
function render(template: string, context: object): unknown {
  const { text, values } = renderWithTokens(() => handlebars.compile(template, { preventIndent: true })(context));
  const doc = parseDocument(text);
  assert.deepEqual(doc.errors, [], `rendered text parses: ${JSON.stringify(text)}`);
  substituteTokens(doc, values);
  return doc.toJS();
}

const TRICKY: [string, string][] = [
  ['a newline', 'line one\nkey: injected'],
  ['": "', 'x: y'],
  ['" #"', 'value #not a comment'],
  ['quotes', `it's "quoted"`],
  ['a Swarm placeholder', '{{.Task.ID}}'],
  ['a leading alias', '*a'],
  ['a leading anchor', '&a'],
  ['a leading tag', '!tag'],
  ['a leading block indicator', '| x'],
  ['a leading dash', '- item'],
  ['a flow sequence', '[1, 2]'],
  ['a flow mapping', '{a: 1}'],
  ['a leading %', '%YAML'],
  ['a leading @', '@x'],
];

describe('value tokens', () => {
  it('a value with a newline, ": ", " #", quotes, {{ or a leading YAML indicator lands literally, in every kind of scalar', () => {
    for (const [what, value] of TRICKY) {
      const out = render('plain: {{v}}\ndouble: "pre {{v}} post"\nsingle: \'{{v}}\'\nflow: [{{v}}]\nlist:\n  - X={{v}}\n', { v: value });
      assert.deepEqual(out, {
        plain: value,
        double: `pre ${value} post`,
        single: value,
        flow: [value],
        list: [`X=${value}`],
      }, `a value with ${what}`);
    }
  });

  it('keeps the type of a value that is a whole plain scalar', () => {
    const out = render('n: {{n}}\nl: {{l}}\nb: {{b}}\nf: {{f}}\n', { n: 5000, l: [1, 'b'], b: false, f: 0.25 });
    assert.deepEqual(out, { n: 5000, l: [1, 'b'], b: false, f: 0.25 });
  });

  it('a quoted whole token stays a string', () => {
    assert.deepEqual(render('a: "{{n}}"\nb: \'{{n}}\'\n', { n: 5000 }), { a: '5000', b: '5000' });
  });

  it('a token inside a longer text gives the text', () => {
    assert.deepEqual(render('a: x{{n}}y\nb: {{l}}-{{n}}\n', { n: 1, l: [1, 2] }), { a: 'x1y', b: '1,2-1' });
  });

  it('a string that looks like a number stays a string', () => {
    assert.deepEqual(render('port: {{p}}\nflag: {{t}}\nnothing: {{z}}\n', { p: '0440', t: 'true', z: 'null' }), { port: '0440', flag: 'true', nothing: 'null' });
  });

  it('a value used as a key is the literal key', () => {
    assert.deepEqual(render('{{k}}: 1\n', { k: 'a: b' }), { 'a: b': 1 });
  });

  it('a value inside a block literal lands as text', () => {
    assert.deepEqual(render('a: |\n  {{v}}\n', { v: 'l1\nl2' }), { a: 'l1\nl2\n' });
  });

  it('a mapping written as a whole plain scalar stays a mapping', () => {
    assert.deepEqual(render('a: {{m}}\n', { m: { k: 'v' } }), { a: { k: 'v' } });
  });

  it('a mapping inside a longer string is refused', () => {
    const { text, values } = renderWithTokens(() => handlebars.compile('a: "x{{m}}"\n')({ m: { k: 'v' } }));
    const doc = parseDocument(text);
    assert.throws(() => substituteTokens(doc, values), TokenValueError);
  });

  it('undefined and null render as nothing', () => {
    assert.deepEqual(render('a: "[{{missing}}]"\nb: "[{{nothing}}]"\n', { nothing: null }), { a: '[]', b: '[]' });
  });

  it('triple-stash output is raw: the author asked for structure', () => {
    assert.deepEqual(render('a: {{{v}}}\n', { v: '[1, 2]' }), { a: [1, 2] });
  });

  it('Handlebars.Utils.escapeExpression still HTML-escapes outside a render', () => {
    assert.equal(Handlebars.Utils.escapeExpression('<a href="x">&'), '&lt;a href&#x3D;&quot;x&quot;&gt;&amp;');
    assert.equal(Handlebars.compile('x {{v}}')({ v: '<b>' }), 'x &lt;b&gt;');
    assert.equal(handlebars.compile('x {{v}}')({ v: '<b>' }), 'x &lt;b&gt;');
  });

  it('the render state is reset after a render that throws', () => {
    assert.throws(() => renderWithTokens(() => {
      throw new Error('boom');
    }));
    assert.equal(Handlebars.compile('{{v}}')({ v: '&' }), '&amp;');
  });
});
