import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orderTemplates } from '../../src/expand/order-templates.js';
import { TemplateLibrary } from '../../src/templates/template-library.js';
import { diagnosticsOf } from '../helpers/diagnostics-of.js';

function library(): TemplateLibrary {
  const dir = mkdtempSync(join(tmpdir(), 'podlike-order-'));
  const templates: Record<string, string[]> = { a: ['b'], b: ['a'], base: [], logs: ['base'], sd: ['base'], full: ['logs', 'sd'], self: ['self'], lost: ['missing'] };
  for (const [name, requires] of Object.entries(templates)) {
    writeFileSync(join(dir, `${name}.yml`), `name: ${name}\ndescription: ${name}\nrequires: [${requires.join(', ')}]\n`);
  }
  return new TemplateLibrary([dir], dir);
}

const WHERE = { file: 'stack.yml', line: 9, col: 26 };
const names = (list: readonly { name: string }[]) => list.map((t) => t.name);

describe('orderTemplates', () => {
  it('applies required templates first', () => {
    assert.deepEqual(names(orderTemplates('api', [{ value: 'logs', where: WHERE }], library())), ['base', 'logs']);
  });

  it('applies each template once, in request order', () => {
    const lib = library();
    assert.deepEqual(names(orderTemplates('api', [{ value: 'full' }, { value: 'base' }, { value: 'logs' }], lib)), ['base', 'logs', 'sd', 'full']);
    assert.deepEqual(names(orderTemplates('api', [{ value: 'sd' }, { value: 'logs' }], lib)), ['base', 'sd', 'logs']);
  });

  it('gives a list asked for again the same order, and reports a failing list for each service', () => {
    const lib = library();
    const first = orderTemplates('api', [{ value: 'full' }], lib);
    assert.deepEqual(names(orderTemplates('web', [{ value: 'full' }], lib)), names(first));
    assert.match(diagnosticsOf(() => orderTemplates('api', [{ value: 'lost' }], lib))[0].message, /^service "api": /);
    assert.match(diagnosticsOf(() => orderTemplates('web', [{ value: 'lost' }], lib))[0].message, /^service "web": /);
  });

  it('reports a requires cycle as its chain', () => {
    const [d] = diagnosticsOf(() => orderTemplates('api', [{ value: 'a', where: WHERE }], library()));
    assert.equal(d.message, 'service "api": templates require each other in a cycle: a -> b -> a');
    assert.deepEqual(d.position, WHERE);
  });

  it('reports a template that requires itself', () => {
    const [d] = diagnosticsOf(() => orderTemplates('api', [{ value: 'self', where: WHERE }], library()));
    assert.equal(d.message, 'service "api": templates require each other in a cycle: self -> self');
  });

  it('names the template that requires an unknown one', () => {
    const [d] = diagnosticsOf(() => orderTemplates('api', [{ value: 'lost', where: WHERE }], library()));
    assert.match(d.message, /^service "api": template "lost" requires unknown template "missing"/);
    assert.deepEqual(d.position, WHERE);
  });
});
