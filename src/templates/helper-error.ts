/** Where a call is in its section: Handlebars' `loc.start` (line 1-based, column 0-based). */
export interface CallPlace {
  line: number;
  column: number;
}

/**
 * A helper used the wrong way (too few or too many values, a width that is not one), or a
 * render past its budget, with the place of the call in the section when known.
 */
export class HelperError extends Error {
  override name = 'HelperError';
  constructor(
    message: string,
    readonly at?: CallPlace,
  ) {
    super(message);
  }
}

/** `{{fail "..."}}`: the template author's own message, for what an args schema cannot check. */
export class TemplateFailure extends HelperError {
  override name = 'TemplateFailure';
}

/** A helper's error with the place of its call, when it did not know it. */
export function atCall(e: unknown, at: CallPlace | undefined): unknown {
  if (!(e instanceof HelperError) || e.at !== undefined) return e;
  return e instanceof TemplateFailure ? new TemplateFailure(e.message, at) : new HelperError(e.message, at);
}
