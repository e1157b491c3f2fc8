/**
 * A service's own mount at the folder where a template mounts a volume into the app: the
 * author wins (the layers' rule), so the template's volume is gone from the app, and a
 * component reading that volume (with-logging's Fluent Bit) reads an empty one. Said, not refused.
 */
import { warning, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { APP, type PodLayer } from '../model/pod-layer.js';
import { mountSource, mountTarget, type Json } from '../model/compose-lists.js';

function mounts(layer: PodLayer, component: string): Json[] {
  const volumes = layer.components[component]?.volumes;
  return Array.isArray(volumes) ? volumes : [];
}

/** Components of the template's layer other than the app that mount `source`: those that lose their share. */
function sharers(layer: PodLayer, source: string): string[] {
  return Object.keys(layer.components).filter((name) => name !== APP && mounts(layer, name).some((entry) => mountSource(entry) === source));
}

/** A warning for each mount of the service's own that replaces a template's volume in the app. */
export function shadowedVolumes(service: string, layers: readonly PodLayer[], where: (index: number) => SourcePosition | undefined): Diagnostic[] {
  const own = layers.find((layer) => layer.source === 'service');
  if (!own) return [];
  const warnings: Diagnostic[] = [];
  mounts(own, APP).forEach((entry, index) => {
    const target = mountTarget(entry);
    for (const layer of layers) {
      if (!layer.template) continue;
      const replaced = mounts(layer, APP).find((mine) => mountTarget(mine) === target);
      if (replaced === undefined || mountSource(replaced) === mountSource(entry)) continue;
      const source = mountSource(replaced);
      const shared = sharers(layer, source);
      const sharing = shared.length > 0 ? `, which component ${shared.map((name) => `"${name}"`).join(' and ')} also mount${shared.length === 1 ? 's' : ''}: ${shared.length === 1 ? 'it' : 'they'} would read an empty volume` : '';
      const shown = typeof entry === 'string' ? entry : `${mountSource(entry)}:${target}`;
      warnings.push(
        warning(
          `service "${service}": volume "${shown}" replaces the volume "${source}" template "${layer.template.name}" mounts at ${target} in the app${sharing}; remove this mount, or give it another target`,
          where(index),
        ),
      );
    }
  });
  return warnings;
}
