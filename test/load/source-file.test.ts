import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, TEST_DATA } from '../helpers/paths.js';
import { parseSource, positionOf, writtenDepth } from '../../src/load/source-file.js';
import { diagnosticsOf } from '../helpers/diagnostics-of.js';

const STACK = `version: "3.8"
services:
  web:
    image: nginx
    ports:
      - "80:80"
      - "443:443"
`;

describe('parseSource', () => {
  it('reads the plain value of the file', () => {
    const file = parseSource('stack.yml', STACK);
    assert.deepEqual(file.value, { version: '3.8', services: { web: { image: 'nginx', ports: ['80:80', '443:443'] } } });
    assert.equal(file.path, 'stack.yml');
    assert.equal(file.text, STACK);
  });

  it('gives the 1-based line and column of a key', () => {
    const file = parseSource('stack.yml', STACK);
    assert.deepEqual(positionOf(file, ['services', 'web'], true), { file: 'stack.yml', line: 3, col: 3 });
    assert.deepEqual(positionOf(file, ['services', 'web', 'image'], true), { file: 'stack.yml', line: 4, col: 5 });
  });

  it('gives the position of a value when the key is not asked for', () => {
    const file = parseSource('stack.yml', STACK);
    assert.deepEqual(positionOf(file, ['services', 'web', 'image']), { file: 'stack.yml', line: 4, col: 12 });
  });

  it('gives the position of a list item', () => {
    const file = parseSource('stack.yml', STACK);
    assert.deepEqual(positionOf(file, ['services', 'web', 'ports', 0]), { file: 'stack.yml', line: 6, col: 9 });
    assert.deepEqual(positionOf(file, ['services', 'web', 'ports', 1]), { file: 'stack.yml', line: 7, col: 9 });
  });

  it('falls back to the deepest ancestor that exists', () => {
    const file = parseSource('stack.yml', STACK);
    // services.web exists (its mapping starts at `image`), `nope` does not.
    assert.deepEqual(positionOf(file, ['services', 'web', 'nope', 'deeper']), { file: 'stack.yml', line: 4, col: 5 });
    assert.deepEqual(positionOf(file, ['services', 'web', 'ports', 9]), { file: 'stack.yml', line: 6, col: 7 });
  });

  it('follows aliases when looking a path up', () => {
    const file = parseSource('s.yml', 'x-env: &env\n  A: "1"\nservices:\n  a:\n    environment: *env\n');
    assert.deepEqual(positionOf(file, ['services', 'a', 'environment', 'A']), { file: 's.yml', line: 2, col: 6 });
  });

  it('reports a duplicate key with the line of the second occurrence', () => {
    const [d, ...rest] = diagnosticsOf(() => parseSource('dup.yml', 'services:\n  web:\n    image: a\n    image: b\n'));
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'error');
    assert.match(d.message, /^duplicate key "[^"]+": /);
    assert.deepEqual(d.position, { file: 'dup.yml', line: 4, col: 5 });
  });

  it('reports malformed YAML with its line and no source excerpt', () => {
    const [d] = diagnosticsOf(() => parseSource('bad.yml', 'version: "3"\nservices:\n  web: image: x\n'));
    assert.equal(d.severity, 'error');
    assert.equal(d.message, 'invalid YAML: Nested mappings are not allowed in compact mappings');
    assert.equal(d.position?.file, 'bad.yml');
    assert.equal(d.position?.line, 3);
  });

  it('reports a key that is a mapping or a list at the key, instead of making its text up (and warning on stderr)', () => {
    for (const [text, kind, line, col] of [
      ['services:\n  api:\n    labels:\n      {a: 1}: b\n', 'mapping', 4, 7],
      ['services:\n  ? [a, b]\n  : image: x\n', 'list', 2, 5],
      ['x-key: &k [a]\nservices:\n  *k : {image: x}\n', 'list', 3, 3],
    ] as const) {
      const [d, ...rest] = diagnosticsOf(() => parseSource('keys.yml', text));
      assert.equal(rest.length, 0);
      assert.equal(d.message, `a key cannot be a ${kind}: keys are text`);
      assert.deepEqual(d.position, { file: 'keys.yml', line, col }, text);
    }
  });

  it('gives an empty file\'s start as the position of anything in it', () => {
    const file = parseSource('empty.yml', '# nothing\n', { fullReader: true });
    assert.deepEqual(positionOf(file, ['name'], true), { file: 'empty.yml', line: 1, col: 1 });
  });

  it('reads a number too large for a float64 as its text, as docker (Go) and the fast reader do; .inf stays Infinity', () => {
    const text = `a: 1e400\nb: ${'7'.repeat(400)}\nc: -1e999\nd: .inf\ne: 99999999999999999999\nf: &x 1e400\ng: *x\n`;
    const full = parseSource('n.yml', text, { fullReader: true }).value;
    assert.deepEqual(full, { a: '1e400', b: '7'.repeat(400), c: '-1e999', d: Infinity, e: 1e20, f: '1e400', g: '1e400' });
    assert.deepEqual(parseSource('n.yml', text.replace(/^f: .*\ng: .*\n/m, '')).value, { a: '1e400', b: '7'.repeat(400), c: '-1e999', d: Infinity, e: 1e20 });
  });

  it('reports an unclosed flow sequence as invalid YAML', () => {
    const [d] = diagnosticsOf(() => parseSource('bad.yml', 'a: [1, 2\nb: 3\n'));
    assert.match(d.message, /^invalid YAML: /);
    assert.ok(!d.message.includes('\n'), 'one-line message');
    assert.equal(d.position?.line, 2);
  });

  it('reads a leading-zero number as octal, as docker (Go YAML 1.1) does', () => {
    const file = parseSource('s.yml', 'secrets:\n  - source: s\n    mode: 0440\nquoted: "0440"\nzero: 0\n');
    const value = file.value as { secrets: { mode: number }[]; quoted: string; zero: number };
    assert.equal(value.secrets[0].mode, 288);
    assert.equal(value.quoted, '0440');
    assert.equal(value.zero, 0);
  });

  it('resolves `<<` merge keys into the value', () => {
    const file = parseSource('s.yml', 'x: &d\n  image: a\n  user: u\nservices:\n  s:\n    <<: *d\n    image: b\n');
    assert.deepEqual((file.value as { services: unknown }).services, { s: { image: 'b', user: 'u' } });
  });
});

