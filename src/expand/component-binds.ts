/**
 * Bind mounts of a pod's components, made absolute. docker resolves a relative bind source
 * against the stack file's folder when it deploys; a component is a label that docker does
 * not read as a volume, and Podlike takes any source not starting with `/` for a volume
 * name. So podlike-gen resolves it as docker would, on the machine that compiles.
 */
import { error, note, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { PathKey } from '../load/source-file.js';
import { isObject, sameJson, type Json, type JsonObject } from '../model/compose-lists.js';
import { absoluteFrom, bindSource, isFolderRelativeBind, isHomeRelative, withBindSource } from '../model/host-paths.js';
import type { PodLayer } from '../model/pod-layer.js';

export interface ComponentBindsInputs {
  service: string;
  /** The service as written (after file merging): where an author's volume entry is found. */
  serviceVolumes: Json;
  stackDir: string;
  layers: readonly PodLayer[];
  where: (path: PathKey[]) => SourcePosition | undefined;
  serviceWhere: SourcePosition | undefined;
}

/** A volume entry as the author would recognise it. */
function shown(entry: Json): string {
  return isObject(entry) ? `with target "${String(entry.target)}"` : `"${String(entry)}"`;
}

/** The volumes list of a component in a layer: `init[i]` names an init component. */
function layerVolumes(layer: PodLayer, component: string): Json[] {
  const init = /^init\[\d+\]$/.test(component);
  const definitions = init ? layer.init : [layer.components[component]];
  return definitions.flatMap((definition) => (Array.isArray(definition?.volumes) ? definition.volumes : []));
}

/** Where an entry was written: in the service's volumes, else the service, naming the template that added it. */
function origin(inputs: ComponentBindsInputs, component: string, entry: Json): { position?: SourcePosition; from: string } {
  const written = Array.isArray(inputs.serviceVolumes) ? inputs.serviceVolumes.findIndex((item) => sameJson(item, entry)) : -1;
  const layer = [...inputs.layers].reverse().find((l) => layerVolumes(l, component).some((item) => sameJson(item, entry)));
  if (written >= 0 && (!layer || layer.source === 'service')) return { position: inputs.where(['services', inputs.service, 'volumes', written]), from: '' };
  return { position: inputs.serviceWhere, from: layer ? ` (from ${layer.source})` : '' };
}

function resolveEntry(inputs: ComponentBindsInputs, component: string, entry: Json, diagnostics: Diagnostic[]): Json {
  const source = bindSource(entry);
  if (source === undefined || !(isHomeRelative(source) || isFolderRelativeBind(source))) return entry;
  const { position, from } = origin(inputs, component, entry);
  const subject = `service "${inputs.service}", component "${component}": volume ${shown(entry)}${from}`;
  if (isHomeRelative(source)) {
    const fix = `write the absolute path instead of "${source}" (it must exist on every node the pod runs on)`;
    diagnostics.push(error(`${subject}: a host path under "~" is expanded by docker with the deploying user's HOME, which podlike-gen cannot know, and Podlike reads a source not starting with "/" as a volume name; ${fix}`, position));
    return entry;
  }
  const absolute = absoluteFrom(inputs.stackDir, source);
  diagnostics.push(note(`${subject}: host path "${source}" resolved against the stack's folder, as docker would, to ${absolute} on this machine; it must exist on every node the pod runs on`, position));
  return withBindSource(entry, absolute);
}

/** The component with its folder-relative bind sources made absolute; a `~` source is an error in `diagnostics`. */
export function resolveComponentBinds(inputs: ComponentBindsInputs, component: string, definition: JsonObject, diagnostics: Diagnostic[]): JsonObject {
  if (!Array.isArray(definition.volumes)) return definition;
  const volumes = definition.volumes.map((entry) => resolveEntry(inputs, component, entry, diagnostics));
  return volumes.some((entry, i) => entry !== (definition.volumes as Json[])[i]) ? { ...definition, volumes } : definition;
}
