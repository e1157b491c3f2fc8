/**
 * The four service lists docker merges by identity across `-c` files: volumes by target,
 * secrets and configs by source, ports by published port. A later item replaces an earlier
 * one of the same identity (a repeat inside one file too), and the result is sorted by
 * identity. docker does this to an earlier service's list whenever a later file defines the
 * service again, even without the list (measured with docker 28).
 */
import { mountTarget, objectSource, type Json, type JsonObject } from '../model/compose-lists.js';
import { portEntries } from './port-entries.js';

interface Keyed {
  key: string | number;
  entry: Json;
}

type Identify = (item: Json) => Keyed[];

const byTarget: Identify = (item) => [{ key: mountTarget(item), entry: item }];
const bySource: Identify = (item) => [{ key: objectSource(item), entry: item }];
const byPublished: Identify = (item) => portEntries(item).map(({ published, entry }) => ({ key: published, entry }));

const KEYED_LISTS: Readonly<Record<string, Identify>> = { volumes: byTarget, secrets: bySource, configs: bySource, ports: byPublished };

function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return a < b ? -1 : a > b ? 1 : 0;
}

function mergedList(earlier: Json[], later: Json[], identify: Identify): Json[] {
  const byKey = new Map<string | number, Json>();
  for (const item of [...earlier, ...later]) for (const { key, entry } of identify(item)) byKey.set(key, entry);
  return [...byKey.entries()].sort(([a], [b]) => compareKeys(a, b)).map(([, entry]) => entry);
}

/**
 * The identity-merged lists of a service the later file redefines: each of the four the
 * earlier definition has, merged with the later one's (or with nothing, which still sorts it).
 */
export function keyedLists(earlier: JsonObject, later: JsonObject): JsonObject {
  const merged: JsonObject = {};
  for (const [key, identify] of Object.entries(KEYED_LISTS)) {
    const before = earlier[key];
    if (!Array.isArray(before)) continue;
    const after = later[key];
    merged[key] = mergedList(before, Array.isArray(after) ? after : [], identify);
  }
  return merged;
}
