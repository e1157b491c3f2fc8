import { isObject, setEntry, type JsonObject } from '../model/compose-lists.js';
import { overridden } from './field-merges.js';
import { keyedLists } from './keyed-lists.js';
import { serviceFields } from './service-merge-rules.js';

/** Merges one service definition over another as `docker stack deploy -c a.yml -c b.yml` does. */
export function mergeServiceOverride(base: JsonObject, over: JsonObject): JsonObject {
  return { ...(serviceFields(base, over) as JsonObject), ...keyedLists(base, over) };
}

/** Services by name: a redefined one merged, a new one added after the earlier ones. */
function mergeServices(earlier: JsonObject, later: JsonObject): JsonObject {
  const services: JsonObject = { ...earlier };
  for (const [name, service] of Object.entries(later)) {
    const before = services[name];
    const definition = service ?? {};
    setEntry(services, name, isObject(before) && isObject(definition) ? mergeServiceOverride(before, definition) : service);
  }
  return services;
}

/** The top-level sections whose definitions a later file replaces whole, name by name. */
const DEFINITIONS = new Set(['volumes', 'networks', 'secrets', 'configs']);

/**
 * Merges whole stack files in order, as several `-c` options to `docker stack deploy` do:
 * services field by field; volumes, networks, secrets and configs name by name, a later
 * definition replacing the earlier one whole. `version` and the `x-` fields are the first
 * file's: docker reads no other file's extension fields (measured with docker 28), and the
 * versions must agree (file-versions.ts). `x-podlike`, podlike-gen's own, merges as it
 * overrides. An empty section (`services:` with nothing under it) overrides nothing.
 */
export function mergeStackFiles(files: readonly JsonObject[]): JsonObject {
  const [first, ...rest] = files;
  const merged: JsonObject = { ...first };
  for (const file of rest) {
    for (const [section, value] of Object.entries(file)) {
      const previous = merged[section];
      if (section === 'version' || value === null) continue;
      if (previous === undefined || previous === null) {
        if (!section.startsWith('x-') || section === 'x-podlike') setEntry(merged, section, value);
      } else if (section === 'services' && isObject(previous) && isObject(value)) {
        merged.services = mergeServices(previous, value);
      } else if (DEFINITIONS.has(section) && isObject(previous) && isObject(value)) {
        setEntry(merged, section, { ...previous, ...value });
      } else if (section === 'x-podlike') {
        merged[section] = overridden(previous, value);
      } else if (!section.startsWith('x-')) {
        setEntry(merged, section, value);
      }
    }
  }
  return merged;
}
