import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { unifiedDiff } from '../../diff.js';
import { compile } from '../../compile.js';
import { readProblem, writeProblem } from '../../load/file-problem.js';
import { EXIT_ERRORS, EXIT_OK, report, stackInputs, stderrChalk, type CommonFlags } from '../context.js';
import { refuseLink, writeFileAtomic } from '../write-atomic.js';

export interface CompileFlags extends CommonFlags {
  output?: string;
  strict?: boolean;
  check?: boolean;
  format: 'yaml' | 'json';
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
  const chalk = stderrChalk(flags);
  const patch = unifiedDiff(output, `${output} (compiled now)`, current, fresh);
  const colored = patch
    .split('\n')
    .map((line) => (line.startsWith('+') && !line.startsWith('+++') ? chalk.green(line) : line.startsWith('-') && !line.startsWith('---') ? chalk.red(line) : line))
    .join('\n');
  process.stderr.write(`${output} is stale: compile the stack again (podlike-gen -o ${output} ...)\n${colored}`);
  return EXIT_ERRORS;
}

export function runCompile(paths: string[], flags: CompileFlags): number {
  // Relative paths in the output must name the same files from where it is read: the file's folder, or the current one.
  const outputDir = flags.output === undefined ? process.cwd() : dirname(resolve(flags.output));
  const result = compile(stackInputs(paths), { templates: flags.templates, strict: flags.strict, outputDir });
  report(result.diagnostics, flags);
  const text = render(result, flags.format);
  if (text === undefined) return EXIT_ERRORS;
  if (flags.check) return check(flags.output as string, text, flags);
  if (!flags.output) {
    process.stdout.write(text);
    return EXIT_OK;
  }
  try {
    writeFileAtomic(flags.output, text);
  } catch (e) {
    report([{ severity: 'error', message: `cannot write the output: ${writeProblem(e)}`, file: flags.output }], flags);
    return EXIT_ERRORS;
  }
  return EXIT_OK;
}
