/**
 * Env files checked by both of their readers: docker 28's (each refusal measured with
 * `docker stack config`), for which the author writes them, and Podlike's fromEnvFile, which
 * reads them in a pod. A line either refuses, or the two read otherwise, is an error at its
 * line that never shows a value.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readEnvFile } from '../../src/expand/env-file.js';

function read(text: string | Buffer) {
  return readEnvFile(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
}

describe('env files as docker and Podlike read them', () => {
  it('refuses a key with a space: `export X=1` and `KEY = v` are not variables named "export X" and "KEY "', () => {
    const { problems } = read('A=1\nexport X=1\nKEY = secret\n');
    assert.deepEqual(problems, [
      { line: 2, col: 1, message: 'variable name "export X" contains a space or tab, which docker refuses' },
      { line: 3, col: 1, message: 'variable name "KEY " contains a space or tab, which docker refuses' },
    ]);
  });

  it('never shows a value: a line without a key, or a bare key with a space, is named by its line number only', () => {
    const { problems } = read('=hunter2\n  my password\n');
    assert.deepEqual(problems, [
      { line: 1, col: 1, message: 'no variable name before "=", which docker refuses' },
      { line: 2, col: 3, message: 'the variable name contains a space or tab, which docker refuses' },
    ]);
    assert.ok(problems.every((p) => !p.message.includes('hunter2') && !p.message.includes('password')));
  });

  it('takes values as both read them: quotes, trailing spaces, `=` inside, `$` as it is; comments and empty lines skipped', () => {
    const { keys, problems } = read('Q="quoted"\nS=\'single\'\nT=x \nU=a=b\nP=a$b\n# comment\n\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(keys, ['Q', 'S', 'T', 'U', 'P']);
  });

  it('refuses what Podlike reads otherwise than docker: leading white space, CR LF, a byte-order mark', () => {
    // Before: docker's reading was put in the output, where these lines were read as docker reads them.
    const bom = read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('A=1\nB=2\r\n \tC=3\n   # indented comment\n  # a=b\n')]));
    assert.deepEqual(
      bom.problems.map((p) => [p.line, p.message.slice(0, 30)]),
      [
        [1, 'the file starts with a byte-or'],
        [2, 'the line ends with CR LF, and '],
        [3, 'the line starts with white spa'],
        [5, 'the line starts with white spa'],
      ],
    );
    // A CR alone on a line, or a blank line of spaces, is nothing to either reader.
    assert.deepEqual(read('A=1\n\r\n   \n').problems, []);
  });

  it('refuses a bare NAME line: docker takes it from the deploying shell, Podlike skips it; the line is not shown', () => {
    const { problems } = read('A=1\nHOME\n');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].line, 2);
    assert.match(problems[0].message, /^a line without "=" takes the variable from the deploying shell in docker, and Podlike, which reads the file in a pod, skips it/);
    assert.ok(!problems[0].message.includes('HOME'));
  });

  it('refuses invalid UTF-8 and a line of 64 KiB or more, as docker does', () => {
    const bad = read(Buffer.from([0x41, 0x3d, 0x31, 0x0a, 0xff, 0x3d, 0x31, 0x0a]));
    assert.deepEqual(bad.problems, [{ line: 2, col: 1, message: 'the line is not valid UTF-8, which docker refuses' }]);
    assert.deepEqual(read(`A=${'x'.repeat(65533)}\n`).problems, []);
    assert.deepEqual(read(`A=${'x'.repeat(65534)}\n`).problems, [{ line: 1, col: 1, message: 'the line is longer than 65535 bytes, which docker refuses' }]);
  });

  it('reads non-ASCII names and values the same in both', () => {
    assert.deepEqual(read('GRÜSSE=grüße ✓\n').problems, []);
  });
});
