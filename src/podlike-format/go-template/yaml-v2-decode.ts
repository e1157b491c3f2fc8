/**
 * Decodes YAML text into Go values as gopkg.in/yaml.v2 does into interface{}: mappings become
 * map[interface {}]interface {}, sequences []interface {}, plain scalars are resolved by YAML 1.1
 * rules (yes -> bool, 0x1F -> int, 1.0 -> float64), quoted and block scalars stay strings,
 * timestamps stay strings. Merge keys and explicit tags other than !!str are refused.
 * With stringKeys, mappings become map[string]interface {} as docker's compose loader (and so
 * Podlike's .Args) has them; a key that is not a string is then an error, as it is there.
 */
import { type Node, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { GoValue, Val } from './value.js';
import { ANY, STRING, goMap, goSlice, goString, inInterface } from './value.js';
import { resolvePlainScalar } from './yaml-v2-scalar.js';

export class UnsupportedYamlData extends Error {}

export interface YamlDecodeOptions {
  stringKeys?: boolean;
}

function decodeNode(node: Node | null | undefined, doc: ReturnType<typeof parseDocument>, options: YamlDecodeOptions, path = ''): Val {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return decodeNode(node.resolve(doc) as Node, doc, options, path);
  if (isScalar(node)) {
    const text = String(node.value ?? '');
    if (node.tag !== undefined && node.tag !== 'tag:yaml.org,2002:str') throw new UnsupportedYamlData(`the YAML tag ${node.tag}`);
    if (node.tag !== undefined || node.type !== 'PLAIN') return goString(text);
    const resolved = resolvePlainScalar(text);
    if (resolved.kind === 'null') return null;
    if (resolved.kind === 'timestamp') return goString(text);
    if (resolved.kind === 'merge') return goString(text);
    return resolved.value;
  }
  if (isSeq(node)) return goSlice(ANY, node.items.map((item, i) => inInterface(ANY, decodeNode(item as Node, doc, options, `${path}[${i}]`))));
  if (isMap(node)) {
    const entries: { key: GoValue; value: GoValue }[] = [];
    for (const pair of node.items) {
      const key = decodeNode(pair.key as Node, doc, options, path);
      if (key !== null && key.type.kind === 'string' && key.v === '<<' && isScalar(pair.key) && pair.key.type === 'PLAIN') {
        throw new UnsupportedYamlData('YAML merge keys (<<)');
      }
      if (options.stringKeys && (key === null || key.type.kind !== 'string')) {
        throw new UnsupportedYamlData(`Non-string key ${path === '' ? 'at top level' : `in ${path}`}: ${key === null ? '<nil>' : String(key.v)}`);
      }
      const wrapped = options.stringKeys ? key! : inInterface(ANY, key);
      const keyPath = path === '' ? String(key?.v) : `${path}.${String(key?.v)}`;
      const value = inInterface(ANY, decodeNode(pair.value as Node, doc, options, keyPath));
      const existing = entries.findIndex((e) => sameKey(e.key, wrapped));
      if (existing >= 0) entries[existing] = { key: wrapped, value };
      else entries.push({ key: wrapped, value });
    }
    return goMap(options.stringKeys ? STRING : ANY, ANY, entries);
  }
  throw new UnsupportedYamlData('this YAML node');
}

function sameKey(a: GoValue, b: GoValue): boolean {
  const x = a.type.kind === 'interface' ? (a.v as GoValue | null) : a;
  const y = b.type.kind === 'interface' ? (b.v as GoValue | null) : b;
  if (x === null || y === null) return x === y;
  return x.type.name === y.type.name && typeof x.v !== 'object' && x.v === y.v;
}

/** The Go value yaml.v2 gives for a YAML document decoded into interface{}. */
export function goValueFromYaml(text: string, options: YamlDecodeOptions = {}): Val {
  const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: false });
  if (doc.errors.length > 0) throw new UnsupportedYamlData(doc.errors[0]!.message);
  return decodeNode(doc.contents as Node | null, doc, options);
}
