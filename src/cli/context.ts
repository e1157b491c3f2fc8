import type { ChalkInstance } from 'chalk';
import type { CompileOptions } from '../compile.js';
import type { Diagnostic } from '../diagnostics.js';
import type { StackInput } from '../load/read-stack.js';
import { makeChalk, printDiagnostics } from './report.js';

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

/** Options every command shares. */
export interface CommonFlags {
  templates: string[];
  /** Paths outside the stack's folder it may read (--allow-outside). */
  allowOutside: string[];
  color: boolean;
  quiet?: boolean;
}

/** What every command that compiles takes besides the stack files: template folders, paths it may read, outside args. */
export interface CompileInputFlags extends CommonFlags {
  set: string[];
  values: string[];
}

/** The compile options the shared flags stand for. */
export function compileInputs(flags: CompileInputFlags): Pick<CompileOptions, 'templates' | 'allowOutside' | 'set' | 'values'> {
  return { templates: flags.templates, allowOutside: flags.allowOutside, set: flags.set, values: flags.values };
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function stderrChalk(flags: CommonFlags): ChalkInstance {
  return makeChalk(process.stderr, flags.color);
}

/** Diagnostics on stderr; --quiet keeps only the errors. */
export function report(diagnostics: readonly Diagnostic[], flags: CommonFlags): void {
  const shown = flags.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  // process.stderr is made on first use (a pipe's costs a few milliseconds): only when needed.
  if (shown.length > 0) printDiagnostics(shown, stderrChalk(flags));
}

/** The stack files to compile; `-` is read from stdin by the load stage. */
export function stackInputs(paths: readonly string[]): StackInput[] {
  return paths.map((path) => ({ path }));
}
