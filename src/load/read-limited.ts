import { closeSync, openSync, readSync } from 'node:fs';

/** Larger stack or template files are refused: no real stack comes near, and reading stops there. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`file is too large: more than ${limit} bytes`);
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * A file's (or an open descriptor's, such as stdin's) text, read in chunks that stop at
 * `limit` bytes: `/dev/zero` or a stdin that never ends is refused instead of filling memory.
 * A non-blocking pipe that has nothing yet (EAGAIN) is waited on, not treated as an error.
 */
export function readLimited(source: string | number, limit = MAX_FILE_BYTES): string {
  return readLimitedBytes(source, limit).toString('utf8');
}

/** readLimited's bytes, undecoded: for a reader that must see invalid UTF-8 as it is (an env file). */
export function readLimitedBytes(source: string | number, limit = MAX_FILE_BYTES): Buffer {
  const fd = typeof source === 'number' ? source : openSync(source, 'r');
  try {
    const chunks: Buffer[] = [];
    const buffer = Buffer.alloc(64 * 1024);
    let total = 0;
    for (;;) {
      let read: number;
      try {
        read = readSync(fd, buffer, 0, buffer.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          Atomics.wait(pause, 0, 0, 5);
          continue;
        }
        if (code === 'EOF') break;
        throw e;
      }
      if (read === 0) break;
      total += read;
      if (total > limit) throw new FileTooLargeError(limit);
      chunks.push(Buffer.from(buffer.subarray(0, read)));
    }
    return Buffer.concat(chunks);
  } finally {
    if (typeof source !== 'number') closeSync(fd);
  }
}
