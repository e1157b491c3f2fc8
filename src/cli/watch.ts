/**
 * `--watch`: runs a command again whenever a file it read changes, until Ctrl-C. Folders are
 * watched rather than files, so that an editor that saves by writing a new file and renaming
 * it over the old one (vim, most IDEs) is followed: a watch on the old file would go deaf.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/** What one run read: files (their folder is watched for them by name) and whole folders. */
export interface Watched {
  files: readonly string[];
  folders: readonly string[];
}

/** Editors save in several steps (write, rename, chmod): one run for all of them. */
const SETTLE_MS = 150;

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

/**
 * Runs `run` now and again after each change to what it last said it read, until SIGINT.
 * `ignored` are files the run writes itself (the output): writing them is no change.
 */
export function watchAndRerun(run: () => Watched, ignored: readonly string[] = [], log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  const watchers = new Map<string, FSWatcher>();
  const namesIn = new Map<string, Set<string>>();
  const wholeFolders = new Set<string>();
  const skip = new Set(ignored.map((path) => resolve(path)));
  let timer: NodeJS.Timeout | undefined;

  const changed = (folder: string, name: string | null) => {
    const path = name === null ? undefined : resolve(folder, name);
    if (path !== undefined && skip.has(path)) return;
    if (!wholeFolders.has(folder) && name !== null && !namesIn.get(folder)?.has(name)) return;
    clearTimeout(timer);
    timer = setTimeout(again, SETTLE_MS);
  };
  const follow = (folder: string) => {
    if (watchers.has(folder)) return;
    try {
      const watcher = watch(folder, (_event, name) => changed(folder, name === null ? null : String(name)));
      // A folder removed while watched: it is no longer followed (a later run may name it again).
      watcher.on('error', () => {
        watcher.close();
        watchers.delete(folder);
      });
      watchers.set(folder, watcher);
    } catch {
      // A folder that is not there (yet) has nothing to watch.
    }
  };
  const followAll = (watched: Watched) => {
    for (const file of watched.files) {
      const folder = dirname(resolve(file));
      namesIn.set(folder, (namesIn.get(folder) ?? new Set()).add(basename(file)));
      follow(folder);
    }
    for (const folder of watched.folders.map((f) => resolve(f))) {
      wholeFolders.add(folder);
      follow(folder);
    }
  };
  const again = () => {
    log(`[${clock()}] a change: running again`);
    followAll(run());
  };

  followAll(run());
  log(`[${clock()}] watching ${[...namesIn.values()].reduce((n, names) => n + names.size, 0)} file(s) and ${wholeFolders.size} folder(s) for changes; Ctrl-C stops`);
  process.once('SIGINT', () => {
    clearTimeout(timer);
    for (const watcher of watchers.values()) watcher.close();
    log('stopped watching');
    process.exitCode = 0;
  });
}
