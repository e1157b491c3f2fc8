/** Podlike's merge rules, on the cases of Podlike's own pkg/template/merge_test.go. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeRecursively, mergeServiceProperties, MERGED_POD_KEYS } from '../../src/podlike-format/merge-rules.js';
import type { JsonObject } from '../../src/model/compose-lists.js';

test('maps merge into maps; what is there wins (TestMerge_Maps)', () => {
  const target: JsonObject = {};
  mergeRecursively(target, { app: { image: 'example/image', labels: { 'label.source': 'm1' } } });
  mergeRecursively(target, { app: { labels: { 'label.source': 'ignored', 'additional.label': 'm2' }, read_only: true } });
  assert.deepEqual(target, { app: { image: 'example/image', labels: { 'label.source': 'm1', 'additional.label': 'm2' }, read_only: true } });
});

test('lists append to lists (TestMerge_WithSlices)', () => {
  const target: JsonObject = { app: { volumes: ['v1:/var/v1', 'v2:/var/v2'] } };
  mergeRecursively(target, { app: { volumes: ['v3:/var/v3'] } });
  mergeRecursively(target, { app: { volumes: ['v4:/var/v4'] } });
  assert.deepEqual(target, { app: { volumes: ['v1:/var/v1', 'v2:/var/v2', 'v3:/var/v3', 'v4:/var/v4'] } });
});

test('a KEY=VALUE list merges into a mapping (TestMerge_MixedMapsAndSlices)', () => {
  const target: JsonObject = { app: { labels: { label1: 'first', label2: 'second' } } };
  mergeRecursively(target, { app: { labels: ['label2=ignored', 'label3=third'] } });
  assert.deepEqual(target, { app: { labels: { label1: 'first', label2: 'second', label3: 'third' } } });
});

test('a mapping into a KEY=VALUE list turns it into a mapping (TestMerge_MixedSlicesAndMaps)', () => {
  const target: JsonObject = { app: { labels: ['label1=first', 'label2=second'] } };
  mergeRecursively(target, { app: { labels: { label2: 'ignored', label3: 'third' } } });
  assert.deepEqual(target, { app: { labels: { label1: 'first', label2: 'second', label3: 'third' } } });
});

test('deeper mappings merge level by level (TestMerge_Deeper)', () => {
  const target: JsonObject = { app: { deploy: { mode: 'global' } } };
  mergeRecursively(target, { app: { deploy: { placement: { constraints: ['node.role == manager'] }, resources: { limits: { memory: '50m' } } } } });
  mergeRecursively(target, { app: { deploy: { placement: { constraints: ['node.labels.test == xyz'] }, resources: { limits: { cpu: 0.2 } } } } });
  assert.deepEqual(target, {
    app: { deploy: { mode: 'global', placement: { constraints: ['node.role == manager', 'node.labels.test == xyz'] }, resources: { limits: { memory: '50m', cpu: 0.2 } } } },
  });
});

test('a string appends to a list (TestMerge_StringIntoSlice)', () => {
  const target: JsonObject = { app: { command: ['ls', '-l'] } };
  mergeRecursively(target, { app: { command: '-h' } });
  assert.deepEqual(target, { app: { command: ['ls', '-l', '-h'] } });
});

test('a list does not merge into a string (TestMerge_SliceIntoStringIsNotSupported)', () => {
  const target: JsonObject = { app: { command: '/bin/app' } };
  mergeRecursively(target, { app: { command: ['--this', '--gets', '--ignored'] } });
  assert.deepEqual(target, { app: { command: '/bin/app' } });
});

test('a mapping into a list that is not KEY=VALUE strings leaves the list as it is', () => {
  const target: JsonObject = { app: { ports: [8080] } };
  mergeRecursively(target, { app: { ports: { a: 'b' } } });
  assert.deepEqual(target, { app: { ports: [8080] } });
});

test('a merged value is a copy: merging into the result later does not change the source', () => {
  const source: JsonObject = { app: { labels: { a: '1' } } };
  const target: JsonObject = {};
  mergeRecursively(target, source);
  mergeRecursively(target, { app: { labels: { b: '2' } } });
  assert.deepEqual(source, { app: { labels: { a: '1' } } });
});

test("the service's pod keys fill only what the templates left out", () => {
  const controller: JsonObject = { labels: { from: 'template' } };
  mergeServiceProperties(controller, { image: 'app', labels: { from: 'service' }, ports: ['80:80'] }, MERGED_POD_KEYS);
  assert.deepEqual(controller, { labels: { from: 'template' }, ports: ['80:80'] });
});
