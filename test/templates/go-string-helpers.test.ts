/**
 * The helpers with Podlike's and Go's names (src/templates/go-string-helpers.ts): printf against
 * the Go template engine's fmt (itself checked against Go in test/podlike-format), on drawn
 * formats and values; startsWith, contains and replace with Podlike's argument order; and an
 * error, never another text, where Go would print something else.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sprintf } from '../../src/podlike-format/go-template/go-fmt.js';
import { goValueOf } from '../../src/podlike-format/go-template/value.js';
import { contains, printf, replace, startsWith } from '../../src/templates/go-string-helpers.js';
import { HelperError } from '../../src/templates/helper-error.js';
import { propertyParams, propertyRuns } from '../helpers/property-params.js';

/** A verb with a value it prints, or literal text. */
const piece = fc.oneof(
  fc.string({ maxLength: 6 }).map((text) => ({ format: text.replaceAll('%', '%%'), values: [] as unknown[] })),
  fc.string({ maxLength: 6 }).map((text) => ({ format: '%s', values: [text] })),
  fc.integer({ min: -1e9, max: 1e9 }).map((n) => ({ format: '%d', values: [n] })),
  fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean()).map((v) => ({ format: '%v', values: [v as unknown] })),
);

describe('printf, startsWith, contains, replace', () => {
  it("printf prints %s, %d, %v and %% as Go's fmt does", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
        const format = pieces.map((p) => p.format).join('');
        const values = pieces.flatMap((p) => p.values);
        assert.equal(printf(format, ...values), sprintf(format, values.map(goValueOf)));
      }),
      propertyParams(propertyRuns(300)),
    );
  });

  it('printf refuses what Go prints in another way, with the reason', () => {
    assert.throws(() => printf('%5d', 3), (e: unknown) => e instanceof HelperError && /"%5d" is not a verb it prints/.test(e.message));
    assert.throws(() => printf('%s', 3), (e: unknown) => e instanceof HelperError && /%s cannot print 3/.test(e.message));
    assert.throws(() => printf('%v', 1.5), (e: unknown) => e instanceof HelperError && /%v cannot print 1.5/.test(e.message));
    assert.throws(() => printf('%s %s', 'a'), (e: unknown) => e instanceof HelperError && /more verbs than the 1 value/.test(e.message));
    assert.throws(() => printf('%s', 'a', 'b'), (e: unknown) => e instanceof HelperError && /1 value\(s\) more than/.test(e.message));
  });

  it("startsWith, contains and replace take the text last, as Podlike's functions in a pipeline", () => {
    assert.equal(startsWith('sidecar.', 'sidecar.port'), true);
    assert.equal(startsWith('sidecar.port', 'sidecar.'), false);
    assert.equal(contains('car', 'sidecar'), true);
    assert.equal(replace('sidecar.', '', -1, 'sidecar.port'), 'port');
    assert.equal(replace('a', 'b', 1, 'aaa'), 'baa');
    assert.equal(replace('', '-', 2, 'ab'), '-a-b');
    assert.throws(() => replace('a', 'b', '1', 'aaa'), (e: unknown) => e instanceof HelperError && /the count must be a whole number/.test(e.message));
    assert.throws(() => startsWith('a', 3), (e: unknown) => e instanceof HelperError && /the text must be text, not 3/.test(e.message));
  });
});
