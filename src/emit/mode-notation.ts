import { isMap, isScalar, isSeq, Scalar, type YAMLMap } from 'yaml';
import type { SourceFile } from '../load/source-file.js';
import { isObject, type JsonObject } from '../model/compose-lists.js';

/**
 * A file mode written as `0400` reads as 256 (Go's YAML readers, docker's and Podlike's, read
 * a leading zero as octal, as YAML 1.1 did), and a pod's controller wrote it as `mode: 256`:
 * right, but no longer the permission its author wrote. A mode of a pod's configs and secrets
 * is written in the author's notation where the input service wrote that value in octal:
 * `0400` as is (every reader takes it), `0o400` as is (docker 28's yaml.v3 reads it; the
 * author chose it). A Scalar node in place of the number tells the writers how.
 */

/** Scalar formats the YAML writers know for octal: the yaml package's `0o` and source-file's leading zero. */
const FORMATS: [RegExp, string][] = [
  [/^0[0-7]+$/, 'LEADING_ZERO_OCT'],
  [/^0o[0-7]+$/, 'OCT'],
];

/** `secrets.0` → octal format, for the `mode`s a service node writes in octal in its configs and secrets lists. */
function octalModes(service: YAMLMap): Map<string, string> {
  const modes = new Map<string, string>();
  for (const list of ['configs', 'secrets']) {
    const items = service.get(list, true);
    if (!isSeq(items)) continue;
    items.items.forEach((item, index) => {
      const mode = isMap(item) ? item.get('mode', true) : undefined;
      const source = isScalar(mode) ? (mode as Scalar & { source?: string }).source : undefined;
      const format = FORMATS.find(([pattern]) => typeof source === 'string' && pattern.test(source))?.[1];
      if (format) modes.set(`${list}.${index}`, format);
    });
  }
  return modes;
}

/** A list of configs or secrets with the author's octal modes as Scalars; the same list when none changes. */
function withModes(list: string, items: unknown, modes: Map<string, string>): unknown {
  if (!Array.isArray(items)) return items;
  let changed = false;
  const result = items.map((item, index) => {
    const format = modes.get(`${list}.${index}`);
    if (!format || !isObject(item) || typeof item.mode !== 'number') return item;
    changed = true;
    const scalar = new Scalar(item.mode);
    scalar.format = format;
    return { ...item, mode: scalar };
  });
  return changed ? result : items;
}

/**
 * The model to write: pod services' config and secret modes in their author's octal notation
 * (pods only: a plain service's text is kept as written anyway).
 */
export function withModeNotation(first: SourceFile, model: JsonObject, podServices: readonly string[]): JsonObject {
  const services = model.services;
  if (!isObject(services) || podServices.length === 0 || !/\bmode\s*:\s*0/.test(first.text)) return model;
  const written = first.doc.get('services', true);
  if (!isMap(written)) return model;
  let out: JsonObject | undefined;
  for (const name of podServices) {
    const node = written.get(name, true);
    const service = services[name];
    if (!isMap(node) || !isObject(service)) continue;
    const modes = octalModes(node);
    if (modes.size === 0) continue;
    const configs = withModes('configs', service.configs, modes);
    const secrets = withModes('secrets', service.secrets, modes);
    if (configs === service.configs && secrets === service.secrets) continue;
    out ??= { ...(services as JsonObject) };
    out[name] = { ...service, ...(configs === undefined ? {} : { configs }), ...(secrets === undefined ? {} : { secrets }) } as JsonObject;
  }
  return out ? { ...model, services: out } : model;
}
