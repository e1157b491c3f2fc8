/**
 * The relative paths docker resolves when it reads the output, moved to where the output is
 * read from: docker resolves them against the folder of the file it is given (the current
 * folder for `-c -`), and the input's mean its first file's folder. Rebased: bind mounts of
 * services (non-pod services, controllers), their `env_file`, and top-level
 * `configs.*.file` / `secrets.*.file`. Values are replaced, never changed in place: the
 * model shares objects with the loaded files, which the emitter compares it to.
 */
import { resolve } from 'node:path';
import { isObject, setEntry, type Json, type JsonObject } from '../model/compose-lists.js';
import { bindSource, isFolderRelative, isFolderRelativeBind, rebase, withBindSource } from '../model/host-paths.js';

type Move = (path: string) => string;

function rebaseVolumes(volumes: Json, move: Move): Json {
  if (!Array.isArray(volumes)) return volumes;
  return volumes.map((entry) => {
    const source = bindSource(entry);
    return source !== undefined && isFolderRelativeBind(source) ? withBindSource(entry, move(source)) : entry;
  });
}

function rebaseFiles(files: Json, move: Move): Json {
  const one = (file: Json) => (typeof file === 'string' && isFolderRelative(file) ? move(file) : file);
  return Array.isArray(files) ? files.map(one) : one(files);
}

function rebaseService(service: Json, move: Move): Json {
  if (!isObject(service) || (service.volumes === undefined && service.env_file === undefined)) return service;
  const moved: JsonObject = { ...service };
  if (service.volumes !== undefined) moved.volumes = rebaseVolumes(service.volumes, move);
  if (service.env_file !== undefined) moved.env_file = rebaseFiles(service.env_file, move);
  return moved;
}

/** `configs` or `secrets`: each definition's `file`. */
function rebaseFileObjects(section: Json, move: Move): Json {
  if (!isObject(section)) return section;
  const moved: JsonObject = {};
  for (const [name, definition] of Object.entries(section)) {
    setEntry(moved, name, isObject(definition) && typeof definition.file === 'string' ? { ...definition, file: rebaseFiles(definition.file, move) } : definition);
  }
  return moved;
}

/** What in `model` is relative to `from` (a folder), made relative to `to` (the output's folder). */
export function rebaseOutputPaths(model: JsonObject, from: string, to: string): JsonObject {
  if (resolve(from) === resolve(to)) return model;
  const move: Move = (path) => rebase(path, resolve(from), resolve(to));
  const output: JsonObject = {};
  for (const [key, value] of Object.entries(model)) {
    if (key === 'services' && isObject(value)) output[key] = Object.fromEntries(Object.entries(value).map(([name, service]) => [name, rebaseService(service, move)]));
    else if (key === 'configs' || key === 'secrets') output[key] = rebaseFileObjects(value, move);
    else output[key] = value;
  }
  return output;
}
