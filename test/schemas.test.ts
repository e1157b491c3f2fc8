import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { EXAMPLES, ROOT, TEST_DATA } from './helpers/paths.js';

/** The JSON Schemas shipped for editors accept what the project itself writes. */
const readJson = (file: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', file), 'utf8')) as object;
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(readJson('x-podlike.schema.json'), 'x-podlike.schema.json');
const validateStack = ajv.compile(readJson('stack.schema.json'));
const validateTemplate = ajv.compile(readJson('template.schema.json'));

function stacksUnder(root: string): string[] {
  return readdirSync(root)
    .map((name) => join(root, name, 'stack.yml'))
    .filter((path) => existsSync(path));
}

describe('shipped JSON Schemas', () => {
  it('template.schema.json accepts every built-in template', () => {
    const folder = join(ROOT, 'templates');
    for (const file of readdirSync(folder)) {
      assert.ok(validateTemplate(parse(readFileSync(join(folder, file), 'utf8'))), `${file}: ${ajv.errorsText(validateTemplate.errors)}`);
    }
  });

  it('template.schema.json refuses an unknown section', () => {
    assert.equal(validateTemplate({ name: 'x', description: 'y', component: '' }), false);
  });

  it('stack.schema.json accepts every example and golden stack', () => {
    for (const path of [...stacksUnder(EXAMPLES), ...stacksUnder(join(TEST_DATA, 'golden'))]) {
      assert.ok(validateStack(parse(readFileSync(path, 'utf8'), { merge: true })), `${path}: ${ajv.errorsText(validateStack.errors)}`);
    }
  });

  it('stack.schema.json refuses a misspelt x-podlike key', () => {
    assert.equal(validateStack({ 'x-podlike': { default: ['http'] } }), false);
    assert.equal(validateStack({ services: { a: { 'x-podlike': { template: ['http'] } } } }), false);
  });
});
