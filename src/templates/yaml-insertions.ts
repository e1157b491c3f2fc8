/**
 * Where `toYaml` put text of several lines into one section's render. Only its first line
 * lands where the call is written; the others start at the line's beginning. Written after
 * a key or an indentation (`      {{toYaml service.environment}}`), its later lines leave the
 * mapping they were meant for, and the first error the author sees ("unknown component key
 * "A"") is about the escaped keys, not the missing `indent`.
 */

let insertions: string[] = [];

/** Starts one section's render for one pod. */
export function startYamlInsertions(): void {
  insertions = [];
}

/** Notes a toYaml result; one line fits wherever it is written. */
export function recordYamlInsertion(text: string): void {
  if (text.includes('\n')) insertions.push(text);
}

export interface MisplacedInsertion {
  /** Offset of the insertion's first character in the rendered text. */
  offset: number;
  /** The `indent` width that would put every line where the first one is meant to be. */
  width: number;
  /** Whether the call follows a key on its line, so that it needs a line of its own. */
  afterKey: boolean;
}

/**
 * The first recorded insertion whose later lines are less indented than the line it starts
 * on: they left its parent. (Run through `indent`, the text is no longer found as it was.)
 */
export function misplacedYamlInsertion(rendered: string): MisplacedInsertion | undefined {
  let from = 0;
  for (const text of insertions) {
    const offset = rendered.indexOf(text, from);
    if (offset < 0) continue;
    from = offset + text.length;
    const lineStart = rendered.lastIndexOf('\n', offset - 1) + 1;
    const before = rendered.slice(lineStart, offset);
    const lineIndent = /^ */.exec(before)![0].length;
    const later = text.split('\n').slice(1).filter((line) => line.trim() !== '');
    if (lineIndent === 0 || !later.some((line) => /^ */.exec(line)![0].length < lineIndent)) continue;
    const afterKey = before.trim() !== '';
    return { offset, width: afterKey ? lineIndent + 2 : before.length, afterKey };
  }
  return undefined;
}
