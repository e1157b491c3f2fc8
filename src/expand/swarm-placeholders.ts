import { warning, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { Json } from '../model/compose-lists.js';

const SWARM_PLACEHOLDER = /\{\{\s*\.(Service|Node|Task)\.[A-Za-z.]+\s*\}\}/;

/** Paths (`environment.INSTANCE`) under a value whose strings hold a Swarm placeholder. */
function placeholderPaths(value: Json, path: string[] = []): { path: string; placeholder: string }[] {
  if (typeof value === 'string') {
    const found = SWARM_PLACEHOLDER.exec(value);
    return found ? [{ path: path.join('.'), placeholder: found[0] }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => placeholderPaths(child, [...path, key]));
}

/**
 * Swarm expands `{{.Task.ID}}` and the like in a service's environment, hostname and
 * mounts, but a component is text in a label: there the placeholder stays as written.
 */
export function placeholderWarnings(service: string, components: Record<string, Json>, where?: SourcePosition): Diagnostic[] {
  return Object.entries(components).flatMap(([name, component]) =>
    placeholderPaths(component).map(({ path, placeholder }) =>
      warning(
        `service "${service}", component "${name}": ${path} uses the Swarm placeholder ${placeholder}, which Swarm does not expand inside a pod component's label; the component sees it as written`,
        where,
      ),
    ),
  );
}
