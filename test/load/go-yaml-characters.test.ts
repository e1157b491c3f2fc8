import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { EXAMPLES } from '../helpers/paths.js';
import { compileText } from '../hardening/support.js';

const errorsOf = (text: string) => compileText(text, EXAMPLES).diagnostics.map(formatDiagnostic);

describe('a stack file holding a character Go YAML reads otherwise', () => {
  it('is refused at the character, with the escape that means the same to docker', () => {
    const errors = errorsOf('services:\n  web:\n    image: nginx\n    environment:\n      A: hello\u2028privileged: true\n');
    assert.equal(errors.length, 1);
    assert.match(errors[0], /^stack\.yml:5:15: error: raw U\+2028 \(line separator\): docker's YAML reader breaks the line here.*write it as \\u2028 inside a double-quoted string$/);
  });

  it('is refused in a comment too, where a line break would end the comment for docker', () => {
    assert.match(errorsOf('# note\u2029services: {}\nservices: {}\n')[0], /^stack\.yml:1:7: error: raw U\+2029/);
  });

  it('is refused for characters Go YAML does not allow raw (DEL, C1 controls, U+FFFF)', () => {
    assert.match(errorsOf('services:\n  web: { image: "a\u0090" }\n')[0], /^stack\.yml:2:19: error: raw U\+0090: docker's YAML reader refuses this character/);
  });

  it('is placed on its line in a file with CR-only line ends (the fuzzer found it at line 1, past its end)', () => {
    const errors = errorsOf('services:\r  web:\r    image: nginx\r    environment:\r      A: hello\u2029\r');
    assert.match(errors[0], /^stack\.yml:5:15: error: raw U\+2029/);
  });

  it('accepts the escaped form', () => {
    const result = compileText('services:\n  web:\n    image: nginx\n    environment:\n      A: "hello\\u2028world"\n', EXAMPLES);
    assert.deepEqual(result.diagnostics, []);
  });
});
