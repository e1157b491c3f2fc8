import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
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

/**
 * Writes a file so that readers see the old or the new content, never a part: a temporary
 * file beside it, then a rename. An existing file's permissions are kept.
 */
export function writeFileAtomic(path: string, content: string): void {
  withSignalsHeld(() => writeThroughTemporary(path, content));
}

function writeThroughTemporary(path: string, content: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  try {
    writeFileSync(temporary, content, { mode: mode ?? 0o644 });
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, path);
  } catch (e) {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing was written
    }
    throw e;
  }
}
