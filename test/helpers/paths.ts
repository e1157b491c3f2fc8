import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root (tests run from dist/test/...). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'podlike-gen.js');
export const TEST_DATA = join(ROOT, 'test');
export const EXAMPLES = join(ROOT, 'examples');
