import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fstatSync, lstatSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Holds SIGINT, SIGTERM and SIGHUP while `fn` runs, then delivers the first one that came:
 * an interrupt during the write lands after the rename, so no temporary file is left.
 */
function withSignalsHeld(fn: () => void): void {
  let received: NodeJS.Signals | undefined;
  const hold = (signal: NodeJS.Signals) => (received ??= signal);
  for (const signal of SIGNALS) process.on(signal, hold);
  try {
    fn();
  } finally {
    for (const signal of SIGNALS) process.off(signal, hold);
    if (received) process.kill(process.pid, received);
  }
}

/** The output path names a symbolic link: it is neither written through nor replaced. */
export class OutputIsLinkError extends Error {
  constructor() {
    super('it is a symbolic link: podlike-gen never reads or writes its output through a link (a planted one could point anywhere); remove the link or give the path of its target');
  }
}

/** Throws OutputIsLinkError when `path` is a symbolic link (a missing file is not). */
export function refuseLink(path: string): void {
  let isLink = false;
  try {
    isLink = lstatSync(path).isSymbolicLink();
  } catch {
    return;
  }
  if (isLink) throw new OutputIsLinkError();
}

/**
 * Writes a file so that readers see the old or the new content, never a part: a temporary
 * file beside it, then a rename. An existing file's permissions are kept.
 *
 * The checked-out tree may hold links a pull request planted, so nothing here follows one:
 * the temporary file has a random name and is created exclusively (O_EXCL, O_NOFOLLOW; a
 * link or file already at that name fails the open instead of being written), its mode is
 * set on the open descriptor, and an output path that is itself a link is refused.
 */
export function writeFileAtomic(path: string, content: string): void {
  refuseLink(path);
  withSignalsHeld(() => writeThroughTemporary(path, content));
}

/** The permission bits of the regular file at `path`, or undefined when there is none. */
function existingMode(path: string): number | undefined {
  try {
    const stat = lstatSync(path);
    return stat.isFile() ? stat.mode & 0o7777 : undefined;
  } catch {
    return undefined;
  }
}

const EXCLUSIVE_NEW_FILE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW;

function writeThroughTemporary(path: string, content: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(12).toString('hex')}.tmp`);
  const mode = existingMode(path);
  const fd = openSync(temporary, EXCLUSIVE_NEW_FILE, 0o644);
  try {
    try {
      if (mode !== undefined && (fstatSync(fd).mode & 0o7777) !== mode) fchmodSync(fd, mode);
      const bytes = Buffer.from(content, 'utf8');
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (e) {
    try {
      unlinkSync(temporary);
    } catch {
      // already renamed or removed
    }
    throw e;
  }
}
