/**
 * Host paths in a stack, by the docker CLI's rules (cli/compose/loader: ParseVolume,
 * resolveVolumePaths, absPath): which volume sources are host paths, and which of those and
 * of the `file:`/`env_file` paths docker resolves against the stack file's folder.
 */
import { isAbsolute, posix } from 'node:path';
import { isObject, type Json } from './compose-lists.js';

/** `C:\x`, `C:/x` or `\\server\share`: absolute on a Windows client, left alone by docker. */
function isWindowsAbsolute(path: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/**
 * A path docker joins to the stack's folder (absPath): one that is not absolute on the client's
 * system (`C:\x` is relative to a Linux client). A path that starts with a variable is known
 * only once docker has filled it in, so it is left as written.
 */
export function isFolderRelative(path: string): boolean {
  return path !== '' && !isAbsolute(path) && !path.startsWith('$');
}

/**
 * The source of a bind mount, short (`./x:/y`: a source that starts with `.`, `/` or `~`) or
 * long (`type: bind`); undefined for a named or anonymous volume, tmpfs, or a source docker
 * reads only after interpolation (`${DIR}/x:/y`).
 */
export function bindSource(entry: Json): string | undefined {
  if (isObject(entry)) return entry.type === 'bind' && typeof entry.source === 'string' ? entry.source : undefined;
  if (typeof entry !== 'string' || isWindowsAbsolute(entry)) return undefined;
  const colon = entry.indexOf(':');
  const source = colon < 0 ? '' : entry.slice(0, colon);
  return /^[./~]/.test(source) ? source : undefined;
}

/** A bind source docker expands with the deploying user's HOME (it replaces the leading `~`). */
export function isHomeRelative(source: string): boolean {
  return source.startsWith('~');
}

/** A bind source docker joins to the stack's folder: absolute on neither system, nor under `~`. */
export function isFolderRelativeBind(source: string): boolean {
  return !isHomeRelative(source) && !isWindowsAbsolute(source) && isFolderRelative(source);
}

/** The volume entry with its source replaced, in the form it was written. */
export function withBindSource(entry: Json, source: string): Json {
  if (isObject(entry)) return { ...entry, source };
  const text = String(entry);
  return `${source}${text.slice(text.indexOf(':'))}`;
}

/** A folder as text docker reads literally: it interpolates `$` in every string value. */
function literalFolder(folder: string): string {
  return folder.replace(/\$/g, '$$$$');
}

/** The absolute path docker would make of a folder-relative `path` in a stack whose folder is `folder`. */
export function absoluteFrom(folder: string, path: string): string {
  return posix.resolve(literalFolder(folder), path);
}

/**
 * `path` (relative to `from`) relative to `to` instead, naming the same file; it starts with
 * `.` so that a short-syntax volume still reads as a bind mount.
 */
export function rebase(path: string, from: string, to: string): string {
  const moved = posix.join(literalFolder(posix.relative(to, from)), path);
  return moved.startsWith('.') ? moved : `./${moved}`;
}
