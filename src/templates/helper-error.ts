/**
 * A helper used the wrong way (too few or too many values, a width that is not one), or a
 * render past its budget, with the line of the section it is called on when known.
 */
export class HelperError extends Error {
  override name = 'HelperError';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** A helper's error with the line of its call, when it did not know it. */
export function atLine(e: unknown, line: number | undefined): unknown {
  return e instanceof HelperError && e.line === undefined ? new HelperError(e.message, line) : e;
}
