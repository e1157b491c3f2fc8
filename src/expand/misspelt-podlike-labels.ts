import { warning, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { PathKey } from '../load/source-file.js';
import { isObject, type JsonObject } from '../model/compose-lists.js';
import { nearestName } from '../suggest.js';
import { labelEntries } from './pod-config.js';

/** The prefix podlike-gen reads, without its dot. */
const PREFIX = 'podlike';

/**
 * Whether a label's first dotted part is a slip of `podlike` (`podlke`, `Podlike`, `podlkie`):
 * near enough to be a typo, never an other tool's prefix (`podman` is four edits away).
 */
function isMisspeltPrefix(key: string): boolean {
  const dot = key.indexOf('.');
  if (dot < 0) return false;
  const prefix = key.slice(0, dot);
  if (prefix === PREFIX || Math.abs(prefix.length - PREFIX.length) > 2) return false;
  return nearestName(prefix.toLowerCase(), [PREFIX]) !== undefined;
}

/**
 * A label that was meant for podlike-gen but misses its prefix (`podlke.templates: http`):
 * the service then silently stays a plain service, or loses an arg. Service labels and
 * deploy.labels both, as both are read for `podlike.*`.
 */
export function misspeltPodlikeLabelWarnings(name: string, service: JsonObject, where: (path: PathKey[], key?: boolean) => SourcePosition | undefined): Diagnostic[] {
  const deploy = isObject(service.deploy) ? service.deploy : {};
  return [...labelEntries(service.labels, ['services', name, 'labels']), ...labelEntries(deploy.labels, ['services', name, 'deploy', 'labels'])]
    .filter((entry) => isMisspeltPrefix(entry.key))
    .map((entry) => {
      const meant = `${PREFIX}${entry.key.slice(entry.key.indexOf('.'))}`;
      return warning(`service "${name}": label "${entry.key}" is not read by podlike-gen (did you mean "${meant}"?)`, where(entry.path, true));
    });
}
