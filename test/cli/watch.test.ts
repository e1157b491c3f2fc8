/**
 * `--watch` as a user runs it: a spawned CLI kept running, files changed under it (written in
 * place, and replaced by rename as editors save), its messages awaited (no fixed sleeps),
 * a broken file reported while it keeps running, and a clean exit on Ctrl-C (SIGINT).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BIN } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { workspace } from '../helpers/workspace.js';

/** How long a message may take: generous, as the machine may be busy. */
const PATIENCE_MS = 20_000;

interface Watching {
  child: ChildProcess;
  /** Resolves once `pattern` matches the output (stderr and stdout) written since `from`, with the text up to there. */
  next: (pattern: RegExp) => Promise<string>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

function startWatching(args: readonly string[], cwd: string): Watching {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', PODLIKE_TEMPLATES: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let seen = 0;
  const waiters: (() => void)[] = [];
  const heard = (chunk: string) => {
    output += chunk;
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout!.setEncoding('utf8').on('data', heard);
  child.stderr!.setEncoding('utf8').on('data', heard);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const next = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${PATIENCE_MS} ms; output so far:\n${output}`)), PATIENCE_MS);
      const check = () => {
        const match = pattern.exec(output.slice(seen));
        if (!match) return;
        const upTo = seen + match.index + match[0].length;
        const text = output.slice(seen, upTo);
        seen = upTo;
        clearTimeout(timer);
        waiters.splice(waiters.indexOf(check), 1);
        resolve(text);
      };
      waiters.push(check);
      check();
    });
  return { child, next, exited };
}

const STACK = 'version: "3.8"\nservices:\n  web:\n    image: acme/web:1.0\n    labels:\n      podlike.templates: side\n';
const SIDE = (tag: string) => `name: side\ndescription: a sidecar\ncomponents: |\n  side:\n    image: alpine:${tag}\n`;

describe('--watch', () => {
  it('compiles again on a change to the stack, a values file or a template; reports errors and keeps running; stops on SIGINT', async () => {
    const dir = workspace({ 'stack.yml': STACK, 'tpl/side.yml': SIDE('3.20'), 'values.yml': 'side: {}\n' });
    const out = join(dir, 'out.yml');
    const watching = startWatching(['--watch', '-o', 'out.yml', '-t', 'tpl', '--values', 'values.yml', 'stack.yml'], dir);
    try {
      await watching.next(/watching 2 file\(s\) and 1 folder\(s\)/);
      assert.match(readFileSync(out, 'utf8'), /image: alpine:3\.20/);

      // The stack, written in place.
      writeFileSync(join(dir, 'stack.yml'), STACK.replace('acme/web:1.0', 'acme/web:1.1'));
      await watching.next(/out\.yml written\n/);
      assert.match(readFileSync(out, 'utf8'), /image: acme\/web:1\.1/);

      // A template, replaced by rename as editors save.
      writeFileSync(join(dir, 'tpl/side.yml.swp'), SIDE('3.21'));
      renameSync(join(dir, 'tpl/side.yml.swp'), join(dir, 'tpl/side.yml'));
      await watching.next(/out\.yml written\n/);
      assert.match(readFileSync(out, 'utf8'), /image: alpine:3\.21/);

      // A broken values file: the diagnostic, the output left as it was, and the watch goes on.
      const before = readFileSync(out, 'utf8');
      writeFileSync(join(dir, 'values.yml'), 'sied:\n  tag: x\n');
      const broken = await watching.next(/out\.yml left as it was: fix the errors above\n/);
      assert.match(broken, /^values\.yml:1:1: error: unknown template "sied" \(did you mean "side"\?\)$/m);
      assert.equal(readFileSync(out, 'utf8'), before);
      assert.equal(watching.child.exitCode, null, 'the watch must keep running after an error');

      // Fixed: compiled again. A change that does not change the output leaves the file alone.
      writeFileSync(join(dir, 'values.yml'), 'side: {}\n');
      await watching.next(/out\.yml unchanged\n/);
      const written = statSync(out).mtimeMs;
      writeFileSync(join(dir, 'stack.yml'), `${STACK.replace('acme/web:1.0', 'acme/web:1.1')}# a comment outside any pod\n`);
      await watching.next(/out\.yml (written|unchanged)\n/);

      watching.child.kill('SIGINT');
      assert.equal(await watching.exited, 0);
      await watching.next(/stopped watching\n/);
      assert.ok(statSync(out).mtimeMs >= written);
    } finally {
      watching.child.kill();
    }
  });

  it('needs -o, and takes neither --check nor stdin', () => {
    const dir = workspace({ 'stack.yml': STACK });
    assert.deepEqual(runCli(['--watch', 'stack.yml'], { cwd: dir }), { status: 2, stdout: '', stderr: 'error: --watch needs -o FILE: the file to keep up to date\n' });
    assert.equal(runCli(['--watch', '--check', '-o', 'o.yml', 'stack.yml'], { cwd: dir }).stderr, 'error: --watch and --check do not go together: --check runs once, in CI\n');
    assert.equal(runCli(['--watch', '-o', 'o.yml', '-'], { cwd: dir }).stderr, 'error: --watch cannot read stdin again: name the stack files\n');
  });
});

describe('test --watch', () => {
  it('runs the fixtures again when a template or a fixture changes, until SIGINT', async () => {
    const dir = workspace({ 'tpl/side.yml': SIDE('3.20'), 'tpl/tests/basic/stack.yml': STACK });
    assert.equal(runCli(['test', '--update', 'tpl'], { cwd: dir }).status, 0);
    const watching = startWatching(['test', '--watch', 'tpl'], dir);
    try {
      await watching.next(/1 passed, 0 failed\n[^]*watching/);
      writeFileSync(join(dir, 'tpl/side.yml'), SIDE('3.21'));
      const failed = await watching.next(/0 passed, 1 failed\n/);
      assert.match(failed, /FAIL basic/);
      assert.match(failed, /^\+\s+image: alpine:3\.21$/m);
      writeFileSync(join(dir, 'tpl/tests/basic/expected.yml'), readFileSync(join(dir, 'tpl/tests/basic/expected.yml'), 'utf8').replace('alpine:3.20', 'alpine:3.21'));
      await watching.next(/1 passed, 0 failed\n/);
      watching.child.kill('SIGINT');
      assert.equal(await watching.exited, 0);
    } finally {
      watching.child.kill();
    }
  });

  it('does not take --update', () => {
    const run = runCli(['test', '--watch', '--update', '.'], { cwd: workspace() });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'error: --watch and --update do not go together: each update would be a change to run again for\n');
  });
});
