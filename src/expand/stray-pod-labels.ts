import { warning, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { PathKey } from '../load/source-file.js';
import { isObject, type JsonObject } from '../model/compose-lists.js';
import { labelEntries } from './pod-config.js';

/** Whether labels in either form have a `pod.*` key: checked for every pod, so without making entries. */
function hasPodLabel(labels: unknown): boolean {
  if (Array.isArray(labels)) return labels.some((item) => typeof item === 'string' && item.startsWith('pod.'));
  return isObject(labels) && Object.keys(labels).some((key) => key.startsWith('pod.'));
}

/** Where in a template what a `pod.*` label says belongs. */
function sectionFor(label: string): string {
  if (label.startsWith('pod.component.')) return "write the component in a template's components section";
  if (label.startsWith('pod.init.')) return "write the init component in a template's init section";
  if (label.startsWith('pod.copy.')) return "write the copy in a template's copy section";
  return 'write it in a template';
}

/**
 * `pod.*` labels written on a service that becomes a pod. Podlike reads them from its
 * controller's container only, whose labels podlike-gen writes from the templates; on the
 * service they land on the app container (`labels`) or on the controller's service
 * (`deploy.labels`), where Podlike never looks, and the component they describe never runs.
 */
export function strayPodLabelWarnings(name: string, service: JsonObject, where: (path: PathKey[], key?: boolean) => SourcePosition | undefined): Diagnostic[] {
  const deploy = isObject(service.deploy) ? service.deploy : {};
  if (!hasPodLabel(service.labels) && !hasPodLabel(deploy.labels)) return [];
  const entries = [
    ...labelEntries(service.labels, ['services', name, 'labels']).map((entry) => ({ ...entry, lands: 'the app container' })),
    ...labelEntries(deploy.labels, ['services', name, 'deploy', 'labels']).map((entry) => ({ ...entry, lands: "the controller's service labels" })),
  ];
  return entries
    .filter((entry) => entry.key.startsWith('pod.'))
    .map((entry) =>
      warning(
        `service "${name}": label "${entry.key}" lands on ${entry.lands}, where Podlike does not read it: a pod's pod.* labels come from its templates (${sectionFor(entry.key)})`,
        where(entry.path, true),
      ),
    );
}
