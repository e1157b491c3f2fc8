import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProblem, writeProblem } from '../../src/load/file-problem.js';

/** The error a real file system call throws. */
function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (e) {
    return e;
  }
  assert.fail('the call did not throw');
}

describe('file problems in words', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podlike-file-problem-'));
  mkdirSync(join(dir, 'folder'));
  writeFileSync(join(dir, 'file'), 'x');

  it('a file that is not there: no such file when reading, a missing folder when writing', () => {
    assert.equal(readProblem(thrownBy(() => readFileSync(join(dir, 'nope.yml')))), 'no such file');
    assert.equal(writeProblem(thrownBy(() => writeFileSync(join(dir, 'nope', 'out.yml'), ''))), 'its folder does not exist');
  });

  it('a directory, a file used as a folder, a name too long, a symbolic link loop', () => {
    assert.equal(readProblem(thrownBy(() => readFileSync(join(dir, 'folder')))), 'it is a directory');
    assert.equal(writeProblem(thrownBy(() => writeFileSync(join(dir, 'folder'), ''))), 'it is a directory');
    assert.equal(readProblem(thrownBy(() => readFileSync(join(dir, 'file', 'x.yml')))), 'a part of its path is a file, not a folder');
    assert.equal(readProblem(thrownBy(() => readFileSync(join(dir, 'n'.repeat(300))))), 'the name is too long');
    symlinkSync('loop', join(dir, 'loop'));
    assert.equal(readProblem(thrownBy(() => readFileSync(join(dir, 'loop')))), 'its path is a loop of symbolic links');
  });

  it('keeps the message of an error that is not the file system\'s', () => {
    assert.equal(readProblem(new Error('file is too large: more than 16 bytes')), 'file is too large: more than 16 bytes');
  });
});
