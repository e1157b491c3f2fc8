import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'yaml';
import { sameJsonValue, spliceText } from '../../src/emit/splice-text.js';
import { parseSource } from '../../src/load/source-file.js';
import { sameJson, type JsonObject } from '../../src/model/compose-lists.js';
import { propertyParams, propertyRuns } from '../helpers/property-params.js';

const RUNS = propertyRuns(300);
const params = (numRuns = RUNS) => propertyParams(numRuns);

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

/** The file's text brought to `model` by each reader's splice; each must read back as `model`. */
function splicedBothWays(text: string, model: JsonObject): string[] {
  return [false, true].map((fullReader) => {
    const spliced = spliceText(parseSource('stack.yml', text, { fullReader }), model, []);
    assert.ok(spliced !== undefined, `the ${fullReader ? 'full' : 'fast'} reader's splice gave up`);
    assert.deepEqual(parse(spliced), model, `${fullReader ? 'full' : 'fast'} reader's splice:\n${spliced}`);
    return spliced;
  });
}

describe('spliceText', () => {
  it('keeps the text of what did not change, comments included', () => {
    const text = '# top\nversion: "3.8" # kept\nservices:\n  a:\n    image: x:1\n';
    for (const spliced of splicedBothWays(text, { version: '3.8', services: { a: { image: 'x:2' } } })) {
      assert.equal(spliced, '# top\nversion: "3.8" # kept\nservices:\n  a:\n    image: x:2\n');
    }
  });

  it('writes a new value over a block scalar, which cannot change in place', () => {
    for (const old of ['>-\n      x:1\n', '|\n', '>-\n']) {
      splicedBothWays(`version: "3.8"\nservices:\n  a:\n    image: ${old}    command: run\n`, { version: '3.8', services: { a: { image: 'x:2', command: 'run' } } });
    }
  });

  it('writes a value that needs several lines afresh, not in the old one-line style', () => {
    splicedBothWays('services:\n  a:\n    command: run\n    hostname: "h"\n', { services: { a: { command: 'a\n\nb  c', hostname: 'x\ny' } } });
  });

  it('changes the scalars of a list in place, comments kept: a rebased path in a short or long volume entry', () => {
    const text = 'services:\n  a:\n    volumes:\n      - ./html:/h   # site\n      - type: bind\n        source: x # long\n        target: /x\n    configs: [c, "./d"]   # flow\n';
    const model = { services: { a: { volumes: ['../html:/h', { type: 'bind', source: '../x', target: '/x' }], configs: ['c', '../d'] } } };
    for (const spliced of splicedBothWays(text, model)) {
      assert.equal(spliced, 'services:\n  a:\n    volumes:\n      - ../html:/h   # site\n      - type: bind\n        source: ../x # long\n        target: /x\n    configs: [c, "../d"]   # flow\n');
    }
  });

  it('writes a flow list afresh when a plain item would need a comma, which ends it there', () => {
    for (const spliced of splicedBothWays('services:\n  a:\n    volumes: [./h:/h]\n', { services: { a: { volumes: ['./a,b/h:/h'] } } })) {
      assert.doesNotMatch(spliced, /\[/);
    }
  });

  it('writes a mapping left with no entries as {}, not as a key alone (which reads as null)', () => {
    for (const spliced of splicedBothWays('x-a:\n  b: 1\n  c: 2\nservices: {}\n', { 'x-a': {}, services: {} })) assert.match(spliced, /^x-a: \{\}$/m);
  });
});
