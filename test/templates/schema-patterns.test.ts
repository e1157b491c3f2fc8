import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { unusablePattern } from '../../src/templates/schema-patterns.js';

const TOO_LARGE = `${'7'.repeat(200_000)}x`;

describe('unusablePattern', () => {
  it('finds a pattern V8 takes but cannot compile, which it reports only on first use', () => {
    const schema = { type: 'object', properties: { ok: { type: 'string', pattern: '^[a-z]+$' }, big: { type: 'string', pattern: TOO_LARGE } } };
    // What ajv would meet when a pod's args are checked, after the template had loaded.
    const regex = new RegExp(TOO_LARGE, 'u');
    assert.throws(() => regex.test(''), /Regular expression too large/);
    assert.deepEqual(unusablePattern(schema), { path: ['properties', 'big', 'pattern'], message: 'Regular expression too large' });
  });

  it('checks patternProperties keys and patterns inside lists, and a syntax error too', () => {
    assert.deepEqual(unusablePattern({ patternProperties: { '^a': {}, [TOO_LARGE]: {} } })?.path, ['patternProperties', TOO_LARGE]);
    assert.deepEqual(unusablePattern({ anyOf: [{ pattern: 'a' }, { pattern: '(' }] }), { path: ['anyOf', 1, 'pattern'], message: 'Unterminated group' });
  });

  it('leaves data alone: a default, const, enum or examples value named pattern is not one', () => {
    assert.equal(unusablePattern({ properties: { p: { type: 'object', default: { pattern: '(' }, const: { pattern: '(' }, enum: [{ pattern: '(' }], examples: [{ pattern: '(' }] } } }), undefined);
    assert.equal(unusablePattern({ properties: { pattern: { type: 'string', pattern: '^x' } } }), undefined);
  });
});
