import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { loadTemplate } from '../../src/templates/load-template.js';
import { BUILTIN_TEMPLATES } from '../../src/templates/search-path.js';
import { precompiled } from '../../src/validate/precompiled.js';
import { diagnosticsOf } from '../helpers/diagnostics-of.js';
import { ROOT } from '../helpers/paths.js';
import { workspace } from '../helpers/workspace.js';

/** Args schemas a user template could have: valid ones, and ones ajv refuses. */
const VALID: object[] = [
  { type: 'object', properties: { port: { type: 'integer', default: 80 } } },
  { type: 'object', additionalProperties: false, required: ['repo'], properties: { repo: { type: 'string', pattern: '^https://' }, tags: { type: 'array', items: { type: 'string' } } } },
  { type: 'object', properties: { mode: { enum: ['a', 'b'], default: 'a' }, nested: { type: 'object', properties: { x: { type: ['string', 'null'] } } } } },
  { type: 'object', properties: { any: {}, never: false, always: true, one: { oneOf: [{ type: 'string' }, { type: 'integer' }] } } },
];
const INVALID: object[] = [
  { type: 'object', properties: { port: { type: 'integr' } } },
  { type: 'object', properties: { a: { type: 3 }, b: { items: 'x' } } },
  { type: 'object', required: 'port' },
  { type: 'object', properties: { port: { minimum: 'one' } }, additionalProperties: 'no' },
  { type: 'object', properties: { tags: { type: 'array', items: [{ type: 'strin' }] } }, dependencies: { a: 3 } },
];

const fileSchemas = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => parse(readFileSync(join(dir, f), 'utf8')).args)
    .filter((s) => s !== undefined) as object[];

function templateWith(args: object): string {
  const dir = workspace({ 'user.yml': `name: user\ndescription: d\nargs: ${JSON.stringify(args)}\ncomponents: |\n  side:\n    image: x\n` });
  return join(dir, 'user.yml');
}

describe('user templates: args schemas', () => {
  it("the build's draft-07 validator judges schemas as ajv's own check does", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const check = precompiled('json-schema-draft-07');
    const more = [{ type: 'objectx' }, { type: 'object', properties: [] }, true, false, {}];
    for (const schema of [...VALID, ...INVALID, ...more, ...fileSchemas(BUILTIN_TEMPLATES), ...fileSchemas(join(ROOT, 'bench', 'templates'))]) {
      assert.equal(check(schema), ajv.validateSchema(schema), JSON.stringify(schema));
    }
  });

  it('a valid schema compiles to a validator that fills in defaults', () => {
    const template = loadTemplate(templateWith(VALID[0]), 'tpl/user.yml');
    const args: Record<string, unknown> = {};
    assert.equal(template.validateArgs(args), true);
    assert.deepEqual(args, { port: 80 });
    assert.equal(template.validateArgs({ port: 'x' }), false);
  });

  it("an invalid schema is reported with ajv's own message", () => {
    for (const schema of INVALID) {
      let expected = '';
      try {
        new Ajv({ allErrors: true, strict: false, useDefaults: true }).compile(schema);
      } catch (e) {
        expected = (e as Error).message;
      }
      assert.match(expected, /^schema is invalid: /);
      const [d] = diagnosticsOf(() => loadTemplate(templateWith(schema), 'tpl/user.yml'));
      assert.equal(d.message, `invalid args schema: ${expected}`);
    }
  });

  it('a schema naming its own $schema is checked by ajv', () => {
    const template = loadTemplate(templateWith({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { a: { type: 'string', default: 'x' } } }));
    const args: Record<string, unknown> = {};
    assert.equal(template.validateArgs(args), true);
    assert.deepEqual(args, { a: 'x' });
    const [d] = diagnosticsOf(() => loadTemplate(templateWith({ $schema: 'http://example.com/unknown#', type: 'object' })));
    assert.match(d.message, /^invalid args schema: no schema with key or ref "http:\/\/example\.com\/unknown#"/);
  });
});

describe("user templates: the args schema's own defaults", () => {
  /** The args block written out in YAML, so that positions can be asserted: `args:` is line 3. */
  function templateText(args: string): string {
    return join(workspace({ 'user.yml': `name: user\ndescription: d\nargs:\n${args}components: |\n  side:\n    image: x\n` }), 'user.yml');
  }

  it('a default that fails its own schema is the template\'s error, at the default, not every service\'s', () => {
    const path = templateText('  type: object\n  properties:\n    port: { type: integer, default: "80" }\n    mode: { enum: [fast, slow], default: medium }\n');
    const ds = diagnosticsOf(() => loadTemplate(path, 'tpl/user.yml'));
    assert.deepEqual(
      ds.map((d) => [d.message, d.position?.line, d.position?.col]),
      [
        ['invalid args schema: the default of arg "port" ("80") does not pass its own schema: must be a whole number', 6, 37],
        ['invalid args schema: the default of arg "mode" ("medium") does not pass its own schema: must be one of "fast", "slow"', 7, 42],
      ],
    );
  });

  it('a nested default, and a value deep inside a default, name the arg and the place inside it', () => {
    const path = templateText(
      '  type: object\n  properties:\n    cache:\n      type: object\n      default: {}\n      properties:\n        size: { type: integer, default: big }\n    tags: { type: array, items: { type: string }, default: [a, 2] }\n',
    );
    const ds = diagnosticsOf(() => loadTemplate(path, 'tpl/user.yml'));
    assert.deepEqual(
      ds.map((d) => [d.message, d.position?.line]),
      [
        ['invalid args schema: the default of arg "cache.size" ("big") does not pass its own schema: must be a whole number', 10],
        ['invalid args schema: the default of arg "tags" (["a",2]) does not pass its own schema: tags.1: must be a string', 11],
      ],
    );
  });

  it('a required arg without a default, and defaults that pass, are no error', () => {
    const path = templateText('  type: object\n  required: [token]\n  properties:\n    token: { type: string }\n    port: { type: integer, default: 80 }\n    cache: { type: object, default: { size: 1 }, required: [size] }\n');
    assert.equal(loadTemplate(path, 'tpl/user.yml').name, 'user');
  });
});
