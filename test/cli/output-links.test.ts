import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeFileAtomic } from '../../src/cli/write-atomic.js';
import { runCli } from '../helpers/run-cli.js';

const VICTIM_TEXT = 'secret the output must never overwrite\n';
const STACK = 'services:\n  web:\n    image: nginx:1.27\n';

/** A folder with a stack and a victim file (mode 0600) outside the names podlike-gen writes. */
function workspace(): { dir: string; victim: string } {
  const dir = mkdtempSync(join(tmpdir(), 'podlike-gen-links-'));
  writeFileSync(join(dir, 'stack.yml'), STACK);
  const victim = join(mkdtempSync(join(tmpdir(), 'podlike-gen-victim-')), 'victim.txt');
  writeFileSync(victim, VICTIM_TEXT);
  chmodSync(victim, 0o600);
  return { dir, victim };
}

function assertVictimUntouched(victim: string): void {
  assert.equal(readFileSync(victim, 'utf8'), VICTIM_TEXT, 'the victim was written through a link');
  assert.equal(statSync(victim).mode & 0o777, 0o600, "the victim's mode was changed through a link");
}

describe('-o never writes through a symbolic link', () => {
  it('a link planted at every predictable temporary name is never followed', () => {
    const { dir, victim } = workspace();
    const out = join(dir, 'out.yml');
    writeFileSync(out, 'old\n');
    chmodSync(out, 0o640);
    // The names a writer that uses the process id (or a small counter) would pick.
    const planted = [`.out.yml.${process.pid}.tmp`, '.out.yml.tmp', 'out.yml.tmp', `out.yml.${process.pid}`];
    for (let pid = 1; pid < 200; pid++) planted.push(`.out.yml.${pid}.tmp`);
    for (const name of planted) symlinkSync(victim, join(dir, name));
    writeFileAtomic(out, STACK);
    assertVictimUntouched(victim);
    assert.equal(readFileSync(out, 'utf8'), STACK);
    assert.equal(statSync(out).mode & 0o777, 0o640, 'the output kept its mode');
    for (const name of planted) assert.equal(readlinkSync(join(dir, name)), victim, `${name} was replaced`);
    assert.equal(readdirSync(dir).filter((name) => name.endsWith('.tmp') && lstatSync(join(dir, name)).isFile()).length, 0, 'a temporary file was left');
  });

  it('-o naming a link is refused: nothing is written through it, the link stays', () => {
    const { dir, victim } = workspace();
    symlinkSync(victim, join(dir, 'out.yml'));
    const run = runCli(['-o', 'out.yml', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(
      run.stderr,
      'out.yml: error: cannot write the output: it is a symbolic link: podlike-gen never reads or writes its output through a link (a planted one could point anywhere); remove the link or give the path of its target\n',
    );
    assertVictimUntouched(victim);
    assert.ok(lstatSync(join(dir, 'out.yml')).isSymbolicLink());
  });

  it('--check -o naming a link is refused: the file it points at is not shown in a diff', () => {
    const { dir, victim } = workspace();
    symlinkSync(victim, join(dir, 'out.yml'));
    const run = runCli(['--check', '-o', 'out.yml', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.doesNotMatch(run.stderr, /secret the output/);
    assert.match(run.stderr, /^out\.yml: error: cannot read the output to check: it is a symbolic link/);
  });

  it('a new output gets the usual mode (0644 less the umask)', () => {
    const { dir } = workspace();
    const run = runCli(['-o', 'new.yml', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(statSync(join(dir, 'new.yml')).mode & 0o777, 0o644 & ~process.umask());
  });
});
