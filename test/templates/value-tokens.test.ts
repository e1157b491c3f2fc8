import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Handlebars from 'handlebars';
import { parseDocument } from 'yaml';
import { handlebars } from '../../src/templates/handlebars-env.js';
import fc from 'fast-check';
import { serialize } from 'node:v8';
import { fastRead } from '../../src/load/fast-read.js';
import { compileFiller, renderWithTokens, substituteTokens, tokenReadOptions, TokenValueError, valueFiller, type Filler } from '../../src/templates/value-tokens.js';

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

describe('fillers', () => {
  const token = (i: number) => `\uE000${i}\uE001`;
  /** The filler from the yaml package's document, and the one from the fast reader's value; undefined where the fast reader leaves it. */
  function fillers(text: string): [Filler, Filler | undefined] {
    const doc = parseDocument(text, { uniqueKeys: true, merge: true });
    assert.deepEqual(doc.errors, [], text);
    const read = fastRead(text, tokenReadOptions);
    return [compileFiller(doc)!, read && valueFiller(read.value)];
  }
  const outcome = (fill: Filler, values: unknown[]) => {
    try {
      return { value: fill(values) };
    } catch (e) {
      return { error: (e as Error).name };
    }
  };

  // Section texts as a render leaves them: tokens as whole plain scalars, quoted, inside text, in keys and blocks.
  const scalar = fc.oneof(
    fc.constantFrom('x', 'a b', '1', '0o17', '0x1f', '-1.5e3', '.inf', 'null', '~', 'true', 'False', '""', "'it''s'", '"\\n"'),
    fc.nat(3).map(token),
    fc.nat(3).map((i) => `"${token(i)}"`),
    fc.nat(3).map((i) => `'${token(i)}'`),
    fc.nat(3).map((i) => `pre-${token(i)}-post`),
    fc.nat(3).map((i) => `"${token(i)}:${token(i + 1)}"`),
  );
  const key = fc.oneof(fc.constantFrom('a', 'b', '1', '2', 'null', 'true', '"q k"', '__proto__', 'constructor', '"a\\"b"', "'back\\slash'", '"\\u2028"', '"${x}"'), fc.nat(3).map(token), fc.nat(3).map((i) => `${token(i)}-data`));
  const block = (indent: string): fc.Arbitrary<string> =>
    fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar.map((s) => ` ${s}`),
        fc.array(scalar, { maxLength: 3 }).map((items) => ` [${items.join(', ')}]`),
        fc.nat(3).map((i) => ` |\n${indent}  line ${token(i)}\n${indent}  end`),
        fc.constant(''),
        fc.uniqueArray(fc.tuple(key, tie('node')), { minLength: 1, maxLength: 3, selector: ([k]) => k }).map((pairs) => '\n' + pairs.map(([k, v]) => `${indent}  ${k}:${v.replaceAll('\n', '\n  ')}`).join('\n')),
        fc.array(scalar, { minLength: 1, maxLength: 3 }).map((items) => '\n' + items.map((item) => `${indent}  - ${item}`).join('\n')),
      ),
    })).node;
  const section = fc.uniqueArray(fc.tuple(key, block('')), { minLength: 1, maxLength: 4, selector: ([k]) => k }).map((pairs) => pairs.map(([k, v]) => `${k}:${v}`).join('\n') + '\n');
  const values = fc.array(fc.oneof(fc.constantFrom('web', '', 'x: y', 'l1\nl2', '1', 0, 8080, true, null, ['a', 1], { k: 'v' }), fc.string()), { minLength: 5, maxLength: 5 });

  it('the fast reader gives the same filler as the yaml package, for every section it reads', () => {
    let read = 0;
    fc.assert(
      fc.property(section, values, (text, vals) => {
        const doc = parseDocument(text, { uniqueKeys: true, merge: true });
        fc.pre(doc.errors.length === 0);
        const [slow, fast] = fillers(text);
        if (!fast) return;
        read++;
        assert.deepEqual(outcome(fast, vals), outcome(slow, vals), text);
      }),
      { numRuns: 1500 },
    );
    assert.ok(read > 600, `the fast reader read ${read} of 1500 sections`);
  });

  it('a null key is the empty key, and an index-like key beside a token key is left to the document', () => {
    assert.equal(fastRead('null: 1\n~: 2\n', tokenReadOptions), undefined, 'two empty keys are a duplicate: the full reader reports it');
    assert.deepEqual(fillers('a:\n  b:\n    c:\n      null: 1\n')[1]?.([]), { a: { b: { c: { '': 1 } } } });
    assert.equal(fillers(`${token(0)}: a\n1: b\n`)[1], undefined);
  });

  it('keys and texts come out one byte a character, though the section is two (its tokens)', () => {
    // V8's serializer tags a one-byte string '"' and a two-byte one 'c' (after its 2-byte header).
    const oneByte = (text: string) => serialize(text)[2] === 0x22;
    assert.equal(oneByte(token(0)), false);
    const text = `environment:\n  HOST_NAME: "${token(0)}"\n  PORT: ${token(1)}\nvolumes:\n  - "${token(0)}-data:/data"\n${token(0)}-key: fixed text\n`;
    for (const fill of fillers(text)) {
      const strings: string[] = [];
      const walk = (value: unknown): void => {
        if (typeof value === 'string') strings.push(value);
        else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) strings.push(key), walk(item);
      };
      walk(fill!(['web', 80]));
      assert.deepEqual(strings.filter((s) => !oneByte(s)), []);
      assert.ok(strings.includes('HOST_NAME') && strings.includes('web-data:/data') && strings.includes('web-key'));
    }
  });

  it('a key written or filled in as "__proto__" is an own key, not the prototype', () => {
    // The fast reader leaves a written __proto__ key to the yaml package; valueFiller is given one here directly.
    for (const fill of [...fillers(`${token(0)}: [1]\n`), fillers('__proto__: [1]\n')[0], valueFiller(JSON.parse('{"__proto__": [1]}'))]) {
      const value = fill!(['__proto__']) as object;
      assert.equal(Object.getPrototypeOf(value), Object.prototype);
      assert.deepEqual(Object.entries(value), [['__proto__', [1]]]);
    }
  });
});
