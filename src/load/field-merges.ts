/**
 * How `docker stack deploy -c a.yml -c b.yml` (docker CLI 28) combines one field that both
 * files set, written for raw YAML values: docker reads each file into Go structs and merges
 * those, so a list appends, a mapping merges by key, and a scalar is replaced unless the
 * later value is its type's zero value. Each function takes the earlier and the later value
 * of one field (both present and not null) and returns the merged value.
 */
import { isObject, keyValueMap, setEntry, type Json, type JsonObject } from '../model/compose-lists.js';
import { mergeInterpolatedKeys } from '../model/interpolated-keys.js';
import type { ZeroTest } from './go-zero.js';

export type FieldMerge = (earlier: Json, later: Json) => Json;

/** A scalar: the later value, unless it is the field's zero value. */
export function scalar(isZero: ZeroTest): FieldMerge {
  return (earlier, later) => (isZero(later) ? earlier : later);
}

/** An unsigned-integer pointer (replicas, retries, ...): the later value always, `0` too. */
export const replaced: FieldMerge = (_, later) => later;

/** command, entrypoint: a later non-empty command replaces the earlier one. */
export const command: FieldMerge = (earlier, later) => {
  const empty = Array.isArray(later) ? later.length === 0 : String(later).trim() === '';
  return empty ? earlier : later;
};

function asList(value: Json): Json[] {
  if (Array.isArray(value)) return value;
  return value === null ? [] : [value];
}

/** A list (or a string standing for a one-item list): the later items after the earlier ones, repeats kept. */
export const appended: FieldMerge = (earlier, later) => [...asList(earlier), ...asList(later)];

/**
 * A list whose items the Compose schema wants unique (cap_add, dns, depends_on, ...): appended,
 * each item once. docker keeps a repeat when it merges, but one file cannot hold it (docker
 * refuses the merged stack written out), and a repeated capability or DNS server adds nothing.
 */
export const appendedOnce: FieldMerge = (earlier, later) => uniqueItems([...asList(earlier), ...asList(later)]);

