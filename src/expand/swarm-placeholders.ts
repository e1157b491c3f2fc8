import { warning, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { StringMatch } from '../model/strings-in-components.js';

const SWARM_PLACEHOLDER = /\{\{\s*\.(Service|Node|Task)\.[A-Za-z.]+\s*\}\}/;

/**
 * Swarm expands `{{.Task.ID}}` and the like in a service's environment, hostname and
 * mounts, but a component is text in a label: there the placeholder stays as written.
 * `strings`: the components' strings that may hold one (findInComponentStrings).
 */
export function placeholderWarnings(service: string, strings: readonly StringMatch[], where?: SourcePosition): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  for (const { component, path, match: text } of strings) {
    const placeholder = text.includes('{{') ? SWARM_PLACEHOLDER.exec(text)?.[0] : undefined;
    if (placeholder === undefined) continue;
    warnings.push(
      warning(
        `service "${service}", component "${component}": ${path} uses the Swarm placeholder ${placeholder}, which Swarm does not expand inside a pod component's label; the component sees it as written`,
        where,
      ),
    );
  }
  return warnings;
}
