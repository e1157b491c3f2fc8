import type { Diagnostic } from '../diagnostics.js';
import { SECTION_NAMES, type SectionName } from './template.js';

/**
 * Hints for a template whose section is written as YAML instead of as text. A section is a
 * Handlebars template whose output is YAML, so the file holds it as a string: a block scalar,
 * `app: |`. Written as a mapping, the file either reads with no text to render, or, once a line
 * holds `{{#if ...}}`, does not read at all (a `{` opens a YAML flow mapping) and the yaml
 * package's own messages say nothing of the cause.
 */

const SHOWN_SECTIONS = SECTION_NAMES.join(', ');

function isSection(key: string): key is SectionName {
  return (SECTION_NAMES as readonly string[]).includes(key);
}

function sectionAsTextHint(section: string): string {
  return ` (a section is Handlebars text that renders to YAML: write it as a block scalar, "${section}: |", with the text indented below)`;
}

/** The hint for a template schema error at `at` (a key path): a section whose value is not a string. */
export function sectionNotText(at: readonly (string | number)[], keyword: string): string {
  const [key] = at;
  return at.length === 1 && keyword === 'type' && typeof key === 'string' && isSection(key) ? sectionAsTextHint(key) : '';
}

/** The top-level key whose value holds line `line` (1-based) of a file's text, if any. */
function topLevelKeyAbove(lines: string[], line: number): string | undefined {
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(lines[i]);
    if (key) return key[1];
  }
  return undefined;
}

/**
 * A template file's YAML errors, the first one on a line with `{{` told why: Handlebars outside
 * a section's text. Other errors are left as they are.
 */
export function withSectionTextHint(diagnostics: Diagnostic[], text: string): Diagnostic[] {
  const lines = text.split(/\r?\n/);
  const first = diagnostics.findIndex((d) => d.position !== undefined && (lines[d.position.line - 1] ?? '').includes('{{'));
  if (first < 0) return diagnostics;
  const diagnostic = diagnostics[first];
  const key = topLevelKeyAbove(lines, diagnostic.position!.line);
  const hint =
    key !== undefined && isSection(key)
      ? sectionAsTextHint(key)
      : ` (Handlebars belongs in a section's text, written as a block scalar such as "app: |"; the sections are ${SHOWN_SECTIONS})`;
  return diagnostics.map((d, i) => (i === first ? { ...d, message: d.message + hint } : d));
}
