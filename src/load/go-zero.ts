/**
 * docker merges `-c` files after reading each into Go structs, and a later file's value
 * replaces an earlier one only when it is not its field's zero value: `read_only: false`,
 * `user: ""` or `stop_grace_period: 0s` in an override leave the earlier value in place.
 * These tests say which raw YAML values become a zero value, per the field's Go type.
 */
import type { Json } from '../model/compose-lists.js';

export type ZeroTest = (value: Json) => boolean;

const isUnset = (value: Json) => value === null || value === '';

/** A string field. */
export const zeroText: ZeroTest = isUnset;

/** A boolean field; docker's interpolation reads these words as false too. */
export const zeroFlag: ZeroTest = (value) => isUnset(value) || value === false || (typeof value === 'string' && /^(?:false|no|n|off)$/i.test(value));

/** A number field (written as a number, or as a string after interpolation). */
export const zeroNumber: ZeroTest = (value) => isUnset(value) || ((typeof value === 'number' || typeof value === 'string') && Number(value) === 0);

/** A Go duration: `0`, `0s`, `0h0m`, `0.0s`. */
export const zeroDuration: ZeroTest = (value) =>
  zeroNumber(value) || (typeof value === 'string' && /^[+-]?(?:0*\.?0*(?:ns|us|µs|μs|ms|s|m|h))+$/.test(value));

/** A size in bytes: `0`, `0b`, `0m`, `0kb`. */
export const zeroBytes: ZeroTest = (value) => zeroNumber(value) || (typeof value === 'string' && /^0+(?:\.0*)?\s*[kmgtp]?i?b?$/i.test(value));
