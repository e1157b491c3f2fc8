// npm run install-checks (from .ci/run): the two ways a pipeline installs podlike-gen from this
// repository, run for real on a copy of the working tree committed into a fresh git repository.
// - action.yml: each step's `run` as GitHub's runner runs a composite action's steps (bash,
//   GITHUB_ACTION_PATH, GITHUB_PATH, the inputs as the step's env, working-directory);
// - .pre-commit-hooks.yaml: `pre-commit run` in a project that uses the hook (pre-commit clones
//   the repository, installs it with npm and runs the hook). Skipped, visibly, without pre-commit.
// Each must pass on an up-to-date output and fail, with the diff, on a stale one.
// Slower than npm test (npm ci and a build in a clean copy), so not part of it.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'sidecar');
const work = mkdtempSync(join(tmpdir(), 'podlike-gen-install-checks-'));
let failures = 0;

function git(cwd, ...args) {
  return execFileSync('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@localhost', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

/** The working tree's files (tracked and new, not ignored), committed into a new repository. */
function snapshotRepository() {
  const repo = join(work, 'podlike-gen');
  mkdirSync(repo);
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    try {
      copyFileSync(join(ROOT, file), join(repo, file));
    } catch (e) {
      if (e.code !== 'ENOENT') throw e; // deleted in the working tree, not yet in git
    }
  }
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'snapshot');
  return { repo, rev: git(repo, 'rev-parse', 'HEAD').trim() };
}

/** A project using podlike-gen: the sidecar example, its output committed. */
function project(name) {
  const dir = join(work, name);
  mkdirSync(dir);
  for (const file of ['stack.yml', 'stack.out.yml']) copyFileSync(join(EXAMPLE, file), join(dir, file));
  return dir;
}

function makeStale(dir) {
  const out = join(dir, 'stack.out.yml');
  writeFileSync(out, readFileSync(out, 'utf8').replace(/\n/, '\n# edited by hand\n'));
}

function report(name, ok, detail) {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${ok ? '' : `\n${detail}`}`);
  if (!ok) failures += 1;
}

/**
 * Runs action.yml's steps in order (from the step named `from`: a second run in the same job
 * needs no second install); returns the first failing step's result, or the last one's.
 */
function runAction(actionPath, inputs, workspace, from) {
  const action = parse(readFileSync(join(actionPath, 'action.yml'), 'utf8'));
  const githubPath = join(work, 'github-path');
  if (from === undefined) writeFileSync(githubPath, '');
  const steps = action.runs.steps;
  let result;
  for (const step of steps.slice(from === undefined ? 0 : steps.findIndex((s) => s.name === from))) {
    const env = { ...process.env, GITHUB_ACTION_PATH: actionPath, GITHUB_PATH: githubPath, GITHUB_WORKSPACE: workspace };
    // The runner puts the lines written to GITHUB_PATH before PATH for the steps after.
    const added = readFileSync(githubPath, 'utf8').split('\n').filter(Boolean).reverse();
    env.PATH = [...added, process.env.PATH].join(':');
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = String(value).replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, input) => inputs[input] ?? action.inputs[input]?.default ?? '');
    const dir = String(step['working-directory'] ?? '.').replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, input) => inputs[input] ?? action.inputs[input]?.default ?? '.');
    result = spawnSync('bash', ['-e', '-c', step.run], { cwd: join(workspace, dir), env, encoding: 'utf8' });
    if (result.status !== 0) return { step: step.name, ...result };
  }
  return { step: 'all', ...result };
}

try {
  const { repo, rev } = snapshotRepository();

  // The GitHub Action.
  const actionWorkspace = project('action-workspace');
  const fresh = runAction(repo, { args: '--check -o stack.out.yml stack.yml' }, actionWorkspace);
  report('action.yml: --check passes on the committed output', fresh.status === 0, `${fresh.step}: ${fresh.stdout}${fresh.stderr}`);
  makeStale(actionWorkspace);
  const stale = runAction(repo, { args: '--check -o stack.out.yml stack.yml' }, actionWorkspace, 'Run podlike-gen');
  report('action.yml: --check fails with a diff on a stale output', stale.status === 1 && stale.step === 'Run podlike-gen' && stale.stderr.includes('# edited by hand'), `${stale.step} exit ${stale.status}: ${stale.stderr}`);

  // The pre-commit hook.
  if (spawnSync('pre-commit', ['--version']).status !== 0) {
    console.log('SKIP .pre-commit-hooks.yaml: pre-commit is not installed (Debian: apt-get install pre-commit)');
  } else {
    const hookProject = project('pre-commit-project');
    writeFileSync(
      join(hookProject, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${repo}\n    rev: ${rev}\n    hooks:\n      - id: podlike-gen-check\n        args: [-o, stack.out.yml, stack.yml]\n`,
    );
    git(hookProject, 'init', '-q');
    git(hookProject, 'add', '-A');
    const env = { ...process.env, PRE_COMMIT_HOME: join(work, 'pre-commit-home') };
    const run = () => spawnSync('pre-commit', ['run', '--all-files', '--color', 'never'], { cwd: hookProject, env, encoding: 'utf8' });
    const passing = run();
    report('.pre-commit-hooks.yaml: the hook passes on the committed output', passing.status === 0, passing.stdout + passing.stderr);
    makeStale(hookProject);
    git(hookProject, 'add', '-A');
    const failing = run();
    report('.pre-commit-hooks.yaml: the hook fails with a diff on a stale output', failing.status === 1 && failing.stdout.includes('# edited by hand'), failing.stdout + failing.stderr);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failures > 0) {
  appendFileSync(1, `${failures} install check(s) failed\n`);
  process.exit(1);
}
