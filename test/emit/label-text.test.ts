import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { labelComponent, labelText } from '../../src/emit/label-text.js';
import { keyValueMap, type Json, type JsonObject } from '../../src/model/compose-lists.js';
import { hasInterpolatedKey } from '../../src/model/interpolated-keys.js';
import { propertyParams, propertyRuns } from '../helpers/property-params.js';

const RUNS = propertyRuns(300);
const params = (numRuns = RUNS) => propertyParams(numRuns);

/**
 * labelComponent as it was (a sort with a ranking comparator and Object.fromEntries), with a
 * `KEY=VALUE` list whose keys docker fills in kept a list.
 */
function formerLabelComponent(component: JsonObject): JsonObject {
  const leading = ['image', 'entrypoint', 'command'];
  const rank = (key: string) => (leading.includes(key) ? leading.indexOf(key) : leading.length);
  const stringValues = (value: Json) =>
    Object.fromEntries(Object.entries(keyValueMap(value)).map(([key, v]) => [key, v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)]));
  const keys = Object.keys(component).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const stringEntries = (value: Json) => (hasInterpolatedKey(value) ? value.map((item) => (item === null ? '' : String(item))) : stringValues(value));
  return Object.fromEntries(keys.map((key) => [key, ['environment', 'labels', 'sysctls'].includes(key) ? stringEntries(component[key]) : component[key]]));
}

/** Own entries in order, prototypes included: deepEqual alone would not tell an own `__proto__` key from a prototype. */
function shape(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(shape);
  return { proto: Object.getPrototypeOf(value) === Object.prototype, entries: Object.entries(value).map(([k, v]) => [k, shape(v)]) };
}

const key = fc.constantFrom('image', 'entrypoint', 'command', 'environment', 'labels', 'sysctls', 'volumes', 'user', 'Z', 'a', 'é', '10', '2', '__proto__', 'toString');
const scalar = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant(null));
const leaf = fc.oneof(scalar, fc.array(fc.oneof(fc.constantFrom('A=1', 'B', '__proto__=x', 'C=', '=D'), scalar), { maxLength: 3 }), fc.dictionary(key, fc.oneof(scalar, fc.array(scalar, { maxLength: 2 })), { maxKeys: 3 }));
const component = fc.dictionary(key, leaf, { maxKeys: 8 }) as fc.Arbitrary<JsonObject>;

describe('labelComponent', () => {
  it('orders image, entrypoint, command first and the rest alphabetically', () => {
    const c = labelComponent({ volumes: ['a:/b'], user: 'u', command: ['a'], image: 'x', entrypoint: 'e', environment: {} });
    assert.deepEqual(Object.keys(c), ['image', 'entrypoint', 'command', 'environment', 'user', 'volumes']);
  });

  it('writes environment, labels and sysctls as string maps', () => {
    const c = labelComponent({ image: 'x', environment: ['A=1', 'B'], labels: { n: 1, t: true }, sysctls: { 'net.core.somaxconn': 1024 } });
    assert.deepEqual(c, {
      image: 'x',
      environment: { A: '1', B: '' },
      labels: { n: '1', t: 'true' },
      sysctls: { 'net.core.somaxconn': '1024' },
    });
  });

  it('keeps a KEY=VALUE list whose keys docker fills in a list, as a mapping would not be filled in', () => {
    assert.deepEqual(labelComponent({ image: 'x', labels: ['traefik.http.routers.${NAME}.rule=Host(`a`)', 'b=1'] }).labels, ['traefik.http.routers.${NAME}.rule=Host(`a`)', 'b=1']);
  });

  it('gives the object the former sort and Object.fromEntries gave, for arbitrary components', () => {
    fc.assert(fc.property(component, (c) => assert.deepEqual(shape(labelComponent(c)), shape(formerLabelComponent(c)))), params());
  });

  it('keeps a __proto__ key as an entry', () => {
    const c = labelComponent(JSON.parse('{"__proto__": {"x": 1}, "environment": {"__proto__": 2}}') as JsonObject);
    assert.deepEqual(Object.keys(c), ['__proto__', 'environment']);
    assert.equal(Object.getPrototypeOf(c), Object.prototype);
    assert.deepEqual(Object.keys(c.environment as object), ['__proto__']);
  });
});

describe('labelText', () => {
  it('writes a component as block YAML', () => {
    assert.equal(
      labelText(labelComponent({ volumes: ['a:/b'], image: 'x', environment: { PORT: 5000 }, command: ['a'] })),
      'image: x\ncommand:\n  - a\nenvironment:\n  PORT: "5000"\nvolumes:\n  - a:/b\n',
    );
  });

  it('keeps a Swarm placeholder and quotes what needs it, keys a YAML 1.1 reader takes for booleans included', () => {
    assert.equal(labelText({ image: 'x', environment: { ID: '{{.Task.ID}}', N: '5' } }), 'image: x\nenvironment:\n  ID: "{{.Task.ID}}"\n  "N": "5"\n');
  });

  it('writes shared values without YAML anchors', () => {
    const shared = ['/a:/a'];
    assert.ok(!labelText([{ image: 'x', volumes: shared }, { image: 'y', volumes: shared }]).includes('&'));
  });
});
