import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Runs a CommonJS file the build made (the CLI bundle, a Compose validator) with V8's code
 * cache of it, also made by the build (scripts/bundle.mjs) after running it on representative
 * input: a run then skips compiling the functions it needs, most of what a small stack's
 * compile costs after Node's own start.
 *
 * A cache file is the SHA-256 of the file it was made from, a newline, then V8's data. V8
 * itself only checks a cache against the source's length and its own version and flags, so a
 * cache made from another text is never offered to it; a cache V8 refuses (another Node
 * version, other V8 flags) or a missing one only means the file compiles as usual.
 */
export interface CachedScript<T> {
  exports: T;
  /** Whether V8 took the code cache. */
  cacheAccepted: boolean;
  /** Writes a code cache of everything compiled so far: call it after a representative run. */
  writeCache(): void;
}

const DIGEST_LENGTH = 64;

/** The V8 data of a cache made from the file with this digest, or undefined. */
function cacheFor(cachePath: string, digest: string): Buffer | undefined {
  let cache: Buffer;
  try {
    cache = readFileSync(cachePath);
  } catch {
    return undefined;
  }
  if (cache.length <= DIGEST_LENGTH + 1 || cache.toString('latin1', 0, DIGEST_LENGTH) !== digest || cache[DIGEST_LENGTH] !== 0x0a) return undefined;
  return cache.subarray(DIGEST_LENGTH + 1);
}

/**
 * Loads a CommonJS file as `require` would (its own module, not shared with require's cache).
 * `requireInFile` is the `require` its code is given: by default one resolving from its folder.
 */
export function loadWithCodeCache<T>(path: string, requireInFile: (id: string) => unknown = createRequire(path), cachePath = `${path}.cache`): CachedScript<T> {
  const source = readFileSync(path);
  const digest = createHash('sha256').update(source).digest('hex');
  const cachedData = cacheFor(cachePath, digest);
  // Node's own CommonJS wrapper, on the first line so that line numbers stay the file's.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source.toString('utf8')}\n})`;
  const script = new Script(wrapped, { filename: path, cachedData });
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, requireInFile, module, path, dirname(path));
  return {
    exports: module.exports,
    cacheAccepted: cachedData !== undefined && !script.cachedDataRejected,
    writeCache: () => {
      const temporary = `${cachePath}.${process.pid}.tmp`;
      writeFileSync(temporary, Buffer.concat([Buffer.from(`${digest}\n`, 'latin1'), script.createCachedData()]));
      renameSync(temporary, cachePath);
    },
  };
}
