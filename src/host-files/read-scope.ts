/**
 * Which files of the machine that compiles a stack may be read on the stack's word. A stack
 * from a pull request is compiled in CI, and what the compile reads can end in the output or a
 * diagnostic: a path the stack names (an env_file, a templates-path folder) must lead, after
 * every symbolic link, into the folder tree of the stack files given, or into a path the user
 * allowed (`--allow-outside`); never into /proc, /dev or /sys, unless allowed there by name.
 * What the user names on the command line (stack files, -t, PODLIKE_TEMPLATES) is theirs to read.
 */
import { realpathSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

/** Folders of the machine's own state, never a stack's files: /proc/self/environ holds the CI job's secrets. */
const SYSTEM_FOLDERS = ['/proc', '/dev', '/sys'];

export interface ReadScope {
  /** The stack files' folders, as real paths. */
  stackFolders: readonly string[];
  /** What the user allowed outside them, as real paths. */
  allowed: readonly string[];
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** `stackFiles` (resolved, `-` for stdin, which stands for the current folder) and the allowed paths, relative to `cwd`. */
export function readScope(stackFiles: readonly string[], allowOutside: readonly string[], cwd: string): ReadScope {
  const folders = stackFiles.map((file) => (file === '-' ? cwd : dirname(resolve(cwd, file))));
  return { stackFolders: [...new Set(folders.map(realOrResolved))], allowed: allowOutside.map((path) => realOrResolved(resolve(cwd, path))) };
}

function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** A path that leads where it may be read: its real path, or why not (the path is named by the caller). */
export type ScopedPath = { real: string; problem?: undefined } | { real?: undefined; problem: string };

const HOW_TO_ALLOW = 'move it into the stack\'s folder, or allow this path with --allow-outside PATH';

/** Why the stack may not read `path` (lexical or real), or undefined. */
function outOfScope(path: string, scope: ReadScope): string | undefined {
  if (scope.allowed.some((folder) => isWithin(path, folder))) return undefined;
  const system = SYSTEM_FOLDERS.find((folder) => isWithin(path, folder));
  if (system) return `is in ${system}, which holds this machine's state, not a stack's files`;
  if (!scope.stackFolders.some((folder) => isWithin(path, folder))) return 'is outside the stack\'s folder: a stack may name only files in the folders of the stack files given, so that it cannot put a file of the machine that compiles it into the output';
  return undefined;
}

/**
 * Where `path` (absolute) really leads, if the scope lets the stack read it there: both the
 * path as written and where its symbolic links lead must be in scope. A path that cannot be
 * resolved throws realpath's error (ENOENT: no such file), for the caller to name: nothing is
 * read through it (a link to /dev/stdin, say, resolves to no path). Only a regular file or a
 * folder is read: a FIFO would hang the compile.
 */
export function scopedPath(path: string, scope: ReadScope): ScopedPath {
  if (path.includes('\0')) return { problem: 'holds a NUL character, which no file name can' };
  const written = outOfScope(path, scope);
  if (written) return { problem: `${written}; ${HOW_TO_ALLOW}` };
  const real = realpathSync(path);
  const linked = outOfScope(real, scope);
  if (linked) return { problem: `leads through a symbolic link to ${real}, which ${linked}; ${HOW_TO_ALLOW}` };
  const stat = statSync(real, { throwIfNoEntry: false });
  if (stat && !stat.isFile() && !stat.isDirectory()) return { problem: 'is not a regular file' };
  return { real };
}
