/**
 * A `${VAR}` in a component is filled in by `docker stack deploy` inside the label's text, before
 * Podlike parses that text as YAML. podlike-gen writes such a string single-quoted (or as a block
 * literal when it has several lines), so any value stays one string, except one holding a `'` or
 * a line break: those would end the quoted string. Said once per variable in a stack, as a note.
 */
import { note, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { deployVariables } from '../model/deploy-variables.js';
import type { StringMatch } from '../model/strings-in-components.js';

/** The variable's name: `${A:-x}` and `$A` both name A. */
function variableName(variable: string): string {
  return /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(variable)?.[1] ?? variable;
}

/** `strings`: the components' strings that may hold a variable (findInComponentStrings). */
export function deployVariableNotes(service: string, strings: readonly StringMatch[], noted: Set<string>, where?: SourcePosition): Diagnostic[] {
  const notes: Diagnostic[] = [];
  for (const { component, path, match: text } of strings) {
    for (const variable of deployVariables(text)) {
      const name = variableName(variable);
      if (noted.has(name)) continue;
      noted.add(name);
      notes.push(
        note(
          `service "${service}", component "${component}": ${path} uses ${variable}, which docker stack deploy fills in inside the component's label before Podlike reads it: its value must not hold a ' or a line break (said once for the stack)`,
          where,
        ),
      );
    }
  }
  return notes;
}
