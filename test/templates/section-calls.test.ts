import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { handlebars } from '../../src/templates/handlebars-env.js';
import { callProblems } from '../../src/templates/section-calls.js';
import { SECTION_NAMES } from '../../src/templates/template.js';
import { ROOT } from '../helpers/paths.js';

/** Problems by line and message (columns: their own test). */
const problemsIn = (section: string) => callProblems(handlebars.parse(section)).map(({ line, message }) => ({ line, message }));

describe('callProblems', () => {
  it('finds each wrong call with its line, in sub-expressions, blocks and every branch', () => {
    const section = ['a: {{toJson x}}', 'b: {{indent 2 (toYaml)}}', '{{#if x}}', 'c: {{default x}}', '{{else}}', 'd: {{join l "," "-"}}', '{{/if}}', '{{#each}}x{{/each}}'].join('\n');
    assert.deepEqual(problemsIn(section), [
      { line: 2, message: 'helper "toYaml" takes 1 value, not 0' },
      { line: 4, message: 'helper "default" takes 2 values, not 1' },
      { line: 6, message: 'helper "join" takes 1 or 2 values, not 3' },
      { line: 8, message: '{{#each}} takes 1 value, not 0' },
    ]);
  });

  it('finds calls inside an inline partial and by a literal name', () => {
    assert.deepEqual(problemsIn('{{#*inline "p"}}\n{{quote}}{{/inline}}{{> p}}'), [{ line: 2, message: 'helper "quote" takes 1 value, not 0' }]);
    assert.deepEqual(problemsIn('{{"swarm"}}'), [{ line: 1, message: 'helper "swarm" takes 1 value, not 0' }]);
  });

  it('finds a partial the section does not define; one it defines inline, a partial block with its fallback and a computed name are left alone', () => {
    assert.deepEqual(problemsIn('a\n{{> p}}'), [{ line: 2, message: 'partial "p" is not defined: a template has only the partials it defines with {{#*inline "p"}}' }]);
    assert.deepEqual(problemsIn('{{#*inline "p"}}x{{/inline}}{{> p}} {{#> r}}fallback{{/r}} {{> (lookup . "name")}}'), []);
  });

  it('leaves alone paths into the context and names no helper has', () => {
    assert.deepEqual(problemsIn('{{this.toJson}} {{./quote}} {{../join}} {{@root.not}} {{toJson.x}} {{nope}} {{service.name}} {{#with service}}{{name}}{{/with}}'), []);
  });

  it('finds a value called as a helper: Handlebars would call it as a function and fail with its own code as the message', () => {
    // Each rendered as "render failed: ((stack1 && lookupProperty(...)) || alias2).call is not a function" or the like.
    assert.deepEqual(problemsIn('a: {{quote (service.name)}}\nb: {{service.name "x"}}\nc: {{#each (this)}}{{/each}}\nd: {{../x a=1}}'), [
      { line: 1, message: '(service.name): service.name is a value, not a helper; only a helper takes values or goes inside ( )' },
      { line: 2, message: '{{service.name ...}}: service.name is a value, not a helper; only a helper takes values' },
      { line: 3, message: '(this): this is a value, not a helper; only a helper takes values or goes inside ( )' },
      { line: 4, message: '{{../x ...}}: ../x is a value, not a helper; only a helper takes values' },
    ]);
  });

  it('finds an unknown helper given values or inside ( ), with the nearest name', () => {
    assert.deepEqual(problemsIn('{{qoute service.name}}\n{{quote (tojson args)}}\n{{#eachh list}}x{{/eachh}}\n{{quote ("x")}}'), [
      { line: 1, message: '{{qoute ...}}: unknown helper "qoute" (did you mean "quote"?)' },
      { line: 2, message: '(tojson ...): unknown helper "tojson" (did you mean "toJson"?)' },
      { line: 3, message: '{{#eachh ...}}: unknown helper "eachh" (did you mean "each"?)' },
      { line: 4, message: '("x"): unknown helper "x"' },
    ]);
  });

  it('finds a block helper used without its block: Handlebars fails with "options.fn is not a function"', () => {
    assert.deepEqual(problemsIn('{{if x}}\n{{quote (each list)}}'), [
      { line: 1, message: '{{if ...}}: "if" is a block: write {{#if value}}...{{/if}}' },
      { line: 2, message: '(each ...): "each" is a block: write {{#each value}}...{{/each}}' },
    ]);
  });

  it('leaves alone a name without values, which is a value, and a block over it', () => {
    assert.deepEqual(problemsIn('{{nope}} {{#nope}}x{{/nope}} {{"text"}} {{#service.ports}}p{{/service.ports}} {{#each (lookup service "ports")}}{{/each}}'), []);
  });

  it('finds nothing in the built-in templates', () => {
    const dir = join(ROOT, 'templates');
    for (const file of readdirSync(dir)) {
      const template = parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
      for (const name of SECTION_NAMES) if (typeof template[name] === 'string') assert.deepEqual(problemsIn(template[name] as string), [], `${file} ${name}`);
    }
  });
});
