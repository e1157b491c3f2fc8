import { fail } from '../diagnostics.js';
import type { TemplateLibrary } from '../templates/template-library.js';
import type { Template } from '../templates/template.js';
import type { Located } from './pod-config.js';

/**
 * The templates a pod applies, in order: each after the templates it requires,
 * each once, with a requires cycle reported as the chain that closes it.
 */
export function orderTemplates(service: string, requested: readonly Located<string>[], library: TemplateLibrary): readonly Template[] {
  // Pods of a large stack ask for the same few lists of templates: each list is ordered once.
  let known = orderings.get(library);
  if (!known) orderings.set(library, (known = new Map()));
  const key = requested.map(({ value }) => value).join('\n');
  let ordered = known.get(key);
  if (!ordered) known.set(key, (ordered = dependencyOrder(service, requested, library)));
  return ordered;
}

/** Orderings already made, by library and requested names (names hold no newline). */
const orderings = new WeakMap<TemplateLibrary, Map<string, readonly Template[]>>();

function dependencyOrder(service: string, requested: readonly Located<string>[], library: TemplateLibrary): Template[] {
  const ordered: Template[] = [];
  const done = new Set<string>();

  const visit = (name: string, where: Located<string>['where'], chain: string[]): void => {
    if (done.has(name)) return;
    if (chain.includes(name)) {
      fail(`service "${service}": templates require each other in a cycle: ${[...chain.slice(chain.indexOf(name)), name].join(' -> ')}`, where);
    }
    const requiredBy = chain.length > 0 ? `template "${chain[chain.length - 1]}" requires ` : '';
    const template = library.get(name, where, `service "${service}": ${requiredBy}`);
    for (const required of template.requires) visit(required, where, [...chain, name]);
    done.add(name);
    ordered.push(template);
  };

  for (const { value, where } of requested) visit(value, where, []);
  return ordered;
}
