/**
 * A text table whose columns line up: every column but the last is padded to its widest
 * cell, and the last (a description) wraps to the width left, its continuation lines
 * starting under its first.
 */
import { wrapWords } from './wrap-text.js';

/** The last column gets at least this many characters, however narrow the terminal. */
const MIN_LAST_COLUMN = 24;
const GAP = '  ';

export function tableLines(rows: readonly (readonly string[])[], width: number | undefined): string[] {
  if (rows.length === 0) return [];
  const columns = rows[0].length;
  const widths = Array.from({ length: columns - 1 }, (_, i) => Math.max(...rows.map((r) => r[i].length)));
  const indent = widths.reduce((sum, w) => sum + w + GAP.length, 0);
  const lastWidth = width === undefined ? undefined : Math.max(width - indent, MIN_LAST_COLUMN);
  return rows.flatMap((row) => {
    const [first, ...rest] = wrapWords(row[columns - 1], lastWidth);
    const cells = [...widths.map((w, i) => row[i].padEnd(w)), first];
    return [cells.join(GAP).trimEnd(), ...rest.map((line) => `${' '.repeat(indent)}${line}`)];
  });
}
