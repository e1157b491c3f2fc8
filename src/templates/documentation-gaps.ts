import { warning, type Diagnostic } from '../diagnostics.js';
import { positionOf, type PathKey } from '../load/source-file.js';
import type { ArgSpec, Template } from './template.js';

/**
 * What `templates show` would print without saying anything: a template's description or an
 * arg's left empty, or the scaffold's TODO left in. Its file is the template's only
 * documentation, so a stack author would have to read the Handlebars to know what an arg does.
 */

const TODO = /\bTODO\b/;

/** Args (nested ones as `a.b`) with no description or a TODO one, with their path in the template file. */
function undocumentedArgs(properties: Record<string, ArgSpec>, path: PathKey[], prefix = ''): { arg: string; path: PathKey[]; todo: boolean }[] {
  return Object.entries(properties).flatMap(([name, spec]) => {
    const at = [...path, name];
    const description = typeof spec.description === 'string' ? spec.description.trim() : '';
    const own = description === '' || TODO.test(description) ? [{ arg: `${prefix}${name}`, path: at, todo: description !== '' }] : [];
    return [...own, ...(spec.properties ? undocumentedArgs(spec.properties, [...at, 'properties'], `${prefix}${name}.`) : [])];
  });
}

/** Warnings for a template's documentation gaps, at the key that lacks it. */
export function documentationWarnings(template: Template): Diagnostic[] {
  const file = template.source;
  const diagnostics: Diagnostic[] = [];
  if (TODO.test(template.description)) {
    diagnostics.push(warning(`template "${template.name}": its description still has the scaffold's TODO: say in one line what it adds to a pod (templates show prints it)`, positionOf(file, ['description'])));
  }
  for (const gap of undocumentedArgs(template.argsSchema.properties ?? {}, ['args', 'properties'])) {
    const what = gap.todo ? "still has a TODO as its description" : 'has no description';
    diagnostics.push(warning(`template "${template.name}": arg "${gap.arg}" ${what}: say what it sets (templates show prints it as the arg's documentation)`, positionOf(file, gap.path, true)));
  }
  return diagnostics;
}
