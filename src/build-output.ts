import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadWithCodeCache } from './code-cache.js';
import { EMBEDDED_OUTPUTS } from './embedded-outputs.js';
import { PACKAGE_ROOT } from './package-root.js';

/**
 * A CommonJS module the build wrote under dist/ (`validators/<name>.cjs`,
 * `templates/prebuilt.cjs`), or undefined when the build made none. The CLI bundle carries
 * the small ones inside it; the rest (the Compose validators, one per format version, of which
 * a run uses one) load from dist/, with the code cache the build made beside them.
 */
export function buildOutput(relativePath: string): unknown {
  if (Object.hasOwn(EMBEDDED_OUTPUTS, relativePath)) return EMBEDDED_OUTPUTS[relativePath]();
  const path = join(PACKAGE_ROOT, 'dist', relativePath);
  return existsSync(path) ? loadWithCodeCache(path).exports : undefined;
}
