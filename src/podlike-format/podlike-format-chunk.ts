/**
 * Podlike-format support in the CLI bundle, loaded on a Podlike-format stack's first use: most
 * stacks are in podlike-gen's format and never need its Go template engine or its migration.
 * scripts/bundle.mjs builds expand-podlike-format.js and migrate/migrate-stack.js, with what
 * only they use, into dist/chunks/podlike-format.cjs (with its own code cache) and puts this
 * module in their place in the bundle. The chunk requires the bundle's own modules for the
 * rest (CHUNK_IMPORTS): one copy of each, so that a CompileError it throws is the bundle's.
 * The library (dist/src/index.js) imports the modules themselves.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadWithCodeCache } from '../code-cache.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { CHUNK_IMPORTS } from './chunk-imports.js';
import type * as Expand from './expand-podlike-format.js';
import type * as Migrate from './migrate/migrate-stack.js';

type PodlikeFormat = Pick<typeof Expand, 'expandPodlikeFormat'> & Pick<typeof Migrate, 'migrateStack'>;

let loaded: PodlikeFormat | undefined;

function podlikeFormat(): PodlikeFormat {
  if (!loaded) {
    const path = join(PACKAGE_ROOT, 'dist', 'chunks', 'podlike-format.cjs');
    const requireFromChunk = createRequire(path);
    loaded = loadWithCodeCache<PodlikeFormat>(path, (id) => (Object.hasOwn(CHUNK_IMPORTS, id) ? CHUNK_IMPORTS[id]() : requireFromChunk(id))).exports;
  }
  return loaded;
}

export const expandPodlikeFormat: PodlikeFormat['expandPodlikeFormat'] = (...args) => podlikeFormat().expandPodlikeFormat(...args);
export const migrateStack: PodlikeFormat['migrateStack'] = (...args) => podlikeFormat().migrateStack(...args);
