import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { handlebars } from '../../src/templates/handlebars-env.js';
import { pathProblems } from '../../src/templates/section-paths.js';
import { EMPTY_ARGS } from '../../src/templates/load-template.js';
import { SECTION_NAMES, type ArgSpec } from '../../src/templates/template.js';
import { ROOT } from '../helpers/paths.js';

/** Args `port` and `tls` (with `cert` and `key`), no others; `labels` a free mapping. */
const ARGS: ArgSpec = {
  type: 'object',
  additionalProperties: false,
  properties: {
    port: { type: 'integer' },
    list: { type: 'array' },
    labels: { type: 'object' },
    tls: { type: 'object', additionalProperties: false, properties: { cert: { type: 'string' }, key: { type: 'string' } } },
  },
};

/** Problems by line and message (columns: their own test). */
const problemsIn = (section: string, args: ArgSpec = ARGS) => pathProblems(handlebars.parse(section), args).map(({ line, message }) => ({ line, message }));

describe('pathProblems', () => {
  it('finds an arg the template does not have, nested too, with the nearest name, in every branch', () => {
    assert.deepEqual(problemsIn('a: {{args.prot}}\n{{#if false}}b: {{args.tls.cret}}{{/if}}'), [
      { line: 1, message: '{{args.prot}}: the template has no arg "prot" (did you mean "port"?)' },
      { line: 2, message: '{{args.tls.cret}}: the template has no arg "tls.cret" (did you mean "cert"?)' },
    ]);
    assert.deepEqual(problemsIn('{{args.port}}', EMPTY_ARGS), [{ line: 1, message: '{{args.port}}: the template has no args' }]);
  });

  it('leaves alone args a schema level does not close: a free mapping, a list, a schema without additionalProperties: false or with patternProperties', () => {
    assert.deepEqual(problemsIn('{{args.labels.anything}} {{args.list.length}} {{args.port.x}}'), []);
    assert.deepEqual(problemsIn('{{args.anything}}', { type: 'object', properties: { port: {} } }), []);
    assert.deepEqual(problemsIn('{{args.x1}}', { type: 'object', additionalProperties: false, patternProperties: { '^x': {} } } as ArgSpec), []);
  });

  it('finds a name the context does not hold, what pod and stack do not hold, and a key no Compose service has', () => {
    assert.deepEqual(problemsIn('{{serivce.name}}\n{{pod.comps}}\n{{stack.volume}}\n{{service.imag}}\n{{service.deploy.anything}} {{service.x-mine}} {{service.name}} {{pod.app}} {{stack.services}}'), [
      { line: 1, message: '{{serivce.name}}: "serivce" is not in a section\'s context, which holds service, args, pod and stack (did you mean "service"?)' },
      { line: 2, message: '{{pod.comps}}: pod holds app, components; not "comps"' },
      { line: 3, message: '{{stack.volume}}: stack holds services, volumes, configs, secrets, networks; not "volume" (did you mean "volumes"?)' },
      { line: 4, message: '{{service.imag}}: a service has no key "imag" in Compose 3 (did you mean "image"?)' },
    ]);
  });

  it('checks values given to helpers, partials and blocks, and inside ( )', () => {
    assert.deepEqual(
      problemsIn('{{quote args.prot}} {{default (toJson args.lst) "x"}} {{#*inline "p"}}{{/inline}}{{> p x=args.prto}} {{#each args.lits}}{{/each}}').map((p) => p.message),
      [
        '{{args.prot}}: the template has no arg "prot" (did you mean "port"?)',
        '{{args.lst}}: the template has no arg "lst" (did you mean "list"?)',
        '{{args.prto}}: the template has no arg "prto" (did you mean "port"?)',
        '{{args.lits}}: the template has no arg "lits" (did you mean "list"?)',
      ],
    );
  });

  it('inside each, with, a block over a value and an inline partial, checks only what climbs back to the section\'s context', () => {
    const section = [
      '{{#each args.list}}{{name}}{{port}}{{../args.prot}}{{/each}}',
      '{{#with args.tls}}{{cret}}{{@root.args.prot}}{{/with}}',
      '{{#args.labels}}{{anything}}{{/args.labels}}',
      '{{#*inline "p"}}{{whatever}}{{@root.nope}}{{/inline}}',
      '{{#each args.list as |item|}}{{item.x}}{{else}}{{args.prot}}{{/each}}',
    ].join('\n');
    assert.deepEqual(problemsIn(section), [
      { line: 1, message: '{{../args.prot}}: the template has no arg "prot" (did you mean "port"?)' },
      { line: 2, message: '{{@root.args.prot}}: the template has no arg "prot" (did you mean "port"?)' },
      { line: 4, message: '{{@root.nope}}: "nope" is not in a section\'s context, which holds service, args, pod and stack' },
      { line: 5, message: '{{args.prot}}: the template has no arg "prot" (did you mean "port"?)' },
    ]);
  });

  it('keeps the section\'s context inside if and unless, and leaves helper calls and @data alone', () => {
    assert.deepEqual(problemsIn('{{#if args.port}}{{#unless pod.app}}{{porrt}}{{/unless}}{{/if}}').map((p) => p.message), ['{{porrt}}: "porrt" is not in a section\'s context, which holds service, args, pod and stack']);
    assert.deepEqual(problemsIn('{{toJson args}} {{quote service.name}} {{#each args.list}}{{@index}}{{/each}} {{this}} {{.}}'), []);
  });

  it('finds an each over an arg the schema says is one value; lists, mappings, types it does not know and other values pass', () => {
    assert.deepEqual(problemsIn('{{#each args.port}}x{{/each}}\n{{#each args.tls.cert}}{{/each}}'), [
      { line: 1, message: '{{#each args.port}}: arg "port" is a whole number; each goes over a list or a mapping, and over this renders nothing' },
      { line: 2, message: '{{#each args.tls.cert}}: arg "tls.cert" is a string; each goes over a list or a mapping, and over this renders nothing' },
    ]);
    const loose: ArgSpec = { type: 'object', properties: { any: {}, either: { type: ['string', 'array'] } } };
    assert.deepEqual(problemsIn('{{#each args.list}}{{/each}}{{#each args.labels}}{{/each}}{{#each args.tls}}{{/each}}{{#each service.ports}}{{/each}}'), []);
    assert.deepEqual(problemsIn('{{#each args.any}}{{/each}}{{#each args.either}}{{/each}}', loose), []);
  });

  it('gives the column where the path starts in its line', () => {
    assert.deepEqual(pathProblems(handlebars.parse('a: 1\nb: "x {{quote args.prot}}"'), ARGS).map(({ line, column }) => ({ line, column })), [{ line: 2, column: 14 }]);
  });

  it('finds nothing in the built-in templates, nor in those of the examples and golden tests', () => {
    const folders = [join(ROOT, 'templates')];
    for (const parent of ['examples', join('test', 'golden')]) {
      for (const entry of readdirSync(join(ROOT, parent))) {
        for (const sub of ['templates', 'pod-templates']) {
          const dir = join(ROOT, parent, entry, sub);
          if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) folders.push(dir);
        }
      }
    }
    assert.ok(folders.length > 5, folders.join(', '));
    for (const dir of folders) {
      for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
        const template = parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
        const args = (template.args as ArgSpec | undefined) ?? EMPTY_ARGS;
        for (const name of SECTION_NAMES) if (typeof template[name] === 'string') assert.deepEqual(problemsIn(template[name] as string, args), [], `${dir}/${file} ${name}`);
      }
    }
  });
});
