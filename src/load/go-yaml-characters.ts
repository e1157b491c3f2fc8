/**
 * A stack file is read by podlike-gen as YAML 1.2 and by the docker CLI with Go YAML, which
 * breaks lines at U+0085, U+2028 and U+2029 and refuses DEL, the C1 controls, U+FFFE and U+FFFF.
 * Written raw, such a character gives the two readers different stacks (a line break can start a
 * new key), so it is refused where it stands, with the escape that means the same to both.
 */
import { CompileError, error } from '../diagnostics.js';
import { GO_YAML_UNSAFE } from '../emit/go-yaml-readings.js';
import { lineAndColumn } from './source-file.js';

const NAMES: Record<string, string> = {
  '\u0085': 'U+0085 (next line)',
  '\u2028': 'U+2028 (line separator)',
  '\u2029': 'U+2029 (paragraph separator)',
};

function characterName(ch: string): string {
  return NAMES[ch] ?? `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Refuses a stack file's text that holds a character Go YAML reads otherwise, at its place. */
export function refuseGoYamlUnsafeCharacters(file: string, text: string): void {
  const found = GO_YAML_UNSAFE.exec(text);
  if (!found) return;
  const ch = found[0];
  const escape = `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  throw new CompileError([
    error(
      `raw ${characterName(ch)}: docker's YAML reader ${ch === '\u0085' || ch === '\u2028' || ch === '\u2029' ? 'breaks the line here' : 'refuses this character'}, so it would read another stack than podlike-gen does; write it as ${escape} inside a double-quoted string`,
      // A lone CR ends a line, as the readers (and the positions of other diagnostics) count lines.
      { file, ...lineAndColumn(text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text, found.index) },
    ),
  ]);
}