describe('writtenDepth', () => {
  it('tells how much of a path is written in the file', () => {
    const file = parseSource('stack.yml', STACK);
    assert.equal(writtenDepth(file, ['services', 'web', 'ports', 1]), 4);
    assert.equal(writtenDepth(file, ['services', 'web', 'deploy']), 2);
    assert.equal(writtenDepth(file, ['version', 'x']), 1);
    assert.equal(writtenDepth(file, []), 0);
  });
});

describe('positionOf in a file read the fast way', () => {
  it('gives a plain position: own file, line and col, in spreads, JSON and comparisons', () => {
    const file = parseSource('stack.yml', STACK);
    assert.ok(file.outline, 'read the fast way');
    const position = positionOf(file, ['services', 'web', 'image'], true);
    assert.ok(position);
    assert.deepEqual(Object.keys(position), ['file', 'line', 'col']);
    assert.equal(Object.getPrototypeOf(position), Object.prototype);
    assert.deepEqual({ ...position }, { file: 'stack.yml', line: 4, col: 5 });
    assert.equal(JSON.stringify(position), '{"file":"stack.yml","line":4,"col":5}');
    assert.deepEqual(position, { file: 'stack.yml', line: 4, col: 5 });
  });

  it('keeps each position its own', () => {
    const file = parseSource('stack.yml', STACK);
    const image = positionOf(file, ['services', 'web', 'image']);
    const web = positionOf(file, ['services', 'web'], true);
    const nowhere = positionOf(file, ['nope']);
    assert.deepEqual([image, web, nowhere], [
      { file: 'stack.yml', line: 4, col: 12 },
      { file: 'stack.yml', line: 3, col: 3 },
      { file: 'stack.yml', line: 1, col: 1 },
    ]);
  });
});

describe('positions of keys from the fast reader\'s outline', () => {
  it('are where the full reader puts them, for every service key of the examples and goldens (found without composing the document)', () => {
    const dirs = [...readdirSync(EXAMPLES).map((e) => join(EXAMPLES, e)), ...readdirSync(join(TEST_DATA, 'golden')).map((g) => join(TEST_DATA, 'golden', g))];
    let compared = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.yml'))) {
        const text = readFileSync(join(dir, name), 'utf8');
        const fast = parseSource(name, text);
        if (!fast.outline) continue;
        const full = parseSource(name, text, { fullReader: true });
        for (const service of Object.keys((fast.value as { services?: object } | null)?.services ?? {})) {
          for (const path of [['services', service], ['services', service, 'image']]) {
            const [a, b] = [positionOf(fast, path, true), positionOf(full, path, true)];
            assert.deepEqual([a.line, a.col], [b.line, b.col], `${dir}/${name}: ${path.join('.')}`);
            compared++;
          }
        }
      }
    }
    assert.ok(compared > 100, `${compared} positions compared`);
  });
});
