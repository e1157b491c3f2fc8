import { warning, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { Json } from '../model/compose-lists.js';

const SWARM_PLACEHOLDER = /\{\{\s*\.(Service|Node|Task)\.[A-Za-z.]+\s*\}\}/;

/** Strings under a value that hold a Swarm placeholder, by path (`environment.INSTANCE`). */
function findPlaceholders(value: Json, path: string[], found: { path: string; placeholder: string }[]): void {
  if (typeof value === 'string') {
    // Most strings have no `{{` at all; the pattern only runs on those that do.
    const match = value.includes('{{') ? SWARM_PLACEHOLDER.exec(value) : null;
    if (match) found.push({ path: path.join('.'), placeholder: match[0] });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    path.push(key);
    findPlaceholders((value as Record<string, Json>)[key], path, found);
    path.pop();
  }
}

/**
 * Swarm expands `{{.Task.ID}}` and the like in a service's environment, hostname and
 * mounts, but a component is text in a label: there the placeholder stays as written.
 */
export function placeholderWarnings(service: string, components: Record<string, Json>, where?: SourcePosition): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  for (const name of Object.keys(components)) {
    const found: { path: string; placeholder: string }[] = [];
    findPlaceholders(components[name], [], found);
    for (const { path, placeholder } of found) {
      warnings.push(
        warning(
          `service "${service}", component "${name}": ${path} uses the Swarm placeholder ${placeholder}, which Swarm does not expand inside a pod component's label; the component sees it as written`,
          where,
        ),
      );
    }
  }
  return warnings;
}
