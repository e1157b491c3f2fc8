/**
 * Env files read as docker 28's `docker stack config` reads them (each case measured with it):
 * lines it refuses are errors at their line, never showing a value; the rest keep their bytes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEnvFile } from '../../src/expand/env-file.js';

function read(text: string | Buffer) {
  return parseEnvFile(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
}

describe('env files as docker reads them', () => {
  it('refuses a key with a space: `export X=1` and `KEY = v` are not variables named "export X" and "KEY "', () => {
    // Before: { 'export X': '1', 'KEY ': ' v' } and no error. docker: "variable 'export X' contains whitespaces".
    const { problems } = read('A=1\nexport X=1\nKEY = secret\n');
    assert.deepEqual(problems, [
      { line: 2, col: 1, message: 'variable name "export X" contains a space or tab' },
      { line: 3, col: 1, message: 'variable name "KEY " contains a space or tab' },
    ]);
  });

  it('never shows a value: a line without a key, or a bare key with a space, is named by its line number only', () => {
    const { problems } = read('=hunter2\n  my password\n');
    assert.deepEqual(problems, [
      { line: 1, col: 1, message: 'no variable name before "="' },
      { line: 2, col: 3, message: 'the variable name contains a space or tab' },
    ]);
    assert.ok(problems.every((p) => !p.message.includes('hunter2') && !p.message.includes('password')));
  });

  it('keeps a value as written: quotes, trailing spaces, `=` inside; leading white space of the line is dropped', () => {
    const { variables, problems } = read(' \tQ="quoted"\nS=\'single\'\nT=x \nU=a=b\n# comment\n\n   # indented comment\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(variables, { Q: '"quoted"', S: "'single'", T: 'x ', U: 'a=b' });
  });

  it('drops one CR before each LF, and a byte-order mark only at the start of the file', () => {
    // Before: the BOM of the first line stayed part of its key.
    const { variables } = read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('A=1\r\nB=2\r\nC=3\rD=4')]));
    assert.deepEqual(variables, { A: '1', B: '2', C: '3\rD=4' });
    assert.deepEqual(read('A=1\n\uFEFFB=2\n').variables, { A: '1', '\uFEFFB': '2' });
  });

  it('refuses invalid UTF-8 and a line of 64 KiB or more, as docker does', () => {
    // Before: the bad byte became U+FFFD and the long line was read.
    const bad = read(Buffer.from([0x41, 0x3d, 0x31, 0x0a, 0xff, 0x3d, 0x31, 0x0a]));
    assert.deepEqual(bad.problems, [{ line: 2, col: 1, message: 'the line is not valid UTF-8' }]);
    assert.deepEqual(read(`A=${'x'.repeat(65533)}\n`).problems, []);
    assert.deepEqual(read(`A=${'x'.repeat(65534)}\n`).problems, [{ line: 1, col: 1, message: 'the line is longer than 65535 bytes' }]);
  });

  it('doubles `$` (the stack interpolates, the env file does not) and hands a bare key to the deployer', () => {
    assert.deepEqual(read('P=a$b\nHOME\n').variables, { P: 'a$$b', HOME: '${HOME}' });
  });
});
