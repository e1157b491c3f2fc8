import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { loadStack } from '../../src/load/read-stack.js';
import { diagnosticsOf } from '../helpers/diagnostics-of.js';

const file = (path: string, version: string | undefined) => ({ path, text: `${version === undefined ? '' : `version: ${version}\n`}services:\n  a:\n    image: x\n` });
const refusal = (...files: ReturnType<typeof file>[]) => diagnosticsOf(() => loadStack(files)).map(formatDiagnostic);

describe('stack files of different versions', () => {
  it('are refused at the later file\'s version, naming both files and versions', () => {
    assert.deepEqual(refusal(file('a.yml', '"3.7"'), file('b.yml', '"3.8"')), [
      'b.yml:1:10: error: b.yml has version "3.8" but a.yml has version "3.7": docker stack deploy refuses to merge files of different versions ("version mismatched between two composefiles"); declare the same version in both',
    ]);
  });

  it('are refused at the first file\'s version when the later file has none', () => {
    const [message] = refusal(file('a.yml', '"3.8"'), file('b.yml', undefined));
    assert.match(message, /^a\.yml:1:10: error: b\.yml has no version but a\.yml has version "3\.8"/);
  });

  it('names the third file when it is the one that differs', () => {
    const [message] = refusal(file('a.yml', '"3.8"'), file('b.yml', '"3.8"'), file('c.yml', '"3.4"'));
    assert.match(message, /^c\.yml:1:10: error: c\.yml has version "3\.4" but a\.yml has version "3\.8"/);
  });

  it('are accepted when the same, or when "3", empty and missing (docker reads all three as its newest 3.x)', () => {
    assert.equal(loadStack([file('a.yml', '"3.8"'), file('b.yml', '"3.8"')]).model.version, '3.8');
    assert.deepEqual(loadStack([file('a.yml', '"3"'), file('b.yml', undefined), file('c.yml', '""')]).model.version, '3');
  });

  it('refuses 3.0 after 3, as docker does', () => {
    assert.equal(refusal(file('a.yml', '"3"'), file('b.yml', '"3.0"')).length, 1);
  });
});
