import { error, note, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { PathKey } from '../load/source-file.js';
import { isObject, type Json, type JsonObject } from '../model/compose-lists.js';

/**
 * A service's container-level keys, valid Compose v3, in the forms a Podlike component holds
 * (DESIGN's table; Podlike's pkg/component and pkg/volume). What the two write differently is
 * rewritten; an option `docker stack deploy` itself ignores (docker 28 drops it while loading)
 * is dropped with a note; one a component cannot hold is an error at its place (and left out,
 * so that it is not reported again as an unknown component key).
 */

type Where = (path: PathKey[], key?: boolean) => SourcePosition | undefined;

/** Long-syntax volume options docker 28's loader drops: inside a pod they mean as little. */
const IGNORED_BY_DOCKER: readonly [string, string][] = [
  ['tmpfs', 'mode'],
  ['bind', 'create_host_path'],
];

const NO_SUBPATH = 'Podlike mounts a whole volume: its mounts have no subpath';
const NO_START_INTERVAL = "Podlike's health check has no start_interval (it reads test, interval, timeout, start_period, retries, disable)";

/** A mapping without one key. */
function without(map: JsonObject, key: string): JsonObject {
  const { [key]: _dropped, ...rest } = map;
  return rest;
}

class Forms {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly service: string,
    readonly where: Where,
  ) {}

  path(...steps: PathKey[]): PathKey[] {
    return ['services', this.service, ...steps];
  }

  refuse(path: PathKey[], reason: string): void {
    this.diagnostics.push(error(`service "${this.service}": ${path.join('.')} cannot go into the pod's app component: ${reason}`, this.where(this.path(...path), true)));
  }

  /** A long-syntax volume as Podlike's mount decoder wants it (mapstructure, no type conversion). */
  volume(volume: JsonObject, index: number): JsonObject {
    const copy: JsonObject = { ...volume };
    for (const [group, option] of IGNORED_BY_DOCKER) {
      const options = copy[group];
      if (!isObject(options) || !(option in options)) continue;
      copy[group] = without(options, option);
      const path = ['volumes', index, group, option];
      this.diagnostics.push(note(`service "${this.service}": ${path.join('.')} dropped: docker stack deploy ignores it too`, this.where(this.path(...path), true)));
    }
    if (isObject(copy.volume) && copy.volume.subpath !== undefined) {
      this.refuse(['volumes', index, 'volume', 'subpath'], NO_SUBPATH);
      copy.volume = without(copy.volume, 'subpath');
    }
    // Compose counts a tmpfs size in bytes; Podlike reads a size string (units.FromHumanSize), where plain digits are bytes.
    if (isObject(copy.tmpfs) && typeof copy.tmpfs.size === 'number') copy.tmpfs = { ...copy.tmpfs, size: String(copy.tmpfs.size) };
    return copy;
  }
}

/** The app's keys in component forms; `diagnostics` gets the notes and errors. */
export function componentForms(app: JsonObject, service: string, where: Where, diagnostics: Diagnostic[]): JsonObject {
  const forms = new Forms(service, where);
  const result: JsonObject = { ...app };
  // Podlike reads tmpfs as a list or a mapping: one path is a list of one.
  if (typeof app.tmpfs === 'string') result.tmpfs = [app.tmpfs];
  if (Array.isArray(app.volumes)) result.volumes = app.volumes.map((v: Json, i) => (isObject(v) ? forms.volume(v, i) : v));
  if (isObject(app.healthcheck) && app.healthcheck.start_interval !== undefined) {
    forms.refuse(['healthcheck', 'start_interval'], NO_START_INTERVAL);
    result.healthcheck = without(app.healthcheck, 'start_interval');
  }
  diagnostics.push(...forms.diagnostics);
  return result;
}
