import { Chalk, type ChalkInstance } from 'chalk';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';

/** Colour only on a terminal, and never when NO_COLOR is set or --no-color given. */
export function makeChalk(stream: NodeJS.WriteStream, colorOption: boolean): ChalkInstance {
  const wanted = colorOption && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '') && stream.isTTY === true;
  return new Chalk({ level: wanted ? 1 : 0 });
}

const SEVERITY_COLOR = { error: 'red', warning: 'yellow', note: 'cyan' } as const;

function formatForTerminal(d: Diagnostic, chalk: ChalkInstance): string {
  const text = formatDiagnostic(d);
  const label = `${d.severity}:`;
  const at = text.indexOf(label);
  if (at < 0 || chalk.level === 0) return text;
  return text.slice(0, at) + chalk.bold[SEVERITY_COLOR[d.severity]](label) + text.slice(at + label.length);
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], chalk: ChalkInstance, stream: NodeJS.WriteStream = process.stderr): void {
  for (const d of diagnostics) stream.write(`${formatForTerminal(d, chalk)}\n`);
}
