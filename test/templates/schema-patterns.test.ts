import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { unusablePattern } from '../../src/templates/schema-patterns.js';
import { ROOT } from '../helpers/paths.js';

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

  it('finds a pattern RE2 cannot read: every value is matched with RE2, so it could not be used', () => {
    for (const pattern of ['^(?!x)a$', '(?<=a)b', '^(a)\\1$', 'a{1001}', '^\\p{Script=Greek}$']) {
      assert.match(unusablePattern({ properties: { p: { type: 'string', pattern } } })?.message ?? '', /^RE2 cannot read it \(.+\): patterns are matched with RE2/, pattern);
    }
  });

  it("passes every built-in template's patterns", () => {
    const folder = join(ROOT, 'templates');
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.yml'))) {
      const template = parse(readFileSync(join(folder, file), 'utf8')) as { args?: unknown };
      assert.equal(unusablePattern(template.args ?? {}), undefined, file);
    }
  });

  it("config-reload's subpath pattern, written without a lookahead, accepts what the lookahead did (every text of up to 6 of a . / - _)", () => {
    const template = parse(readFileSync(join(ROOT, 'templates', 'config-reload.yml'), 'utf8')) as { args: { properties: { subpath: { pattern: string } } } };
    const now = new RegExp(template.args.properties.subpath.pattern, 'u');
    const before = /^(?!.*(^|\/)\.\.(\/|$))([A-Za-z0-9._][A-Za-z0-9._/-]*)?$/u;
    const check = (text: string, left: number): void => {
      assert.equal(now.test(text), before.test(text), JSON.stringify(text));
      if (left > 0) for (const c of ['a', '.', '/', '-', '_']) check(text + c, left - 1);
    };
    check('', 6);
  });
});
