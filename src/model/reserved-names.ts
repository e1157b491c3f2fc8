/**
 * Names that reach a JavaScript object's prototype instead of an entry when used as a key of a
 * plain object (ajv's checks and defaults, and an arg path made into nested objects, do).
 * Arg names cannot be these; anywhere else such a key is an ordinary name (see setEntry).
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
