import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { EXAMPLES } from '../helpers/paths.js';
import { compileText } from '../hardening/support.js';

/** The diagnostics a stack with these stack-wide args and these pods gets, as printed. */
function diagnosticsFor(stackArgs: string, pods: string, defaults = ''): string[] {
  const text = `x-podlike:\n${defaults}  args:\n${stackArgs}services:\n${pods}`;
  return compileText(text, EXAMPLES).diagnostics.map(formatDiagnostic);
}

const pod = (name: string, templates: string) => `  ${name}:\n    image: acme/${name}\n    labels:\n      podlike.templates: ${templates}\n`;

describe('stack-wide args and the templates pods apply', () => {
  it('args for a template one pod of several applies, or that every pod gets from x-podlike.defaults, are used', () => {
    assert.deepEqual(diagnosticsFor('    with-logging: { server: "logs:1" }\n', pod('a', 'http') + pod('b', 'http, with-logging')), []);
    assert.deepEqual(diagnosticsFor('    with-logging: { server: "logs:1" }\n', pod('a', 'http'), '  defaults: [with-logging]\n'), []);
  });

  it('args for a template no pod applies are a warning at the template\'s name', () => {
    assert.deepEqual(diagnosticsFor('    with-sd: { tags: [x] }\n', pod('a', 'http')), ['stack.yml:3:5: warning: x-podlike.args has args for template "with-sd", which no pod applies: they are unused']);
  });

  it('args for a template no folder has are an error with the nearest name, and nothing is written', () => {
    const text = `x-podlike:\n  args:\n    with-loging: { server: "logs:1" }\nservices:\n${pod('a', 'with-logging')}`;
    const result = compileText(text, EXAMPLES);
    assert.deepEqual(result.diagnostics.map(formatDiagnostic), ['stack.yml:3:5: error: x-podlike.args has args for template "with-loging", which no template folder has (did you mean "with-logging"?)']);
    assert.equal(result.yaml, undefined);
  });
});
