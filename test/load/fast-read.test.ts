/**
 * The fast reader against the full one: for every example and golden stack, and hundreds of
 * mutations of them, a file the fast reader takes has the value the full reader gives, and
 * the output spliced from its outline is the output spliced from the full document.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { load } from 'js-yaml';
import { compile } from '../../src/compile.js';
import { spliceText } from '../../src/emit/splice-text.js';
import { fastRead } from '../../src/load/fast-read.js';
import { parseSource, type SourceFile } from '../../src/load/source-file.js';
import { mutate, fuzzInputs } from '../hardening/mutators.js';
import { ROOT } from '../helpers/paths.js';

const inputs = fuzzInputs(ROOT);
const MUTATIONS = Number(process.env.FAST_READ_MUTATIONS ?? 1000);

function fullValue(text: string): unknown {
  try {
    return parseSource('stack.yml', text, { fullReader: true }).value;
  } catch (e) {
    return e;
  }
}

function readOrUndefined(text: string): SourceFile | undefined {
  try {
    return parseSource('stack.yml', text);
  } catch {
    return undefined;
  }
}

describe('fastRead', () => {
  it('reads the example and golden stacks as the full reader does; those with anchors, tags or merge keys the full way', () => {
    for (const input of inputs) {
      const text = readFileSync(join(input.dir, input.mutated), 'utf8');
      const fast = fastRead(text);
      if (fast) assert.deepStrictEqual(fast.value, fullValue(text), input.name);
      else assert.match(text, /[&*!]|<<|\b0[0-7]+\b/, `${input.name} is read the fast way`);
    }
  });

  it(`takes a mutated file only when the full reader reads it to the same value (${MUTATIONS} mutations)`, () => {
    let taken = 0;
    for (let i = 0; i < MUTATIONS; i++) {
      const input = inputs[i % inputs.length];
      const { text, description } = mutate(readFileSync(join(input.dir, input.mutated), 'utf8'), 7000 + i);
      const fast = fastRead(text);
      if (!fast) continue;
      taken++;
      assert.deepStrictEqual(fast.value, fullValue(text), `${input.name} seed ${7000 + i} (${description})`);
    }
    assert.ok(taken > MUTATIONS / 4, `the fast reader takes many mutated files: ${taken}`);
  });

  it('leaves to the full reader what it does not take', () => {
    const refused = {
      anchor: 'x: &a 1\ny: *a\n',
      tag: 'x: !!str 1\n',
      merge: 'a: {b: 1}\nc:\n  <<: {d: 2}\n',
      'complex key': '? [a]\n: 1\n',
      'two documents': 'a: 1\n---\nb: 2\n',
      directive: '%YAML 1.2\n---\na: 1\n',
      'leading-zero octal': 'mode: 0440\n',
      'duplicate key': 'a: 1\na: 2\n',
      'a bracket on its own line': 'a: [\n  1\n  ]\nb: 2\n',
      empty: '',
      error: 'a: [1, 2\n',
      'prototype key': '__proto__: 1\n',
      'byte-order mark inside': 'a: 1\n\uFEFF# c: d\n',
    };
    for (const [what, text] of Object.entries(refused)) assert.equal(fastRead(text), undefined, what);
  });

  it('refuses a key that reads as something other than its text where the outline needs it', () => {
    const refused = {
      null: 'a:\n  ~: 1\n',
      'hex number': '0x1F: 1\n',
      'escaped key': '"a\\x62": 1\n',
      'quote in a single-quoted key': "'it''s': 1\n",
      'escaped merge key': 'a: {"\\x3c<": {b: 1}}\n',
      'escaped prototype key': 'a: {"\\x5f_proto__": 1}\n',
      'duplicate once read': '1: a\n"1": b\n',
    };
    for (const [what, text] of Object.entries(refused)) assert.equal(fastRead(text), undefined, what);
  });

  it('reads a null key as the empty key, as the full reader does', () => {
    const text = 'a:\n  b:\n    c:\n      null: 1\n      d: {~: 2}\n';
    assert.deepStrictEqual(fastRead(text)?.value, { a: { b: { c: { '': 1, d: { '': 2 } } } } });
    assert.deepStrictEqual(fastRead(text)?.value, parseSource('s.yml', text, { fullReader: true }).value);
  });

  it('builds values as js-yaml does with the core schema', () => {
    const text = 'a: [1, 0o17, 0x1F, -2.5e3, .inf, true, False, ~, null, "1", \'x\', 1_000]\nb: |\n  x\n  y\nc: >-\n  x\n  y\ntoString: 1\n2: two\nn:\n';
    assert.deepStrictEqual(fastRead(text)?.value, load(text));
  });

  it('reads mappings in sequences near the top, outlining only mappings under outlined entries', () => {
    const text = 'x-list:\n  - a: 1\n    b: 2\n  - c: 3\ny:\n  z: 1\n';
    const read = fastRead(text);
    assert.deepStrictEqual(read?.value, { 'x-list': [{ a: 1, b: 2 }, { c: 3 }], y: { z: 1 } });
    assert.deepEqual(
      read.outline?.entries.map((e) => [e.key, text.slice(e.keyStart, e.valueEnd), e.map?.entries.map((m) => m.key)]),
      [
        ['x-list', 'x-list:\n  - a: 1\n    b: 2\n  - c: 3', undefined],
        ['y', 'y:\n  z: 1', ['z']],
      ],
    );
  });

  it('outlines the entries of block mappings near the top', () => {
    const text = 'version: "3.8"\nservices:\n  web:\n    image: nginx  # comment\n    labels:\n      a: b\n  "db":\n    image: pg\n# end\n';
    const outline = fastRead(text)?.outline;
    assert.ok(outline);
    assert.deepEqual(
      outline.entries.map((e) => [e.key, text.slice(e.keyStart, e.valueEnd)]),
      [
        ['version', 'version: "3.8"'],
        ['services', text.slice(text.indexOf('services'), text.indexOf('pg') + 2)],
      ],
    );
    const services = outline.entries[1].map!;
    assert.deepEqual(
      services.entries.map((e) => [e.key, text.slice(e.keyStart, e.valueEnd)]),
      [
        ['web', 'web:\n    image: nginx  # comment\n    labels:\n      a: b'],
        ['db', '"db":\n    image: pg'],
      ],
    );
  });
});

describe('spliceText from an outline', () => {
  it('writes what the full document gives, for every stack that compiles (mutated ones too)', () => {
    let compared = 0;
    for (let i = 0; i < inputs.length + MUTATIONS / 10; i++) {
      const input = inputs[i % inputs.length];
      if (input.files.length > 1 || input.mutated !== 'stack.yml') continue;
      const original = readFileSync(join(input.dir, 'stack.yml'), 'utf8');
      const { text, description } = i < inputs.length ? { text: original, description: 'unmutated' } : mutate(original, 9000 + i);
      const fast = readOrUndefined(text);
      if (!fast?.outline) continue;
      const result = compile({ path: join(input.dir, 'stack.yml'), text }, { templates: input.templates.map((t) => join(input.dir, t)), cwd: input.dir, keepPods: true });
      if (!result.stack || !result.pods) continue;
      const pods = result.pods.map((pod) => pod.service);
      const full = parseSource('stack.yml', text, { fullReader: true });
      assert.deepEqual(spliceText(fast, result.stack, pods), spliceText(full, result.stack, pods), `${input.name} (${description})`);
      compared++;
    }
    assert.ok(compared > inputs.length / 2, `compared ${compared}`);
  });
});