function uniqueItems(items: Json[]): Json[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** healthcheck.test: a string is `[CMD-SHELL, string]`; the lists append. */
export const healthcheckTest: FieldMerge = (earlier, later) => {
  const asTest = (value: Json): Json[] => (typeof value === 'string' ? ['CMD-SHELL', value] : asList(value));
  return [...asTest(earlier), ...asTest(later)];
};

/** extra_hosts: a mapping is a `host:ip` list in its key order; the lists append, each entry once (see appendedOnce). */
export const hosts: FieldMerge = (earlier, later) => {
  const asHosts = (value: Json): Json[] =>
    isObject(value)
      ? Object.keys(value)
          .sort()
          .map((host) => `${host}:${String(value[host])}`)
      : asList(value);
  return uniqueItems([...asHosts(earlier), ...asHosts(later)]);
};

/** A mapping or `KEY=VALUE` list whose `KEY` alone means an empty string (labels, sysctls). */
function stringMap(value: Json): JsonObject {
  if (!Array.isArray(value)) return keyValueMap(value);
  const map = keyValueMap(value);
  for (const [key, entry] of Object.entries(map)) if (entry === null) setEntry(map, key, '');
  return map;
}

/** labels, sysctls: merged by key, the later value winning even when empty. */
export const labels: FieldMerge = (earlier, later) => mergeInterpolatedKeys(earlier, later) ?? { ...stringMap(earlier), ...stringMap(later) };

const unsetValue = (value: Json | undefined) => value === undefined || value === null || value === '';

/**
 * environment, build.args: merged by key; a later value replaces a set earlier one only when
 * it is set itself (not empty, not `KEY` alone), and fills an unset earlier one either way.
 */
export const environment: FieldMerge = (earlier, later) => {
  // A key docker fills in is known only at deploy time: such lists stay lists, a later item winning.
  const interpolated = mergeInterpolatedKeys(earlier, later);
  if (interpolated) return interpolated;
  const merged = { ...keyValueMap(earlier) };
  for (const [key, value] of Object.entries(keyValueMap(later))) {
    if (unsetValue(merged[key]) || !unsetValue(value)) setEntry(merged, key, value);
  }
  return merged;
};

/** ulimits: merged by name, a later limit replacing the earlier one whole. */
export const ulimits: FieldMerge = (earlier, later) => ({ ...(earlier as JsonObject), ...(later as JsonObject) });

/** A network attachment: later aliases replace (absent ones clear them), later addresses win when set. */
function networkAttachment(earlier: JsonObject, later: JsonObject): JsonObject {
  const merged: JsonObject = { ...earlier };
  delete merged.aliases;
  if (later.aliases !== undefined) merged.aliases = later.aliases;
  for (const address of ['ipv4_address', 'ipv6_address']) {
    if (!unsetValue(later[address])) merged[address] = later[address];
  }
  return merged;
}

/**
 * networks, a list of names or a mapping of attachments: merged by name. Two lists stay a
 * list (each name once); otherwise a mapping, a name from a list attaching with no options.
 */
export const networks: FieldMerge = (earlier, later) => {
  if (Array.isArray(earlier) && Array.isArray(later)) return [...new Set([...earlier, ...later].map(String))];
  const asMap = (value: Json): JsonObject => (isObject(value) ? value : Object.fromEntries(asList(value).map((name) => [String(name), null])));
  const merged = { ...asMap(earlier) };
  for (const [name, attachment] of Object.entries(asMap(later))) {
    const before = merged[name];
    if (isObject(before) && isObject(attachment)) setEntry(merged, name, networkAttachment(before, attachment));
    else if (attachment !== null || before === undefined) setEntry(merged, name, attachment);
  }
  return merged;
};

/**
 * logging: the same driver (or one side naming none) merges the options by key, the later
 * winning; a different later driver replaces the whole setting. As in docker, later options
 * are dropped when the earlier logging has no `options` mapping to merge them into.
 */
export const logging: FieldMerge = (earlier, later) => {
  if (!isObject(earlier) || !isObject(later)) return later;
  const before = unsetValue(earlier.driver) ? '' : String(earlier.driver);
  const after = unsetValue(later.driver) ? '' : String(later.driver);
  if (before !== after && before !== '' && after !== '') return later;
  const merged: JsonObject = { ...earlier };
  if (before === '' && after !== '') merged.driver = later.driver;
  if (isObject(earlier.options) && isObject(later.options)) merged.options = { ...earlier.options, ...later.options };
  return merged;
};

/** An `x-` field of a service: mappings merge deeply, lists append, any other later value (null too) wins. */
export const extension: FieldMerge = (earlier, later) => {
  if (Array.isArray(earlier) && Array.isArray(later)) return [...earlier, ...later];
  if (!isObject(earlier) || !isObject(later)) return later;
  const merged: JsonObject = { ...earlier };
  for (const [key, value] of Object.entries(later)) {
    const before = merged[key];
    setEntry(merged, key, before === undefined || value === null ? value : extension(before, value));
  }
  return merged;
};

/** Mappings merge key by key, a later scalar or list wins: podlike-gen's own `x-podlike` settings. */
export const overridden: FieldMerge = (earlier, later) => {
  if (!isObject(earlier) || !isObject(later)) return later;
  const merged: JsonObject = { ...earlier };
  for (const [key, value] of Object.entries(later)) {
    const before = merged[key];
    setEntry(merged, key, before === undefined ? value : overridden(before, value));
  }
  return merged;
};

/**
 * A mapping of known fields, each merged by its own rule; a key without one is replaced.
 * A field one side leaves out or sets to null takes the other side's value, except that a
 * later null `x-` field wins, as any later extension value does.
 */
export function fields(rules: Readonly<Record<string, FieldMerge>>, ruleFor: (key: string) => FieldMerge | undefined = () => undefined): FieldMerge {
  return (earlier, later) => {
    if (!isObject(earlier) || !isObject(later)) return later;
    const merged: JsonObject = { ...earlier };
    for (const [key, value] of Object.entries(later)) {
      const before = merged[key];
      const rule = Object.hasOwn(rules, key) ? rules[key] : (ruleFor(key) ?? replaced);
      if (before === undefined || before === null || (value === null && key.startsWith('x-'))) setEntry(merged, key, value);
      else if (value !== null) setEntry(merged, key, rule(before, value));
    }
    return merged;
  };
}

/** build: `build: ./dir` is short for `{context: ./dir}`. */
export function build(rules: Readonly<Record<string, FieldMerge>>): FieldMerge {
  const merge = fields(rules);
  return (earlier, later) => {
    if (typeof earlier === 'string' && typeof later === 'string') return rules.context(earlier, later);
    const asBuild = (value: Json): Json => (typeof value === 'string' ? { context: value } : value);
    return merge(asBuild(earlier), asBuild(later));
  };
}
