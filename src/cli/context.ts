import type { ChalkInstance } from 'chalk';
import { compile, type CompileOptions, type CompileResult } from '../compile.js';
import type { Diagnostic } from '../diagnostics.js';
import { githubCommands } from '../formats/github-commands.js';
import { sarifLog } from '../formats/sarif-log.js';
import type { StackInput } from '../load/read-stack.js';
import { ProgressLine } from '../terminal/progress-line.js';
import { packageVersion } from './package-version.js';
import { makeChalk, printDiagnostics } from './report.js';

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

/** How diagnostics on stderr read: `file:line:col: severity: message` lines, a SARIF log, or GitHub workflow commands. */
export const DIAGNOSTIC_FORMATS = ['text', 'sarif', 'github'] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];

/** Options every command shares. */
export interface CommonFlags {
  templates: string[];
  /** Paths outside the stack's folder it may read (--allow-outside). */
  allowOutside: string[];
  color: boolean;
  quiet?: boolean;
  diagnostics?: DiagnosticFormat;
  /** A command's own output format, when it has one (json, sarif ... are for machines). */
  format?: string;
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

/** --quiet keeps only the errors. */
export function shownDiagnostics(diagnostics: readonly Diagnostic[], flags: CommonFlags): Diagnostic[] {
  return flags.quiet ? diagnostics.filter((d) => d.severity === 'error') : [...diagnostics];
}

/** A SARIF log is one document: the diagnostics of the whole run, written by flushDiagnostics. */
const pendingSarif: Diagnostic[] = [];

export function sarifText(diagnostics: readonly Diagnostic[]): string {
  return sarifLog(diagnostics, { name: 'podlike-gen', version: packageVersion() }, process.cwd());
}

/** Diagnostics on stderr, in the --diagnostics format. */
export function report(diagnostics: readonly Diagnostic[], flags: CommonFlags): void {
  const shown = shownDiagnostics(diagnostics, flags);
  if (flags.diagnostics === 'sarif') pendingSarif.push(...shown);
  // process.stderr is made on first use (a pipe's costs a few milliseconds): only when needed.
  else if (shown.length === 0) return;
  else if (flags.diagnostics === 'github') process.stderr.write(githubCommands(shown, process.cwd()));
  else printDiagnostics(shown, stderrChalk(flags));
}

/** At the end of a command: under --diagnostics sarif, the log (empty when all went well). */
export function flushDiagnostics(flags: CommonFlags): void {
  if (flags.diagnostics !== 'sarif') return;
  process.stderr.write(sarifText(pendingSarif));
  pendingSarif.length = 0;
}

/** The stack files to compile; `-` is read from stdin by the load stage. */
export function stackInputs(paths: readonly string[]): StackInput[] {
  return paths.map((path) => ({ path }));
}

/** compile(), with a progress line on a terminal for a stack that takes more than a second. */
export function compileWithProgress(paths: readonly string[], options: CompileOptions, flags: CommonFlags): CompileResult {
  const machineOutput = (flags.diagnostics ?? 'text') !== 'text' || ['json', 'sarif', 'github'].includes(flags.format ?? '');
  const line = new ProgressLine(() => ({ stream: process.stderr, conditions: { isTTY: process.stderr.isTTY === true, quiet: flags.quiet === true, machineOutput } }));
  try {
    return compile(stackInputs(paths), { ...options, onProgress: (pods) => line.update(pods) });
  } finally {
    line.clear();
  }
}
