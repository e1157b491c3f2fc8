import { fileURLToPath } from 'node:url';

/** The installed package's folder (this file runs from dist/src/). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
