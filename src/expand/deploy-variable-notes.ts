/**
 * A `${VAR}` in a component is filled in by `docker stack deploy` inside the label's text, before
 * Podlike parses that text as YAML. podlike-gen writes such a string single-quoted (or as a block
 * literal when it has several lines), so any value stays one string, except one holding a `'` or
 * a line break: those would end the quoted string. Said once per variable and pod, as a note.
 */
import { note, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { Json } from '../model/compose-lists.js';
import { deployVariableIn, deployVariables } from '../model/deploy-variables.js';
import { findInComponentStrings } from '../model/strings-in-components.js';

/** The variable's name: `${A:-x}` and `$A` both name A. */
function variableName(variable: string): string {
  return /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(variable)?.[1] ?? variable;
}

export function deployVariableNotes(service: string, components: Record<string, Json>, where?: SourcePosition): Diagnostic[] {
  const notes = new Map<string, Diagnostic>();
  for (const { component, path, match: text } of findInComponentStrings(components, (text) => (deployVariableIn(text) === undefined ? undefined : text))) {
    for (const variable of deployVariables(text)) {
      const name = variableName(variable);
      if (notes.has(name)) continue;
      notes.set(
        name,
        note(
          `service "${service}", component "${component}": ${path} uses ${variable}, which docker stack deploy fills in inside the component's label before Podlike reads it: its value must not hold a ' or a line break`,
          where,
        ),
      );
    }
  }
  return [...notes.values()];
}
