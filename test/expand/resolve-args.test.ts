import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStack } from '../../src/load/read-stack.js';
import { readPodRequest, readStackConfig } from '../../src/expand/pod-config.js';
import { coerceLabelValue, resolveArgs } from '../../src/expand/resolve-args.js';
import { loadTemplate } from '../../src/templates/load-template.js';
import type { JsonObject } from '../../src/model/compose-lists.js';
import { diagnosticsOf } from '../helpers/diagnostics-of.js';

const WEB = `name: web
description: test template
args:
  type: object
  additionalProperties: false
  properties:
    port: { type: integer, default: 8080 }
    ratio: { type: number, default: 0.5 }
    cache: { type: boolean, default: true }
    tags: { type: array, items: { type: integer }, default: [] }
    name: { type: string, default: dflt }
    nested:
      type: object
      properties:
        size: { type: integer, default: 1 }
`;

function webTemplate() {
  const dir = mkdtempSync(join(tmpdir(), 'podlike-args-'));
  writeFileSync(join(dir, 'web.yml'), WEB);
  return loadTemplate(join(dir, 'web.yml'), 'tpl/web.yml');
}

const STACK = `version: "3.8"
x-podlike:
  args:
    web: { port: 1, ratio: 1.5, name: stack }
services:
  a:
    image: x
    labels:
      podlike.templates: web
      podlike.web.port: "3"
      podlike.web.tags: "1, 2,3"
      podlike.web.nested.size: "7"
    x-podlike:
      args:
        web: { port: 2, ratio: 2.5, cache: false }
  b:
    image: x
    labels:
      - podlike.templates=web
      - podlike.web.prot=3
  c:
    image: x
    deploy:
      labels:
        podlike.templates: web
        podlike.web.port: "abc"
  d:
    image: x
    labels: { podlike.templates: web }
`;

function argsFor(service: string): JsonObject {
  const stack = loadStack([{ path: 'stack.yml', text: STACK }]);
  const request = readPodRequest(stack, service, (stack.model.services as JsonObject)[service] as JsonObject)!;
  return resolveArgs(request, webTemplate(), readStackConfig(stack));
}

