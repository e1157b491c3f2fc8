/**
 * The one error the engine throws: Go's own message text (`template: name:3:7: executing ...`)
 * plus the 1-based line and column of the token or node it is about, for podlike-gen's
 * file:line:col diagnostics. `unsupported` marks what this engine refuses rather than guess.
 */
export class GoTemplateError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
    readonly unsupported = false,
  ) {
    super(message);
    this.name = 'GoTemplateError';
  }
}

/** 1-based line and column (in characters) of an offset in a text. */
export function lineAndCol(text: string, pos: number): { line: number; col: number } {
  const before = text.slice(0, pos);
  const lastNewline = before.lastIndexOf('\n');
  return { line: before.split('\n').length, col: pos - lastNewline };
}
