import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sameJsonValue } from '../../src/emit/splice-text.js';
import { sameJson } from '../../src/model/compose-lists.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);
const params = (numRuns = RUNS) => ({ numRuns, ...(SEED === undefined ? {} : { seed: SEED }) });

const key = fc.constantFrom('a', 'b', 'c', 'toJSON', '__proto__', '0', '1');
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom<unknown>('x', 'y', '', 0, 1, -0, Number.NaN, true, null, undefined, () => 1, new Date(0)),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    fc.array(tie('value'), { maxLength: 3 }),
  ),
}));

/** A record and a copy of it, sometimes with one entry changed, dropped or moved last: mostly pairs with the same keys. */
const pair = fc.tuple(fc.dictionary(key, value, { maxKeys: 4 }), value, fc.nat(3), fc.nat(3)).map(([record, other, change, at]) => {
  const entries = Object.entries(record);
  const i = at % Math.max(entries.length, 1);
  if (entries.length > 0 && change === 1) entries[i] = [entries[i][0], other];
  if (entries.length > 0 && change === 2) entries.splice(i, 1);
  if (entries.length > 0 && change === 3) entries.push(...entries.splice(i, 1));
  // fromEntries defines `__proto__` as an own key, as the YAML reader does.
  return [record, Object.fromEntries(entries)] as const;
});

describe('sameJsonValue', () => {
  it('compares the services of a stack key by key, stopping at the first that differs', () => {
    assert.equal(sameJsonValue({ a: { x: 1 }, b: 'y' }, { a: { x: 1 }, b: 'y' }), true);
    assert.equal(sameJsonValue({ a: { x: 1 }, b: 'y' }, { a: { x: 2 }, b: 'y' }), false);
    assert.equal(sameJsonValue({ a: 1, b: 2 }, { b: 2, a: 1 }), false);
    assert.equal(sameJsonValue({ a: 1, b: undefined }, { a: 1, b: () => 1 }), true);
    assert.equal(sameJsonValue({ a: 1, toJSON: () => 2 }, { a: 2, toJSON: () => 2 }), true);
  });

  it('answers as sameJson does, for arbitrary values', () => {
    fc.assert(
      fc.property(pair, value, value, ([a, b], c, d) => {
        assert.equal(sameJsonValue(a, b), sameJson(a, b));
        assert.equal(sameJsonValue(c, d), sameJson(c, d));
      }),
      params(),
    );
  });
});
