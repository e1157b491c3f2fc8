/** The rule ids SARIF and the JSON reports give each kind of diagnostic. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { warning, error, note } from '../../src/diagnostics.js';
import { ALL_RULES, ruleOf } from '../../src/formats/diagnostic-rules.js';

describe('diagnostic rules', () => {
  it('ids are unique kebab-case names', () => {
    const ids = ALL_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
  });

  it('reads the kind from the text of real diagnostics; the rest fall back by severity', () => {
    const cases: [ReturnType<typeof error>, string][] = [
      [error('service "api": unknown template "htp" (did you mean "http"?)'), 'unknown-template'],
      [error('service "api", template "http": unknown arg "prot" (did you mean "port"?)'), 'unknown-arg'],
      [error('service "api", template "http": arg "port" must be integer'), 'invalid-arg'],
      [error('service "api", template "x": arg "server" is required: set it with the label podlike.x.server'), 'missing-arg'],
      [error('service "api", component "side": "ports" is not supported in a pod component: use the service'), 'unsupported-component-key'],
      [warning('service "api": template "a" and template "b" both set components.side.image ("alpine:3.19" and "alpine:3.20"); template "b" wins'), 'conflicting-definitions'],
      [warning('x-podlike.args has args for template "with-sd", which no pod applies: they are unused'), 'unknown-arg'],
      [note('version raised from 3.2 to 3.4: the output has a volume name'), 'version-raised'],
      [error('invalid YAML: bad indentation'), 'invalid-yaml'],
      [error('something new'), 'other-error'],
      [note('something new'), 'other-note'],
    ];
    for (const [diagnostic, id] of cases) assert.equal(ruleOf(diagnostic).id, id, diagnostic.message);
  });
});
