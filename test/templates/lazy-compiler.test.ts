import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { ROOT } from '../helpers/paths.js';

/** The `handlebars` the CLI bundle is built with: the compiler loaded when first used. */
const lazy = createRequire(import.meta.url)(join(ROOT, 'scripts', 'handlebars-lazy-compiler.cjs')) as typeof Handlebars;

const TEMPLATES = ['plain', '{{a}} and {{{b}}}', '{{#if a}}x{{b}}{{else}}y{{/if}}', '{{#each list}}- {{this}}\n{{/each}}', '  {{#with o}}\n  {{p}}\n  {{/with}}\n', '{{up a}}'];
const CONTEXT = { a: '<a>', b: '&b', list: [1, 'two'], o: { p: 'q' } };

function both(fn: (hb: typeof Handlebars) => unknown): [unknown, unknown] {
  const run = (hb: typeof Handlebars) => {
    try {
      return fn(hb);
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  return [run(lazy.create()), run(Handlebars.create())];
}

describe('the bundle\'s handlebars (compiler loaded on first use)', () => {
  it('compiles, precompiles and parses as the package does', () => {
    for (const text of [...TEMPLATES, '{{foo bar}', '{{#if}}x{{/each}}']) {
      const [compiled, expected] = both((hb) => {
        hb.registerHelper('up', (s: string) => String(s).toUpperCase());
        return hb.compile(text, { strict: false, preventIndent: true })(CONTEXT);
      });
      assert.deepEqual(compiled, expected, text);
      assert.deepEqual(...both((hb) => hb.precompile(text, { strict: false, preventIndent: true })), text);
      assert.deepEqual(...both((hb) => JSON.parse(JSON.stringify(hb.parse(text)))), text);
    }
  });

  it('has the environment the package makes', () => {
    const env = lazy.create();
    for (const key of Object.keys(Handlebars.create())) assert.ok(key in env, key);
    assert.equal(typeof env.template, 'function');
    assert.equal(typeof (env as unknown as Record<string, unknown>).JavaScriptCompiler, 'function');
  });
});
