import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/run-cli.js';
import { workspace } from '../helpers/workspace.js';

/**
 * A user template's args pattern is matched in time linear in the value, whatever the value
 * holds: one non-ASCII character used to send the value to V8's backtracking engine, and
 * `^(\w+\s?)*$` on 40 letters and an `é` never finished.
 */
const TEMPLATE = "name: words\ndescription: d\nargs:\n  type: object\n  properties:\n    text: { type: string, pattern: '^(\\w+\\s?)*$' }\ncomponents: |\n  side:\n    image: alpine\n";

/** A text for a YAML double-quoted scalar, every character outside printable ASCII escaped. */
const yamlEscaped = (text: string) => text.replace(/[^\x20-\x7e]/gu, (c) => `\\U${c.codePointAt(0)!.toString(16).padStart(8, '0')}`);

describe('args patterns on hostile values', () => {
  for (const odd of ['é', '😀', '\u0085', '!']) {
    it(`a value of 40 letters and ${JSON.stringify(odd)} is refused at once`, () => {
      const value = `${'a'.repeat(40)}${odd}`;
      const stack = `services:\n  app:\n    image: nginx\n    labels:\n      podlike.templates: words\n      podlike.words.text: "${yamlEscaped(value)}"\n`;
      // A backtracking match does not end: the run is killed (status null) and the test fails.
      const run = runCli(['-t', 'tpl', 'stack.yml'], { cwd: workspace({ 'stack.yml': stack, 'tpl/words.yml': TEMPLATE }), timeoutMs: 60_000 });
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, /^stack\.yml:6:7: error: service "app", template "words" \(tpl\/words\.yml\): arg "text" is "a{40}…", which must match pattern "\^\(\\w\+\\s\?\)\*\$"$/m);
    });
  }

  it('a value with Unicode white space matches as ECMA-262 reads \\s', () => {
    const stack = 'services:\n  app:\n    image: nginx\n    labels:\n      podlike.templates: words\n      podlike.words.text: "hello\u00a0world"\n';
    const run = runCli(['-t', 'tpl', 'stack.yml'], { cwd: workspace({ 'stack.yml': stack, 'tpl/words.yml': TEMPLATE }) });
    assert.equal(run.status, 0, run.stderr);
  });
});
