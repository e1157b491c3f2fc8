import { createRequire } from 'node:module';

/**
 * Where in a section's template text a line of its rendered text came from, so that a YAML
 * error found in the rendered text points at the template line that made it. A loop, an `if`
 * or a value with line breaks makes the rendered lines differ from the template's, so the
 * rendered line's number alone can point at another line, or past the section.
 *
 * The two texts' lines are aligned as a diff would (longest common subsequence), a template
 * line standing for every rendered line it could have made: its text with each `{{...}}`
 * matching anything. A line that holds only block tags (`{{#each}}`, `{{/if}}`, `{{else}}`, a
 * comment) renders to nothing and stands for no line. A rendered line left over is placed at a
 * template line that could have made it, the nearest to the line before it that did align (the
 * next turn of a loop); failing that, at that line before it (a value with line breaks).
 */

export interface LineOrigin {
  /** 1-based line of the template text. */
  line: number;
  /** 0-based column in that line, where it is known. */
  column?: number;
}

/** Diffs of sections far larger than any template are left unaligned: an error path must not hang. */
const ALIGN_TIMEOUT_MS = 200;

/** Whether a rendered line could come from a template line; undefined for a line that renders to nothing. */
export type LineMatcher = (rendered: string) => boolean;

/** A template line cut at its `{{...}}`s: the texts between them, and the tags themselves. */
interface LineParts {
  literals: string[];
  tags: string[];
  /** A `{{` with no `}}` after it on the line: the tag goes on past it. */
  open: boolean;
}

/** Cuts a line with indexOf, in time linear in its length (a pattern scan of each `{{` for its `}}` was quadratic). */
function lineParts(line: string): LineParts {
  const literals: string[] = [];
  const tags: string[] = [];
  let at = 0;
  for (;;) {
    const start = line.indexOf('{{', at);
    if (start < 0) {
      literals.push(line.slice(at));
      return { literals, tags, open: false };
    }
    literals.push(line.slice(at, start));
    const end = line.indexOf('}}', start + 2);
    if (end < 0) return { literals, tags, open: true };
    at = end + 2;
    if (line[start + 2] === '{' && line[at] === '}') at++;
    tags.push(line.slice(start, at));
  }
}

const BLOCK_TAG = /^\{\{~?\s*(?:[#/^!]|else\b)/;

/**
 * The matcher of a template line: its literal texts, in order, with anything between them. Found
 * with indexOf, leftmost first, which is exact for such patterns and linear in the line's length.
 */
export function lineMatcher(line: string): LineMatcher | undefined {
  const { literals, tags, open } = lineParts(line);
  const onlyBlockTags = !open && tags.length > 0 && tags.every((tag) => BLOCK_TAG.test(tag)) && literals.every((text) => text.trim() === '');
  if (onlyBlockTags) return undefined;
  // An unclosed `{{` goes on past this line: whatever follows it matches.
  if (open) literals.push('');
  return (rendered) => literalsInOrder(literals, rendered);
}

function literalsInOrder(literals: string[], text: string): boolean {
  const first = literals[0];
  if (literals.length === 1) return text === first;
  const final = literals[literals.length - 1];
  if (first.length + final.length > text.length || !text.startsWith(first) || !text.endsWith(final)) return false;
  const end = text.length - final.length;
  let at = first.length;
  for (let i = 1; i < literals.length - 1; i++) {
    const found = text.indexOf(literals[i], at);
    if (found < 0 || found + literals[i].length > end) return false;
    at = found + literals[i].length;
  }
  return true;
}

/** For each rendered line, the template line it aligns with, if any (0-based). */
function alignedLines(templateLines: string[], matchers: (LineMatcher | undefined)[], renderedLines: string[]): (number | undefined)[] {
  const { diffArrays } = createRequire(import.meta.url)('diff') as typeof import('diff');
  const indices = templateLines.map((_, i) => i);
  const aligned: (number | undefined)[] = new Array(renderedLines.length).fill(undefined);
  const changes = diffArrays<number | string>(indices, renderedLines, {
    comparator: (left, right) => matchers[left as number]?.(right as string) === true,
    timeout: ALIGN_TIMEOUT_MS,
  });
  if (!changes) return aligned;
  let t = 0;
  let r = 0;
  for (const change of changes) {
    const count = change.count ?? change.value.length;
    if (change.removed) t += count;
    else if (change.added) r += count;
    else for (let k = 0; k < count; k++) aligned[r++] = t++;
  }
  return aligned;
}

/** The 0-based column of a rendered line's error in the template line that made it, where it can be told. */
function columnIn(templateLine: string, renderedLine: string, column: number): number | undefined {
  const firstOutput = templateLine.indexOf('{{');
  const literal = firstOutput < 0 ? templateLine : templateLine.slice(0, firstOutput);
  if (column <= literal.length && renderedLine.startsWith(literal.slice(0, column))) return column;
  return firstOutput < 0 ? undefined : firstOutput;
}

/** The template line (1-based) and column that made `renderedLine` (1-based) at `column` (0-based). */
export function renderedLineOrigin(templateText: string, renderedText: string, renderedLine: number, column: number): LineOrigin {
  const templateLines = templateText.split('\n');
  const renderedLines = renderedText.split('\n');
  let r = Math.min(Math.max(renderedLine, 1), renderedLines.length) - 1;
  // An error on a blank line (the end of the text: an unclosed `[`) belongs to the line before it.
  while (r > 0 && renderedLines[r].trim() === '') column = renderedLines[--r].length;
  const matchers = templateLines.map(lineMatcher);
  const aligned = alignedLines(templateLines, matchers, renderedLines);
  let origin = aligned[r];
  if (origin === undefined) {
    let before = r - 1;
    while (before >= 0 && aligned[before] === undefined) before--;
    const anchor = before >= 0 ? aligned[before]! : 0;
    origin = nearestMaker(matchers, renderedLines[r], anchor) ?? anchor;
  }
  return { line: origin + 1, column: columnIn(templateLines[origin], renderedLines[r], column) };
}

/** The template line nearest to `anchor` that could make the rendered line, the earlier one on a tie. */
function nearestMaker(matchers: (LineMatcher | undefined)[], rendered: string, anchor: number): number | undefined {
  for (let distance = 0; distance < matchers.length; distance++) {
    for (const i of [anchor - distance, anchor + distance]) {
      if (i >= 0 && i < matchers.length && matchers[i]?.(rendered)) return i;
    }
  }
  return undefined;
}
