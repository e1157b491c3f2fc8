import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeGoYamlUnsafe, readsOtherwiseInYaml11 } from '../../src/emit/go-yaml-readings.js';

describe('readsOtherwiseInYaml11 (what yaml.v2 resolves to something other than the string)', () => {
  it('names the numbers yaml.v2 reads after dropping underscores, and its binary forms', () => {
    for (const text of ['1_000', '0b101', '0x_1F', '+1_0', '1_0.5', '-0b1', '0o17', '017', '08', '1e3', '+.5', '-1', '0B1', '0b-1'])
      assert.equal(readsOtherwiseInYaml11(text), true, text);
  });

  it('names the YAML 1.1 booleans, nulls, special floats, the merge key, dates and base-60 numbers', () => {
    for (const text of ['y', 'Y', 'ON', 'off', 'No', '~', 'Null', '.inf', '-.Inf', '.NaN', '<<', '.5', '2001-12-14', '2001-12-14 21:59:43.10', '25:25', '1000:1000'])
      assert.equal(readsOtherwiseInYaml11(text), true, text);
  });

  it('leaves the strings yaml.v2 reads as strings', () => {
    for (const text of ['yeah', 'nginx', '1.2.3', 'v1', '_1', '0b2', '0x', '-', '+', '.', '.a', '1_000a', 'a_1', 'Yes please', '<', '<<<', 'x.5', '2001-1'])
      assert.equal(readsOtherwiseInYaml11(text), false, text);
  });
});

describe('escapeGoYamlUnsafe', () => {
  it('escapes what Go YAML breaks lines at or refuses, as \\uXXXX, and nothing else', () => {
    assert.equal(escapeGoYamlUnsafe('"a\u2028b\u2029c\u0085d\u007fe\u0090f\ufffe"'), '"a\\u2028b\\u2029c\\u0085d\\u007fe\\u0090f\\ufffe"');
    assert.equal(escapeGoYamlUnsafe('plain é 😀 \t'), 'plain é 😀 \t');
  });
});
