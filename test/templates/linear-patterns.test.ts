import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { linearPattern } from '../../src/templates/linear-patterns.js';
import { propertyParams, propertyRuns } from '../helpers/property-params.js';

/** Patterns made of what args patterns are made of: literals, escapes, classes, groups, alternatives, quantifiers, anchors. */
const ATOMS = ['a', 'b', '-', '1', ' ', '\\.', '\\d', '\\w', '\\s', '\\S', '\\W', '.', '[a-c]', '[^a]', '[\\w.-]', '[ \\t]', '\\n', '\\b', '\\B', '[\\S.]', '[^\\s]', '\\u00e9', '[^]', '[\\s\\d]'];
const QUANTIFIERS = ['', '', '*', '+', '?', '{1,3}', '*?', '+?', '{2}'];
const { regex } = fc.letrec<{ regex: string; atom: string; piece: string }>((tie) => ({
  // Groups nest at most two deep: V8's own engine, the reference here, backtracks exponentially on deeper ones.
  atom: fc.oneof({ maxDepth: 2 }, fc.constantFrom(...ATOMS), tie('regex').map((r) => `(${r})`), tie('regex').map((r) => `(?:${r})`)),
  piece: fc.tuple(tie('atom'), fc.constantFrom(...QUANTIFIERS)).map(([atom, quantifier]) => atom + quantifier),
  regex: fc.tuple(fc.array(tie('piece'), { minLength: 1, maxLength: 3 }), fc.array(tie('piece'), { maxLength: 3 }), fc.boolean()).map(([first, second, alternative]) =>
    alternative ? `${first.join('')}|${second.join('')}` : [...first, ...second].join(''),
  ),
}));
const pattern = fc.tuple(regex, fc.constantFrom('', '^'), fc.constantFrom('', '$')).map(([body, start, end]) => `${start}${body}${end}`);

/** Values mostly of the characters the patterns name, sometimes with ones only V8's engine gets. */
const value = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', '.', '1', ' ', '_', '\t', '\n', 'é', '\r', '\u2028', '\u00a0', '\v', '😀', '\ufeff', '\u3000', '\u0085'), maxLength: 8 });

describe('args patterns matched in linear time', () => {
  it('agree with V8 on every value, for patterns made of what args patterns are made of (property)', () => {
    fc.assert(
      fc.property(pattern, fc.array(value, { minLength: 1, maxLength: 8 }), (p, values) => {
        let native: RegExp;
        try {
          native = new RegExp(p, 'u');
        } catch {
          return;
        }
        const linear = linearPattern(p, 'u');
        for (const v of values) assert.equal(linear.test(v), native.test(v), `/${p}/u on ${JSON.stringify(v)}`);
      }),
      propertyParams(propertyRuns(300)),
    );
  });

  it('refuse what RE2 cannot read (no engine falls back to backtracking), and what V8 refuses', () => {
    for (const p of ['^(?=a)a$', '^(a)\\1$', 'a{1001}', '(?<=a)b']) assert.throws(() => linearPattern(p, 'u'), /cannot be matched in linear time/, p);
    assert.throws(() => linearPattern('a{,3', 'u'), SyntaxError);
  });

  it("read ECMA-262's escapes and classes as ECMA does: \\u, \\u{}, \\0, [] and [^], a [ inside a class", () => {
    const cases: [string, string, boolean][] = [
      ['^\\u0041$', 'A', true],
      ['^\\u{1F600}$', '😀', true],
      ['^\\ud83d\\ude00$', '😀', true],
      ['^a\\0$', 'a\0', true],
      ['^a[]$', 'a', false],
      ['^a[^]$', 'a\n', true],
      ['^[[:a]+$', ':[a', true],
      ['^.$', '\u2028', false],
      ['^.$', '😀', true],
      ['^\\s$', '\u00a0', true],
      ['^\\s$', '\ufeff', true],
      ['^[\\S]$', '\u3000', false],
      ['^[^\\s]$', 'é', true],
      ['^\\w$', 'é', false],
      ['^\\d$', '٣', false],
    ];
    for (const [p, v, expected] of cases) {
      assert.equal(new RegExp(p, 'u').test(v), expected, `V8: /${p}/u on ${JSON.stringify(v)}`);
      assert.equal(linearPattern(p, 'u').test(v), expected, `/${p}/u on ${JSON.stringify(v)}`);
    }
  });

  it('answer a value that almost matches a nested quantifier (V8 alone backtracked for hours on 40 characters)', { timeout: 30_000 }, () => {
    assert.equal(linearPattern('^(\\w+\\s?)*$', 'u').test(`${'a'.repeat(40)}!`), false);
    assert.equal(linearPattern('^(\\w+\\s?)*$', 'u').test('hello big world'), true);
  });

  it('answer in linear time whatever characters the value holds (a non-ASCII one took V8 back to backtracking)', { timeout: 30_000 }, () => {
    for (const odd of ['é', '\u0085', '😀', '-']) {
      assert.equal(linearPattern('^(\\w+\\s?)*$', 'u').test(`${'a'.repeat(40)}${odd}`), false);
      assert.equal(linearPattern('^(a|aa)*$', 'u').test(`${'a'.repeat(100)}${odd}`), false);
    }
  });
});
