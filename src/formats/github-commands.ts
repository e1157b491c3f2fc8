/**
 * Diagnostics as GitHub Actions workflow commands (`::error file=F,line=L,col=C::message`):
 * a step that prints them gets annotations on the lines of the pull request. Escaping
 * follows the runner's rules: `%`, CR and LF in the message; also `:` and `,` in properties.
 */
import type { Diagnostic, Severity } from '../diagnostics.js';
import { ruleOf } from './diagnostic-rules.js';
import { locationOf } from './diagnostic-location.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command line for a diagnostic. */
export function githubCommand(diagnostic: Diagnostic, cwd: string): string {
  const location = locationOf(diagnostic, cwd);
  const properties: [string, string | number][] = [];
  if (location) {
    properties.push(['file', location.file]);
    if (location.line !== undefined) properties.push(['line', location.line], ['col', location.col ?? 1]);
  }
  properties.push(['title', `podlike-gen ${ruleOf(diagnostic).id}`]);
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMAND[diagnostic.severity]} ${props}::${escapeData(diagnostic.message)}`;
}

/** The workflow commands of a run's diagnostics, one a line. */
export function githubCommands(diagnostics: readonly Diagnostic[], cwd: string): string {
  return diagnostics.map((d) => `${githubCommand(d, cwd)}\n`).join('');
}
