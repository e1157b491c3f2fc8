/** A problem found while compiling, pointing at the place in a file that caused it. */
export type Severity = 'error' | 'warning' | 'note';

export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

export interface Diagnostic {
  severity: Severity;
  message: string;
  /** Where it happened; absent only for problems that belong to no file (a missing file, say). */
  position?: SourcePosition;
  /** Which file a position-less diagnostic is about. */
  file?: string;
}

/**
 * Thrown by a stage that cannot go on; compile() turns it into diagnostics.
 * Carrying several lets one stage report all it found before stopping.
 */
export class CompileError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'CompileError';
  }
}

export function error(message: string, position?: SourcePosition): Diagnostic {
  return { severity: 'error', message, position };
}

export function warning(message: string, position?: SourcePosition): Diagnostic {
  return { severity: 'warning', message, position };
}

export function note(message: string, position?: SourcePosition): Diagnostic {
  return { severity: 'note', message, position };
}

/** Stops the current stage with one error. */
export function fail(message: string, position?: SourcePosition): never {
  throw new CompileError([error(message, position)]);
}

/** `file:line:col: severity: message`, the form editors and CI log parsers link. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.position ? `${d.position.file}:${d.position.line}:${d.position.col}: ` : d.file ? `${d.file}: ` : '';
  return `${where}${d.severity}: ${d.message}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** The start of a long text, enough to recognise it in a message. */
export function excerpt(text: string, length = 60): string {
  return text.length <= length ? text : `${text.slice(0, length)}…`;
}
