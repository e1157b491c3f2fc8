/** Which stacks are in Podlike's own template format, and which are podlike-gen's. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { isPodlikeFormatStack } from '../../src/podlike-format/detect-format.js';

const detect = (yaml: string) => isPodlikeFormatStack(parse(yaml));

test("Podlike's top-level per-service configuration is Podlike's format", () => {
  assert.equal(detect('services: {api: {image: a}}\nx-podlike:\n  api:\n    templates: [templates/side.yml]\n'), true);
  assert.equal(detect('services: {api: {image: a}}\nx-podlike:\n  api: {}\n  args: {A: 1}\n'), true);
});

test("a service-level pod, transformer, init or copy, or templates given as files, URLs or inline texts, is Podlike's format", () => {
  assert.equal(detect('services:\n  api:\n    image: a\n    x-podlike: {copy: {inline: "app: /a:/b"}}\n'), true);
  assert.equal(detect('services:\n  api:\n    image: a\n    x-podlike: {templates: [side.yml]}\n'), true);
  assert.equal(detect('services:\n  api:\n    image: a\n    x-podlike: {templates: ["https://t.local/side"]}\n'), true);
  assert.equal(detect('services:\n  api:\n    image: a\n    x-podlike: {templates: [{inline: "side: {image: b}"}]}\n'), true);
});

test("podlike-gen's own x-podlike is not Podlike's format, a misspelt key included", () => {
  assert.equal(detect('services:\n  api:\n    image: a\n    x-podlike: {templates: [http, with-logging], args: {http: {port: 5000}}}\n'), false);
  assert.equal(detect('services: {api: {image: a}}\nx-podlike:\n  templates-path: [./t]\n  controller: {image: rycus86/podlike:latest}\n  args: {http: {port: 1}}\n'), false);
  assert.equal(detect('services: {api: {image: a}}\nx-podlike:\n  controler: {image: rycus86/podlike:latest}\n'), false);
});
