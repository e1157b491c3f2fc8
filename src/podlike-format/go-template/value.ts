/**
 * Go-typed values for the template engine: Go's text/template is driven by reflection, so what
 * a template prints, compares and reports depends on the Go type of every value, not only on its
 * data. A value is a Go type plus a payload; `null` stands for Go's invalid reflect.Value (a
 * missing map key, an untyped nil).
 *
 * How data maps to Go types (the defaults follow gopkg.in/yaml.v2 decoding into interface{}):
 * - JS string -> string; boolean -> bool; bigint -> int; number -> int when it is an integer,
 *   float64 otherwise (wrap with goFloat64(1) for a float64 that holds an integer: YAML `1.0`);
 * - array -> []interface {}; plain object or Map -> map[interface {}]interface {} (yaml.v2's
 *   decoding of a mapping; use goMap(STRING, ANY, ...) for map[string]interface {});
 * - null/undefined inside a container -> a nil interface {} (YAML `~`); a GoValue is kept as is.
 * Payloads: bool -> boolean, integers -> bigint, floats -> number, string -> string (Go's bytes
 * are the UTF-8 encoding), slice -> GoValue[] or null (nil slice), map -> GoMapEntry[] or null,
 * struct -> field values in declaration order, pointer and interface -> GoValue or null.
 */

export type GoKind =
  | 'bool'
  | 'int' | 'int8' | 'int16' | 'int32' | 'int64'
  | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64'
  | 'float32' | 'float64'
  | 'string'
  | 'slice' | 'map' | 'struct' | 'pointer' | 'interface' | 'func';

export interface GoField {
  name: string;
  type: GoType;
  /** The field's `yaml:"..."` tag, for yaml.v2's Marshal. */
  yamlTag?: string;
}

export interface GoType {
  kind: GoKind;
  /** The name Go prints for the type: `int`, `map[string]interface {}`, `*types.ServiceConfig`. */
  name: string;
  /** Named types (`types.Labels`) keep the unnamed type they are defined from. */
  underlying?: GoType;
  elem?: GoType;
  key?: GoType;
  fields?: GoField[];
  /** The type's String method, which fmt prints it with (time.Duration). */
  stringer?: (v: GoValue) => string;
  /** The type's MarshalYAML method: the value yaml.v2 marshals instead, or null when it cannot be followed. */
  marshalYaml?: (v: GoValue) => Val | null;
}

export interface GoMapEntry {
  key: GoValue;
  value: GoValue;
}

/** A function value: what `call` calls and what a FuncMap entry is. */
export interface GoFunc {
  /** Parameter types; for a variadic function the last one is the slice's element type. */
  params: GoType[];
  variadic?: boolean;
  /** True when the Go function returns (value, error): a thrown GoFuncError becomes that error. */
  returnsError?: boolean;
  result: GoType;
  impl: (args: Val[]) => Val;
}

export interface GoValue {
  type: GoType;
  v: unknown;
}

/** A reflect.Value: null is the invalid value. */
export type Val = GoValue | null;

const basic = (kind: GoKind): GoType => ({ kind, name: kind });

export const BOOL = basic('bool');
export const INT = basic('int');
export const INT64 = basic('int64');
export const UINT8 = basic('uint8');
export const UINT32 = basic('uint32');
export const UINT64 = basic('uint64');
const FLOAT64 = basic('float64');
export const STRING = basic('string');
export const ANY: GoType = { kind: 'interface', name: 'interface {}' };
/** The parameter type of builtins that take reflect.Value (eq, index, len, ...). */
export const REFLECT_VALUE: GoType = { kind: 'struct', name: 'reflect.Value', fields: [] };

export function sliceOf(elem: GoType): GoType {
  return { kind: 'slice', name: `[]${elem.name}`, elem };
}

export function mapOf(key: GoType, elem: GoType): GoType {
  return { kind: 'map', name: `map[${key.name}]${elem.name}`, key, elem };
}

export function pointerTo(elem: GoType): GoType {
  return { kind: 'pointer', name: `*${elem.name}`, elem };
}

export function structType(name: string, fields: GoField[]): GoType {
  return { kind: 'struct', name, fields };
}

/** A named type such as `type Labels map[string]string`. */
export function namedType(name: string, underlying: GoType): GoType {
  return { ...underlying, name, underlying };
}


/** Podlike's `.Args`: a map[string]interface{}. */
export const MAP_STRING_ANY = mapOf(STRING, ANY);

export const goString = (s: string): GoValue => ({ type: STRING, v: s });
export const goBool = (b: boolean): GoValue => ({ type: BOOL, v: b });
export const goInt = (n: number | bigint, type: GoType = INT): GoValue => ({ type, v: BigInt(n) });
export const goFloat64 = (x: number): GoValue => ({ type: FLOAT64, v: x });
export const goSlice = (elem: GoType, items: GoValue[] | null): GoValue => ({ type: sliceOf(elem), v: items });
export const goMap = (key: GoType, elem: GoType, entries: GoMapEntry[] | null): GoValue => ({ type: mapOf(key, elem), v: entries });
export const goPointer = (elemType: GoType, target: GoValue | null): GoValue => ({ type: pointerTo(elemType), v: target });
export const goStruct = (type: GoType, fields: GoValue[]): GoValue => ({ type, v: fields });

