import { statSync } from 'node:fs';
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

/** A template folder the user named: as written, resolved, and where it was written (its index in that list). */
export interface GivenFolder {
  given: string;
  path: string;
  source: 'cli' | 'env' | 'stack';
  index: number;
}

function givenFolders(sources: SearchPathSources): GivenFolder[] {
  const from = (source: GivenFolder['source'], folders: readonly string[], base: string) =>
    folders.map((given, index) => ({ given, path: resolve(base, given), source, index }));
  return [
    ...from('cli', sources.cliFolders ?? [], sources.cwd),
    ...from('env', (sources.envPath ?? '').split(delimiter), sources.cwd).filter((f) => f.given !== ''),
    ...from('stack', sources.stackFolders ?? [], sources.stackDir),
  ];
}

/** Template folders in search order; the first folder that has a name wins. */
export function templateSearchPath(sources: SearchPathSources): string[] {
  return [...new Set([...givenFolders(sources).map((f) => f.path), BUILTIN_TEMPLATES])];
}

/** The folders the user named that are not folders: a typo would otherwise show only as an unknown template, if at all. */
export function absentFolders(sources: SearchPathSources): (GivenFolder & { reason: string })[] {
  return givenFolders(sources).flatMap((folder) => {
    const stat = statSync(folder.path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) return [];
    return [{ ...folder, reason: stat ? 'is not a folder' : 'does not exist' }];
  });
}
