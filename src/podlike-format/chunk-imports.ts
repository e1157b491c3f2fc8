/**
 * The CLI bundle's modules the Podlike-format chunk uses, by the id the chunk requires them
 * with (podlike-format-chunk.ts): empty here, filled in the bundle (scripts/bundle.mjs
 * generates this module's content there from the chunk's imports).
 */
export const CHUNK_IMPORTS: Readonly<Record<string, () => unknown>> = {};
