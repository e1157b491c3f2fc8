import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { unifiedDiff } from '../../diff.js';
import type { compile, CompileSources } from '../../compile.js';
import { watchAndRerun } from '../watch.js';
import { readProblem, writeProblem } from '../../load/file-problem.js';
import { compileInputs, compileWithProgress, EXIT_ERRORS, EXIT_OK, report, stderrChalk, type CompileInputFlags } from '../context.js';
import { refuseLink, writeFileAtomic } from '../write-atomic.js';

export interface CompileFlags extends CompileInputFlags {
  output?: string;
  strict?: boolean;
  check?: boolean;
  format: 'yaml' | 'json';
  watch?: boolean;
}

/** The compiled stack in the requested format. */
function render(result: ReturnType<typeof compile>, format: CompileFlags['format']): string | undefined {
  if (result.yaml === undefined) return undefined;
  return format === 'json' ? `${JSON.stringify(result.stack, null, 2)}\n` : result.yaml;
}

/** `--check`: the file is up to date, or a unified diff says how it is not. Never writes. */
function check(output: string, fresh: string, flags: CompileFlags): number {
  let current: string;
  try {
    // A link planted in place of the output could show any file of the host in the diff.
    refuseLink(output);
    current = existsSync(output) ? readFileSync(output, 'utf8') : '';
  } catch (e) {
    report([{ severity: 'error', message: `cannot read the output to check: ${readProblem(e)}`, file: output }], flags);
    return EXIT_ERRORS;
  }
  if (current === fresh) return EXIT_OK;
  const stale = `${output} is stale: compile the stack again (podlike-gen -o ${output} ...)`;
  // For a machine (SARIF, workflow commands) the stale file is one more diagnostic; the diff is for people.
  if ((flags.diagnostics ?? 'text') !== 'text') {
    report([{ severity: 'error', message: stale, file: output }], flags);
    return EXIT_ERRORS;
  }
  const chalk = stderrChalk(flags);
  const patch = unifiedDiff(output, `${output} (compiled now)`, current, fresh);
  const colored = patch
    .split('\n')
    .map((line) => (line.startsWith('+') && !line.startsWith('+++') ? chalk.green(line) : line.startsWith('-') && !line.startsWith('---') ? chalk.red(line) : line))
    .join('\n');
  process.stderr.write(`${stale}\n${colored}`);
  return EXIT_ERRORS;
}

/** The output as it is on disk, or undefined when it cannot be read (absent, say). */
function currentText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** One compile; with -o, FILE is written only when its content changes (its time stamp says when the stack last changed). */
function compileOnce(paths: string[], flags: CompileFlags): { code: number; sources: CompileSources; wrote?: 'written' | 'unchanged' } {
  // Relative paths in the output must name the same files from where it is read: the file's folder, or the current one.
  const outputDir = flags.output === undefined ? process.cwd() : dirname(resolve(flags.output));
  const result = compileWithProgress(paths, { ...compileInputs(flags), strict: flags.strict, outputDir }, flags);
  const done = (code: number, wrote?: 'written' | 'unchanged') => ({ code, sources: result.sources, wrote });
  report(result.diagnostics, flags);
  const text = render(result, flags.format);
  if (text === undefined) return done(EXIT_ERRORS);
  if (flags.check) return done(check(flags.output as string, text, flags));
  if (!flags.output) {
    process.stdout.write(text);
    return done(EXIT_OK);
  }
  if (currentText(flags.output) === text) return done(EXIT_OK, 'unchanged');
  try {
    writeFileAtomic(flags.output, text);
  } catch (e) {
    report([{ severity: 'error', message: `cannot write the output: ${writeProblem(e)}`, file: flags.output }], flags);
    return done(EXIT_ERRORS);
  }
  return done(EXIT_OK, 'written');
}

export function runCompile(paths: string[], flags: CompileFlags): number {
  if (!flags.watch) return compileOnce(paths, flags).code;
  const output = flags.output as string;
  watchAndRerun(
    () => {
      const run = compileOnce(paths, flags);
      process.stderr.write(run.code === EXIT_OK ? `${output} ${run.wrote}\n` : `${output} left as it was: fix the errors above\n`);
      return run.sources;
    },
    [output],
  );
  return EXIT_OK;
}
