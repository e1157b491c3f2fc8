/**
 * Build outputs carried inside the CLI bundle, by their path under dist/: empty here, filled
 * in the bundle (scripts/bundle.mjs generates this module's content there).
 */
export const EMBEDDED_OUTPUTS: Readonly<Record<string, () => unknown>> = {};
