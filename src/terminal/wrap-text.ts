/**
 * Text for a terminal: words wrapped to a width, never cut inside a word (a word longer
 * than the width stands alone on its line), and the width to wrap to.
 */

/** The lines of `text` at most `width` wide, where words allow; no width, no wrapping. */
export function wrapWords(text: string, width: number | undefined): string[] {
  if (width === undefined || width <= 0) return [text];
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      if (line === '') line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * The width to wrap to: the terminal's, or COLUMNS when set (so a pipe can ask for a width);
 * undefined (no wrapping) when neither is known.
 */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number }, env: Readonly<Record<string, string | undefined>>): number | undefined {
  const columns = Number(env.COLUMNS);
  if (env.COLUMNS !== undefined && Number.isInteger(columns) && columns > 0) return columns;
  return stream.isTTY && stream.columns ? stream.columns : undefined;
}
