/**
 * Two templates adding a component of one name: the pod merges them into one container (one
 * template's image with the other's entrypoint), which runs neither. A template that adds to
 * another's component on purpose says so with `extends: [name]`.
 */
import { error, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { APP } from '../model/pod-layer.js';
import type { Template } from '../templates/template.js';

/**
 * An error for each component `template` adds under a name an earlier template added
 * (`owners`: component → template), unless it extends that component; records the new names.
 */
export function sameNameComponents(
  service: string,
  template: Template,
  names: readonly string[],
  owners: Map<string, string>,
  where: (component: string) => SourcePosition | undefined,
): Diagnostic[] {
  const errors: Diagnostic[] = [];
  for (const name of names) {
    if (name === APP) continue;
    const owner = owners.get(name);
    if (owner === undefined) owners.set(name, template.name);
    else if (!template.extends.includes(name)) {
      errors.push(
        error(
          `service "${service}": templates "${owner}" and "${template.name}" both add a component "${name}", which would be merged into one container: rename one of them, or, if "${template.name}" adds to "${owner}"'s component on purpose, declare extends: [${name}] in template "${template.name}"`,
          where(name),
        ),
      );
    }
  }
  return errors;
}
