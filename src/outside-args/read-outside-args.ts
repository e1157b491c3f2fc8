/**
 * The outside args a compile is given, in precedence order: values files in the order given,
 * then `--set` flags in the order given (the command line over files, as in Helm).
 */
import { CompileError, type Diagnostic } from '../diagnostics.js';
import type { OutsideArg } from './outside-arg.js';
import { parseSetFlags } from './parse-set.js';
import { readValuesFile } from './read-values.js';

export function readOutsideArgs(set: readonly string[], values: readonly string[], cwd: string): OutsideArg[] {
  const problems: Diagnostic[] = [];
  const fromFiles: OutsideArg[] = [];
  for (const file of values) {
    try {
      fromFiles.push(...readValuesFile(file, cwd));
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      problems.push(...e.diagnostics);
    }
  }
  const flags = parseSetFlags(set);
  problems.push(...flags.problems);
  if (problems.length > 0) throw new CompileError(problems);
  return [...fromFiles, ...flags.args];
}
