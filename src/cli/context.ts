import type { ChalkInstance } from 'chalk';
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
