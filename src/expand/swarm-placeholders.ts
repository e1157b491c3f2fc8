import { warning, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { Json } from '../model/compose-lists.js';
import { findInComponentStrings } from '../model/strings-in-components.js';

const SWARM_PLACEHOLDER = /\{\{\s*\.(Service|Node|Task)\.[A-Za-z.]+\s*\}\}/;

/** The first Swarm placeholder in a text; most strings have no `{{` at all, and the pattern only runs on those that do. */
function placeholderIn(text: string): string | undefined {
  return text.includes('{{') ? SWARM_PLACEHOLDER.exec(text)?.[0] : undefined;
}

/**
 * Swarm expands `{{.Task.ID}}` and the like in a service's environment, hostname and
 * mounts, but a component is text in a label: there the placeholder stays as written.
 */
export function placeholderWarnings(service: string, components: Record<string, Json>, where?: SourcePosition): Diagnostic[] {
  return findInComponentStrings(components, placeholderIn).map(({ component, path, match }) =>
    warning(
      `service "${service}", component "${component}": ${path} uses the Swarm placeholder ${match}, which Swarm does not expand inside a pod component's label; the component sees it as written`,
      where,
    ),
  );
}