/** A value stored in a slot of interface type: the interface wraps the dynamic value (or nil). */
export function inInterface(type: GoType, value: Val): GoValue {
  return { type, v: value && value.type.kind === 'interface' ? value.v : value };
}

function isGoValue(x: unknown): x is GoValue {
  return typeof x === 'object' && x !== null && 'type' in x && 'v' in x && typeof (x as GoValue).type === 'object';
}

export const isIntKind = (k: GoKind): boolean => k === 'int' || k === 'int8' || k === 'int16' || k === 'int32' || k === 'int64';
export const isUintKind = (k: GoKind): boolean => k === 'uint' || k === 'uint8' || k === 'uint16' || k === 'uint32' || k === 'uint64';
export const isFloatKind = (k: GoKind): boolean => k === 'float32' || k === 'float64';

/** Converts plain JS data to Go values by the rules in this file's header. */
export function goValueOf(data: unknown): Val {
  if (data === null || data === undefined) return null;
  return concrete(data);
}

function concrete(data: unknown): GoValue {
  if (isGoValue(data)) return data;
  switch (typeof data) {
    case 'string':
      return goString(data);
    case 'boolean':
      return goBool(data);
    case 'bigint':
      return goInt(data);
    case 'number':
      return Number.isInteger(data) ? goInt(data) : goFloat64(data);
  }
  if (Array.isArray(data)) return goSlice(ANY, data.map(elementOf));
  if (data instanceof Map) return goMap(ANY, ANY, [...data].map(([k, v]) => ({ key: elementOf(k), value: elementOf(v) })));
  if (typeof data === 'object' && data !== null) {
    return goMap(ANY, ANY, Object.entries(data).map(([k, v]) => ({ key: inInterface(ANY, goString(k)), value: elementOf(v) })));
  }
  throw new TypeError(`no Go type for a JS ${typeof data}`);
}

function elementOf(data: unknown): GoValue {
  return inInterface(ANY, data === null || data === undefined ? null : concrete(data));
}

/** Go's assignability, for the types this engine knows. */
export function assignable(from: GoType, to: GoType): boolean {
  if (from === to || from.name === to.name) return true;
  if (to.kind === 'interface') return to.name === 'interface {}';
  const fromNamed = from.underlying !== undefined;
  const toNamed = to.underlying !== undefined;
  if (fromNamed && toNamed) return false;
  return (from.underlying ?? from).name === (to.underlying ?? to).name && (fromNamed || toNamed) && !isBasic(from);
}

function isBasic(t: GoType): boolean {
  return t.kind !== 'slice' && t.kind !== 'map' && t.kind !== 'struct' && t.kind !== 'pointer' && t.kind !== 'func';
}

/** reflect.Zero: the zero value of a type. */
export function zeroOf(type: GoType): GoValue {
  switch (type.kind) {
    case 'bool':
      return { type, v: false };
    case 'string':
      return { type, v: '' };
    case 'float32':
    case 'float64':
      return { type, v: 0 };
    case 'struct':
      return { type, v: (type.fields ?? []).map((f) => zeroOf(f.type)) };
    case 'slice':
    case 'map':
    case 'pointer':
    case 'interface':
    case 'func':
      return { type, v: null };
    default:
      return { type, v: 0n };
  }
}

/** The dynamic value of an interface (null for a nil interface); other values unchanged. */
export function indirectInterface(v: Val): Val {
  if (v === null || v.type.kind !== 'interface') return v;
  return v.v as Val;
}

/** Follows pointers and interfaces; isNil when it stops at a nil one. */
export function indirect(v: Val): { value: Val; isNil: boolean } {
  let cur = v;
  while (cur !== null && (cur.type.kind === 'pointer' || cur.type.kind === 'interface')) {
    if (cur.v === null) return { value: cur, isNil: true };
    cur = cur.v as GoValue;
  }
  return { value: cur, isNil: false };
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** len() of a string, slice or map value. */
export function lengthOf(v: GoValue): number {
  switch (v.type.kind) {
    case 'string':
      return utf8Length(v.v as string);
    case 'slice':
    case 'map':
      return v.v === null ? 0 : (v.v as unknown[]).length;
    default:
      return -1;
  }
}

/** Go's == for comparable values of identical type (keys of maps, interface contents). */
function sameValue(a: Val, b: Val): boolean {
  if (a === null || b === null) return a === b;
  if (a.type.kind === 'interface' || b.type.kind === 'interface') return sameValue(indirectInterface(a), indirectInterface(b));
  if (a.type.name !== b.type.name) return false;
  if (a.type.kind === 'struct') {
    const fa = a.v as GoValue[];
    const fb = b.v as GoValue[];
    return fa.every((f, i) => sameValue(f, fb[i] ?? null));
  }
  if (a.type.kind === 'pointer') return a.v === b.v;
  return a.v === b.v;
}

export function mapLookup(map: GoValue, key: GoValue): GoValue | undefined {
  const entries = map.v as GoMapEntry[] | null;
  return entries?.find((e) => sameValue(e.key, key))?.value;
}
