/**
 * A tab where YAML wants indentation. The yaml package reports it in several ways, most not
 * naming the tab ("Block scalar lines must not be less indented than their first line", "Block
 * scalar values in collections must be indented"), often more than once; the author only has
 * to replace the tab, so that is the one error to give, at the tab.
 */
export const TAB_INDENTATION = 'a tab in the indentation: YAML forbids tabs for indentation; indent with spaces';

/** The offset of a tab in the leading whitespace of the line holding `offset`, if there is one. */
function tabInLineIndent(text: string, offset: number): number | undefined {
  const start = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(start, start + 1024))![0];
  const tab = indent.indexOf('\t');
  return tab < 0 ? undefined : start + tab;
}

/** The first line, from the top, with a tab in its indentation. */
function firstIndentTab(text: string): number | undefined {
  const match = /^[ ]*\t/m.exec(text);
  return match ? match.index + match[0].length - 1 : undefined;
}

/**
 * How many of a file's errors are looked at for a tab on their line: a tab's errors come first,
 * and a broken file can hold one error every few characters of a long line (each look scans
 * back to its line's start).
 */
const ERRORS_LOOKED_AT = 20;

/**
 * Where the tab is that YAML errors come from: on a line one of the first errors points at, or,
 * where an error names tabs, the first tab-indented line. Undefined when the errors are about something else.
 */
export function indentationTab(text: string, errors: readonly { offset: number; message: string }[]): number | undefined {
  for (const e of errors.slice(0, ERRORS_LOOKED_AT)) {
    const tab = tabInLineIndent(text, e.offset);
    if (tab !== undefined) return tab;
  }
  return errors.some((e) => /\btabs?\b/i.test(e.message)) ? firstIndentTab(text) : undefined;
}
