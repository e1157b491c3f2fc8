import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasRiskyString } from '../../src/emit/yaml-style.js';
import { propertyParams, propertyRuns } from '../helpers/property-params.js';

const RUNS = propertyRuns(300);
const params = (numRuns = RUNS) => propertyParams(numRuns);

/** The former check, over Object.entries of every object and array. */
const RISKY_STRING = /[\r\t\x7f-\x9f\u2028\u2029\ufffe\uffff]|[ ]\n|[ ]$|^[ ]/;
function formerHasRiskyString(value: unknown): boolean {
  if (typeof value === 'string') return RISKY_STRING.test(value);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, child]) => RISKY_STRING.test(key) || formerHasRiskyString(child));
}

const PIECES = ['\r', '\n', '\t', ' ', ' \n', '\n ', '\u0085', '\u2028', '\u2029', '\u00a0', 'a', 'b c', '- x', ': '];
const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 6 }).map((parts) => parts.join(''));
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.boolean(), fc.constant(null), fc.dictionary(text, tie('json'), { maxKeys: 4 }), fc.array(tie('json'), { maxLength: 4 })),
}));

describe('hasRiskyString', () => {
  it('finds risky characters, a space before a newline and a space at either end, in keys and values', () => {
    for (const risky of ['a\rb', 'a\tb', '\u0085', 'x\u2028', '\u2029', 'a \nb', 'a ', ' a', ' ']) {
      assert.equal(hasRiskyString({ k: [risky] }), true, JSON.stringify(risky));
      assert.equal(hasRiskyString({ [risky]: 1 }), true, JSON.stringify(risky));
    }
    assert.equal(hasRiskyString({ 'a b': ['x\n y', 'x\n\ny\n', 1, null, true], '': {} }), false);
  });

  it('answers as the former walk over Object.entries did, for arbitrary values', () => {
    fc.assert(fc.property(json, (value) => assert.equal(hasRiskyString(value), formerHasRiskyString(value))), params());
  });
});
