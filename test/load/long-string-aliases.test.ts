import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/run-cli.js';
import { workspace } from '../helpers/workspace.js';

/**
 * Aliases of long strings: few nodes, a lot of text. Before the budget counted characters,
 * 20,000 aliases of a 1 MiB string ran 66 s and ended with "Invalid string length", no position.
 * Each case of the class is refused in well under a second of work, at the alias that passes
 * the budget.
 */
const BIG = 'x'.repeat(1 << 20);
const TOO_LARGE = "error: alias expansion is too large (an alias bomb?): the document's text would grow past 16,777,216 characters; write the repeated value once, or fewer times";
const aliases = (indent: string, count: number, item = '*big') => `${indent}- ${item}\n`.repeat(count);

function refused(files: Record<string, string>, expect: string, args = ['stack.yml']): void {
  const dir = workspace(files);
  // Expanding such a document does not end in time: the run is killed (status null) and the test fails.
  const run = runCli(['-t', 'tpl', ...args], { cwd: dir, timeoutMs: 60_000 });
  assert.equal(run.stderr, `${expect}: ${TOO_LARGE}\n`);
  assert.equal(run.status, 1);
  assert.equal(run.stdout, '');
}

describe('aliases of long strings are bounded by the characters they expand to', () => {
  it("the issue's case: 20,000 aliases of a 1 MiB string under command", () => {
    const stack = `x-big: &big "${BIG}"\nservices:\n  web:\n    image: nginx\n    command:\n${aliases('      ', 20_000)}`;
    // Line 6 holds the first alias; the 17th (line 22) passes 16 MiB.
    refused({ 'stack.yml': stack }, 'stack.yml:22:9');
  });

  it('in a flow list', () => {
    const stack = `x-big: &big "${BIG}"\nservices:\n  web:\n    image: nginx\n    command: [${Array(40).fill('*big').join(', ')}]\n`;
    refused({ 'stack.yml': stack }, 'stack.yml:5:111');
  });

  it('through `<<` merge keys of a mapping holding a long string', () => {
    let stack = `x-base: &base\n  description: "${BIG}"\nservices:\n`;
    for (let i = 0; i < 40; i++) stack += `  s${i}:\n    <<: *base\n    image: nginx\n`;
    refused({ 'stack.yml': stack }, 'stack.yml:50:9');
  });

  it('through nested aliases: a list of aliases, aliased again', () => {
    const stack = `x-big: &big "${BIG}"\nx-four: &four [*big, *big, *big, *big]\nservices:\n  web:\n    image: nginx\n    command:\n${aliases('      ', 10, '*four')}`;
    refused({ 'stack.yml': stack }, 'stack.yml:11:9');
  });

  it('in an override file', () => {
    const base = 'services:\n  web:\n    image: nginx\n';
    const override = `x-big: &big "${BIG}"\nservices:\n  web:\n    command:\n${aliases('      ', 40)}`;
    refused({ 'stack.yml': base, 'override.yml': override }, 'override.yml:21:9', ['stack.yml', 'override.yml']);
  });

  it("in a template file, and in a section's rendered YAML", () => {
    const stack = 'services:\n  web:\n    image: nginx\n    labels:\n      podlike.templates: big\n';
    const inFile = `name: big\ndescription: d\nx-big: &big "${BIG}"\nx-many:\n${aliases('  ', 40)}components: |\n  side:\n    image: alpine\n`;
    refused({ 'stack.yml': stack, 'tpl/big.yml': inFile }, 'tpl/big.yml:21:5');
    const inSection = `name: big\ndescription: d\ncomponents: |\n  side:\n    image: alpine\n    environment:\n      BIG: &big "${'x'.repeat(1 << 19)}"\n    command:\n${aliases('      ', 40)}`;
    const dir = workspace({ 'stack.yml': stack, 'tpl/big.yml': inSection });
    const run = runCli(['-t', 'tpl', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^tpl\/big\.yml:\d+:\d+: error: service "web", template "big", section "components": rendered text is not valid YAML: alias expansion is too large \(an alias bomb\?\): the document's text would grow past 16,777,216 characters/);
  });

  it('accepts a long string used a few times (the budget is a file\'s size, not less)', () => {
    const stack = `x-big: &big "${BIG}"\nservices:\n  web:\n    image: nginx\n    command:\n${aliases('      ', 8)}`;
    const run = runCli(['-o', 'out.yml', 'stack.yml'], { cwd: workspace({ 'stack.yml': stack }) });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
  });

  it('refuses more than 10,000 aliases, even of a short value (100,000 did not finish in two minutes)', () => {
    const stack = `x-a: &a b\nservices:\n  web:\n    image: nginx\n    command:\n${aliases('      ', 100_000, '*a')}`;
    const dir = workspace({ 'stack.yml': stack });
    const run = runCli(['stack.yml'], { cwd: dir, timeoutMs: 60_000 });
    assert.equal(
      run.stderr,
      'stack.yml:10006:9: error: too many aliases (an alias bomb?): more than 10,000 in one document, each of which the YAML reader resolves by a scan; share values through fewer aliases\n',
    );
    assert.equal(run.status, 1);
  });

  it("writes a megabyte string aliased in a template's copy spec (the writer's plain-scalar check overflowed V8's stack)", () => {
    const template = `name: big\ndescription: d\ncomponents: |\n  side:\n    image: alpine\ncopy: |\n  app:\n    /etc/x.sh:\n      - &big "${BIG}"\n${aliases('      ', 8)}`;
    const stack = 'services:\n  web:\n    image: nginx\n    labels:\n      podlike.templates: big\n';
    const run = runCli(['-t', 'tpl', '-o', 'out.yml', 'stack.yml'], { cwd: workspace({ 'stack.yml': stack, 'tpl/big.yml': template }) });
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
  });
});