describe('coerceLabelValue', () => {
  it('reads integers and numbers', () => {
    assert.equal(coerceLabelValue('42', { type: 'integer' }), 42);
    assert.equal(coerceLabelValue(' 7 ', { type: 'integer' }), 7);
    assert.equal(coerceLabelValue('4.5', { type: 'number' }), 4.5);
    assert.equal(coerceLabelValue('1e3', { type: 'number' }), 1000);
    assert.equal(coerceLabelValue('-2', { type: 'integer' }), -2);
  });

  it('leaves text that is not a number as a string, for the schema to report', () => {
    assert.equal(coerceLabelValue('12abc', { type: 'integer' }), '12abc');
    assert.equal(coerceLabelValue('', { type: 'integer' }), '');
  });

  it('reads every form of a decimal number, and nothing else', () => {
    for (const [text, value] of [['12.', 12], ['.5', 0.5], ['+.5e-2', 0.005], ['-1E3', -1000], ['007', 7]] as const) {
      assert.equal(coerceLabelValue(text, { type: 'number' }), value, text);
    }
    for (const text of ['1.2.3', '.', '1e', 'e3', '--1', '1 2', '+', '1e+', '0x10']) assert.equal(coerceLabelValue(text, { type: 'number' }), text, text);
  });

  it('reads the same numbers as the pattern it replaced, which backtracked on long runs of digits', () => {
    const before = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.eE+- x'), maxLength: 12 }), (text) => {
        const coerced = coerceLabelValue(text, { type: 'number' });
        assert.equal(typeof coerced === 'number', before.test(text.trim()), JSON.stringify(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('answers for a label of 200,000 digits that ends as no number (the pattern tried every split of them)', () => {
    const text = `${'1'.repeat(200_000)}x`;
    assert.equal(coerceLabelValue(text, { type: 'integer' }), text);
  });

  it('reads booleans in their usual spellings', () => {
    for (const word of ['true', 'yes', 'on', '1', 'TRUE']) assert.equal(coerceLabelValue(word, { type: 'boolean' }), true, word);
    for (const word of ['false', 'no', 'Off', '0']) assert.equal(coerceLabelValue(word, { type: 'boolean' }), false, word);
    assert.equal(coerceLabelValue('maybe', { type: 'boolean' }), 'maybe');
  });

  it('splits a comma list into an array, typing its items', () => {
    assert.deepEqual(coerceLabelValue('1,2, 3', { type: 'array', items: { type: 'integer' } }), [1, 2, 3]);
    assert.deepEqual(coerceLabelValue('api, v1,', { type: 'array', items: { type: 'string' } }), ['api', 'v1']);
    assert.deepEqual(coerceLabelValue('a, b', { type: 'array' }), ['a', 'b']);
  });

  it('keeps a string a string, untrimmed', () => {
    assert.equal(coerceLabelValue('007', { type: 'string' }), '007');
    assert.equal(coerceLabelValue(' x ', { type: 'string' }), ' x ');
    assert.equal(coerceLabelValue('5', undefined), '5');
  });

  it('reads an empty label as null where null is allowed', () => {
    assert.equal(coerceLabelValue('', { type: ['integer', 'null'] }), null);
  });
});

describe('resolveArgs', () => {
  it('takes labels over service x-podlike over stack x-podlike over defaults', () => {
    assert.deepEqual(argsFor('a'), { port: 3, ratio: 2.5, name: 'stack', cache: false, tags: [1, 2, 3], nested: { size: 7 } });
  });

  it('fills in defaults and stack args for a service without its own', () => {
    // `nested` has no default of its own, so its properties' defaults are not filled in either (JSON Schema defaults).
    assert.deepEqual(argsFor('d'), { port: 1, ratio: 1.5, name: 'stack', cache: true, tags: [] });
  });

  it('reports an unknown arg with a suggestion, at the label', () => {
    const [d, ...rest] = diagnosticsOf(() => argsFor('b'));
    assert.equal(rest.length, 0);
    assert.equal(d.message, 'service "b", template "web" (tpl/web.yml): unknown arg "prot" (did you mean "port"?)');
    assert.deepEqual(d.position, { file: 'stack.yml', line: 20, col: 9 });
  });

  it('reports a label of the wrong type, at the label', () => {
    const [d] = diagnosticsOf(() => argsFor('c'));
    assert.equal(d.message, 'service "c", template "web" (tpl/web.yml): arg "port" must be a whole number');
    assert.deepEqual(d.position, { file: 'stack.yml', line: 26, col: 9 });
  });

  it('names a required arg the service left out, and how to give it, at the service', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podlike-args-'));
    writeFileSync(join(dir, 'vault.yml'), 'name: vault\ndescription: d\nargs:\n  type: object\n  required: [token]\n  properties:\n    token: { type: string }\n    tls: { type: object, properties: { ca: { type: string } }, required: [ca] }\n');
    const template = loadTemplate(join(dir, 'vault.yml'), 'tpl/vault.yml');
    const stack = loadStack([{ path: 's.yml', text: 'services:\n  a:\n    image: x\n    labels:\n      podlike.templates: vault\n      podlike.vault.tls.cert: x\n' }]);
    const request = readPodRequest(stack, 'a', (stack.model.services as JsonObject).a as JsonObject)!;
    const ds = diagnosticsOf(() => resolveArgs(request, template, readStackConfig(stack)));
    assert.deepEqual(
      ds.map((d) => [d.message, d.position?.line]),
      [
        ['service "a", template "vault" (tpl/vault.yml): arg "token" is required: set it with the label podlike.vault.token, or in x-podlike.args', 2],
        ['service "a", template "vault" (tpl/vault.yml): arg "tls.ca" is required: set it with the label podlike.vault.tls.ca, or in x-podlike.args', 6],
      ],
    );
  });

  it('resolves the same args once for the pods that write them, and each failing pod again', () => {
    const text = 'services:\n' + ['a', 'b', 'c'].map((name) => `  ${name}:\n    image: x\n    labels: { podlike.templates: web, podlike.web.port: "${name === 'c' ? 9 : 5}" }\n`).join('') + '  d:\n    image: x\n    labels: { podlike.templates: web, podlike.web.port: "x" }\n  e:\n    image: x\n    labels: { podlike.templates: web, podlike.web.port: "x" }\n';
    const stack = loadStack([{ path: 's.yml', text }]);
    const [config, template] = [readStackConfig(stack), webTemplate()];
    const args = (name: string) => resolveArgs(readPodRequest(stack, name, (stack.model.services as JsonObject)[name] as JsonObject)!, template, config);
    assert.equal(args('a'), args('b'));
    assert.equal(args('a').port, 5);
    assert.equal(args('c').port, 9);
    assert.match(diagnosticsOf(() => args('d'))[0].message, /^service "d", .*arg "port" must be a whole number/);
    assert.match(diagnosticsOf(() => args('e'))[0].message, /^service "e", .*arg "port" must be a whole number/);
  });

  it('blames the service x-podlike when it wrote the bad value', () => {
    const stack = loadStack([{ path: 's.yml', text: 'services:\n  a:\n    image: x\n    x-podlike:\n      templates: [web]\n      args:\n        web: { cache: "no" }\n' }]);
    const request = readPodRequest(stack, 'a', (stack.model.services as JsonObject).a as JsonObject)!;
    const [d] = diagnosticsOf(() => resolveArgs(request, webTemplate(), readStackConfig(stack)));
    assert.equal(d.message, 'service "a", template "web" (tpl/web.yml): arg "cache" must be true or false');
    assert.equal(d.position?.file, 's.yml');
    assert.equal(d.position?.line, 7);
  });
});
