import type { Diagnostic } from '../../diagnostics.js';
import { diagnosticJson } from '../../formats/diagnostics-json.js';
import { githubCommands } from '../../formats/github-commands.js';
import { compileInputs, compileWithProgress, EXIT_ERRORS, EXIT_OK, report, sarifText, shownDiagnostics, type CompileInputFlags } from '../context.js';

export const VALIDATE_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

const count = (diagnostics: readonly Diagnostic[], severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;

/** The validate report on stdout for --format json|sarif|github (schemas/validate-report.schema.json for json). */
function machineReport(diagnostics: readonly Diagnostic[], format: Exclude<ValidateFormat, 'text'>): string {
  if (format === 'sarif') return sarifText(diagnostics);
  if (format === 'github') return githubCommands(diagnostics, process.cwd());
  const summary = { errors: count(diagnostics, 'error'), warnings: count(diagnostics, 'warning'), notes: count(diagnostics, 'note') };
  return `${JSON.stringify({ ...summary, diagnostics: diagnostics.map(diagnosticJson) }, null, 2)}\n`;
}

/**
 * Every diagnostic of a compile, no output; exit 1 when any is an error. In text mode the
 * diagnostics and a summary go to stderr; --format json|sarif|github writes them to stdout.
 */
export function runValidate(paths: string[], flags: CompileInputFlags & { strict?: boolean; format: ValidateFormat }): number {
  const result = compileWithProgress(paths, { ...compileInputs(flags), strict: flags.strict }, flags);
  const errors = count(result.diagnostics, 'error');
  if (flags.format !== 'text') {
    process.stdout.write(machineReport(shownDiagnostics(result.diagnostics, flags), flags.format));
  } else {
    report(result.diagnostics, flags);
    if ((flags.diagnostics ?? 'text') === 'text') process.stderr.write(`${errors} error(s), ${count(result.diagnostics, 'warning')} warning(s)\n`);
  }
  return errors > 0 ? EXIT_ERRORS : EXIT_OK;
}
