import { delimiter, join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

export const BUILTIN_TEMPLATES = join(PACKAGE_ROOT, 'templates');

export interface SearchPathSources {
  /** `-t` folders, in the order given (relative to the working directory). */
  cliFolders?: readonly string[];
  /** The PODLIKE_TEMPLATES value: a path list. */
  envPath?: string;
  /** The stack's `x-podlike.templates-path` folders (relative to the first stack file). */
  stackFolders?: readonly string[];
  stackDir: string;
  cwd: string;
}

/** Template folders in search order; the first folder that has a name wins. */
export function templateSearchPath(sources: SearchPathSources): string[] {
  const folders = [
    ...(sources.cliFolders ?? []).map((f) => resolve(sources.cwd, f)),
    ...(sources.envPath ?? '')
      .split(delimiter)
      .filter((f) => f !== '')
      .map((f) => resolve(sources.cwd, f)),
    ...(sources.stackFolders ?? []).map((f) => resolve(sources.stackDir, f)),
    BUILTIN_TEMPLATES,
  ];
  return [...new Set(folders)];
}
