import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStack, stackPosition } from '../../src/load/read-stack.js';
import { diagnosticsOf } from '../helpers/diagnostics-of.js';

describe('loadStack', () => {
  it('reports a missing file by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podlike-load-'));
    const [d, ...rest] = diagnosticsOf(() => loadStack([{ path: 'missing.yml' }], dir));
    assert.equal(rest.length, 0);
    assert.equal(d.severity, 'error');
    assert.equal(d.file, 'missing.yml');
    assert.equal(d.message, 'cannot read stack file: no such file');
  });

  it('reads files relative to cwd and resolves baseDir to the first file\'s folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podlike-load-'));
    writeFileSync(join(dir, 'stack.yml'), 'services:\n  a:\n    image: x\n');
    const stack = loadStack([{ path: 'stack.yml' }], dir);
    assert.deepEqual(stack.model, { services: { a: { image: 'x' } } });
    assert.equal(stack.baseDir, dir);
    assert.equal(stack.files[0].path, 'stack.yml');
  });

  it('drops a byte-order mark so the first key stays clean', () => {
    const stack = loadStack([{ path: 'bom.yml', text: '\ufeffversion: "3.8"\nservices: {}\n' }]);
    assert.deepEqual(Object.keys(stack.model), ['version', 'services']);
    assert.equal(stack.model.version, '3.8');
  });

  it('refuses a stack file that is not a mapping', () => {
    const [d] = diagnosticsOf(() => loadStack([{ path: 'list.yml', text: '- a\n- b\n' }]));
    assert.equal(d.message, 'a stack file must be a mapping (services:, volumes:, ...)');
    assert.deepEqual(d.position, { file: 'list.yml', line: 1, col: 1 });
  });

  it('reports errors of every file, not only the first', () => {
    const ds = diagnosticsOf(() => loadStack([{ path: 'a.yml', text: 'a: b: c\n' }, { path: 'b.yml', text: 'x: 1\nx: 2\n' }]));
    assert.deepEqual(ds.map((d) => d.position?.file), ['a.yml', 'b.yml']);
  });

  it('accepts an empty file as an empty stack', () => {
    assert.deepEqual(loadStack([{ path: 'empty.yml', text: '' }]).model, {});
  });

  it('merges several files with override rules', () => {
    const stack = loadStack([
      { path: 'a.yml', text: 'services:\n  web:\n    image: a\n    environment: [A=1]\n' },
      { path: 'b.yml', text: 'services:\n  web:\n    environment:\n      B: "2"\n' },
    ]);
    assert.deepEqual(stack.model, { services: { web: { image: 'a', environment: { A: '1', B: '2' } } } });
  });

  it('names stdin "<stdin>"', () => {
    const stack = loadStack([{ path: '-', text: 'services: {}\n' }]);
    assert.equal(stack.files[0].path, '<stdin>');
  });
});

describe('stackPosition', () => {
  const stack = loadStack([
    { path: 'a.yml', text: 'services:\n  web:\n    image: a\n    user: u\n' },
    { path: 'b.yml', text: 'services:\n  web:\n    image: b\n' },
  ]);

  it('points at the last file that wrote the path', () => {
    assert.deepEqual(stackPosition(stack, ['services', 'web', 'image']), { file: 'b.yml', line: 3, col: 12 });
    assert.deepEqual(stackPosition(stack, ['services', 'web', 'user'], true), { file: 'a.yml', line: 4, col: 5 });
  });

  it('points at the file whose value the merge kept: a later empty user leaves the earlier one', () => {
    const files = loadStack([
      { path: 'a.yml', text: 'services:\n  web:\n    user: u\n' },
      { path: 'b.yml', text: 'services:\n  web:\n    user: ""\n' },
    ]);
    assert.deepEqual(stackPosition(files, ['services', 'web', 'user']), { file: 'a.yml', line: 3, col: 11 });
  });

  it('points at the file and line that wrote a list item, wherever the merge put it', () => {
    const files = loadStack([
      { path: 'a.yml', text: 'services:\n  web:\n    volumes:\n      - /z:/z\n    deploy:\n      placement:\n        constraints: [node.role == worker]\n' },
      { path: 'b.yml', text: 'services:\n  web:\n    volumes:\n      - /a:/a\n    deploy:\n      placement:\n        constraints: [node.labels.ssd == true]\n' },
    ]);
    const constraints = ['services', 'web', 'deploy', 'placement', 'constraints'];
    assert.deepEqual(stackPosition(files, [...constraints, 0]), { file: 'a.yml', line: 7, col: 23 });
    assert.deepEqual(stackPosition(files, [...constraints, 1]), { file: 'b.yml', line: 7, col: 23 });
    // volumes are sorted by target: /a:/a, from b.yml, comes first
    assert.deepEqual(stackPosition(files, ['services', 'web', 'volumes', 0]), { file: 'b.yml', line: 4, col: 9 });
    assert.deepEqual(stackPosition(files, ['services', 'web', 'volumes', 1]), { file: 'a.yml', line: 4, col: 9 });
  });

  it('falls back to the nearest written ancestor for a path nobody wrote', () => {
    const at = stackPosition(stack, ['services', 'web', 'deploy', 'replicas']);
    assert.equal(at?.file, 'b.yml');
    assert.equal(at?.line, 3);
  });

  it('falls back to the file that wrote the deepest ancestor, the last of those that did', () => {
    const files = loadStack([
      { path: 'a.yml', text: 'services:\n  web:\n    deploy:\n      mode: global\n' },
      { path: 'b.yml', text: 'services:\n  web:\n    image: b\n' },
      { path: 'c.yml', text: 'services:\n  web:\n    deploy:\n      labels: {}\n' },
      { path: 'd.yml', text: 'services:\n  db:\n    image: d\n' },
    ]);
    assert.deepEqual(stackPosition(files, ['services', 'web', 'deploy', 'replicas']), { file: 'c.yml', line: 4, col: 7 });
    assert.deepEqual(stackPosition(files, ['services', 'web', 'deploy', 'mode'], true), { file: 'a.yml', line: 4, col: 7 });
    assert.deepEqual(stackPosition(files, ['services', 'web', 'image']), { file: 'b.yml', line: 3, col: 12 });
    assert.deepEqual(stackPosition(files, ['volumes']), { file: 'd.yml', line: 1, col: 1 });
    assert.equal(stackPosition({ ...files, files: [] }, ['services']), undefined);
  });
});
