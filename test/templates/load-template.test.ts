import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTemplate, sectionPosition } from '../../src/templates/load-template.js';
import { diagnosticsOf } from '../helpers/diagnostics-of.js';

function templateFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'podlike-tpl-'));
  const path = join(dir, `${name}.yml`);
  writeFileSync(path, text);
  return path;
}

describe('loadTemplate', () => {
  it('loads a valid template with its sections and args', () => {
    const path = templateFile(
      'sidecar',
      'name: sidecar\ndescription: adds a sidecar\nrequires: [base]\nargs:\n  type: object\n  properties:\n    port: { type: integer, default: 80 }\ncomponents: |\n  side:\n    image: x\n',
    );
    const t = loadTemplate(path, 'tpl/sidecar.yml');
    assert.equal(t.name, 'sidecar');
    assert.equal(t.file, 'tpl/sidecar.yml');
    assert.equal(t.description, 'adds a sidecar');
    assert.deepEqual(t.requires, ['base']);
    assert.deepEqual(Object.keys(t.sections), ['components']);
    assert.deepEqual(t.sections.components?.start, { file: 'tpl/sidecar.yml', line: 8, col: 3 });
    assert.equal(t.sections.components?.block, true);
    const args: Record<string, unknown> = {};
    assert.equal(t.validateArgs(args), true);
    assert.deepEqual(args, { port: 80 });
  });

  it('names the file and the key of an unknown top-level key', () => {
    const path = templateFile('bad', 'name: bad\ndescription: d\nsidecars: |\n  x: 1\n');
    const [d] = diagnosticsOf(() => loadTemplate(path, 'tpl/bad.yml'));
    assert.equal(d.message, 'invalid template: unknown key "sidecars"');
    assert.deepEqual(d.position, { file: 'tpl/bad.yml', line: 3, col: 1 });
  });

  it('requires a description', () => {
    const path = templateFile('nodesc', 'name: nodesc\n');
    const [d] = diagnosticsOf(() => loadTemplate(path, 'nodesc.yml'));
    assert.equal(d.message, 'invalid template: missing required key "description"');
    assert.equal(d.position?.file, 'nodesc.yml');
  });

  it('refuses a name that differs from the file name, pointing at the name', () => {
    const path = templateFile('misnamed', 'name: other\ndescription: d\n');
    const [d] = diagnosticsOf(() => loadTemplate(path, 'tpl/misnamed.yml'));
    assert.equal(d.message, 'template name "other" must equal its file name "misnamed"');
    assert.deepEqual(d.position, { file: 'tpl/misnamed.yml', line: 1, col: 7 });
  });

  it('reports a Handlebars syntax error at its line in the template file', () => {
    const path = templateFile('broken', 'name: broken\ndescription: d\napp: |\n  image: x\n  command: "{{foo bar}"\n');
    const [d] = diagnosticsOf(() => loadTemplate(path, 'tpl/broken.yml'));
    assert.equal(d.message, 'template syntax error in section "app": a {{ is not closed with }}');
    assert.equal(d.position?.file, 'tpl/broken.yml');
    assert.equal(d.position?.line, 5);
  });

  it('reports a syntax error in each broken section', () => {
    const path = templateFile('two', 'name: two\ndescription: d\napp: |\n  a: {{#if x}}\ncontroller: |\n  b: {{/each}}\n');
    const ds = diagnosticsOf(() => loadTemplate(path, 'two.yml'));
    assert.equal(ds.length, 2);
    assert.match(ds[0].message, /section "controller"|section "app"/);
    assert.match(ds[1].message, /section "controller"|section "app"/);
  });

  it('reports a missing file by its shown name', () => {
    const [d] = diagnosticsOf(() => loadTemplate('/no/such/dir/x.yml', 'x.yml'));
    assert.equal(d.file, 'x.yml');
    assert.match(d.message, /^cannot read template: /);
  });

  it('reports invalid YAML in the template file with its line', () => {
    const path = templateFile('yamlbad', 'name: yamlbad\ndescription: d\ndescription: again\n');
    const [d] = diagnosticsOf(() => loadTemplate(path, 'yamlbad.yml'));
    assert.match(d.message, /^duplicate key/);
    assert.equal(d.position?.line, 3);
  });

  describe('a section written as YAML instead of as text', () => {
    const blockScalar = '(a section is Handlebars text that renders to YAML: write it as a block scalar, "app: |", with the text indented below)';

    it('says to write a section that reads as a mapping as a block scalar', () => {
      const path = templateFile('mapped', 'name: mapped\ndescription: d\napp:\n  environment:\n    NOTE: "{{args.note}}"\n');
      const [d] = diagnosticsOf(() => loadTemplate(path, 'mapped.yml'));
      assert.equal(d.message, `invalid template: app: must be a string ${blockScalar}`);
      assert.deepEqual(d.position, { file: 'mapped.yml', line: 3, col: 1 });
    });

    it('tells why a section with a Handlebars block does not read as YAML, on the first error on a line with {{, once', () => {
      const path = templateFile('blocks', 'name: blocks\ndescription: d\napp:\n  {{#if args.note}}\n  environment:\n    NOTE: x\n  {{/if}}\n');
      const ds = diagnosticsOf(() => loadTemplate(path, 'blocks.yml'));
      const hinted = ds.filter((d) => d.message.endsWith(blockScalar));
      assert.equal(hinted.length, 1, ds.map((d) => d.message).join('\n'));
      assert.match(hinted[0].message, /^invalid YAML: /);
      assert.equal(hinted[0].position?.line, 4);
      assert.ok(ds.every((d) => (d.position?.line ?? 0) >= 4), 'no error before the {{#if line');
    });

    it('names the sections when the Handlebars is under a key that is not one', () => {
      const path = templateFile('keyed', 'name: keyed\ndescription: d\ncomponent:\n  {{#if args.x}}\n  image: x\n  {{/if}}\n');
      const ds = diagnosticsOf(() => loadTemplate(path, 'keyed.yml'));
      const hinted = ds.filter((d) => d.message.includes('Handlebars belongs'));
      assert.equal(hinted.length, 1);
      assert.match(hinted[0].message, /\(Handlebars belongs in a section's text, written as a block scalar such as "app: \|"; the sections are controller, app, components, init, copy, stack\)$/);
    });

    it('leaves YAML errors without {{ as they are', () => {
      const path = templateFile('plainbad', 'name: plainbad\ndescription: d\napp: |\n  image: x\nstack: [\n');
      const ds = diagnosticsOf(() => loadTemplate(path, 'plainbad.yml'));
      assert.ok(ds.length > 0);
      assert.ok(ds.every((d) => !d.message.includes('block scalar') && !d.message.includes('Handlebars')), ds.map((d) => d.message).join('\n'));
    });

    it('says the same of a value written as {{...}} in a section that reads as a mapping (YAML reads it as a flow mapping key)', () => {
      const path = templateFile('valueflow', 'name: valueflow\ndescription: d\napp:\n  image: {{args.image}}\n');
      const [d] = diagnosticsOf(() => loadTemplate(path, 'valueflow.yml'));
      assert.equal(d.message, `a key cannot be a mapping: keys are text ${blockScalar}`);
      assert.deepEqual(d.position, { file: 'valueflow.yml', line: 4, col: 11 });
    });
  });
});

describe('sectionPosition', () => {
  it('counts lines from the line after the key of a block section', () => {
    assert.deepEqual(sectionPosition({ start: { file: 't.yml', line: 4, col: 3 }, block: true }, 1), { file: 't.yml', line: 5, col: 3 });
    assert.deepEqual(sectionPosition({ start: { file: 't.yml', line: 4, col: 3 }, block: true }, 3), { file: 't.yml', line: 7, col: 3 });
  });

  it('places everything in a quoted or plain one at its start, whose lines are not the file\'s', () => {
    assert.deepEqual(sectionPosition({ start: { file: 't.yml', line: 4, col: 6 }, block: false }, 1), { file: 't.yml', line: 4, col: 6 });
    assert.deepEqual(sectionPosition({ start: { file: 't.yml', line: 4, col: 6 }, block: false }, 3), { file: 't.yml', line: 4, col: 6 });
  });

  it('adds a column in a block section, whose lines keep their columns past its indentation; not in a plain one', () => {
    assert.deepEqual(sectionPosition({ start: { file: 't.yml', line: 4, col: 3 }, block: true }, 2, 10), { file: 't.yml', line: 6, col: 13 });
    assert.deepEqual(sectionPosition({ start: { file: 't.yml', line: 4, col: 6 }, block: false }, 1, 10), { file: 't.yml', line: 4, col: 6 });
  });

  it('places a template error at its column, however far the block section is indented', () => {
    for (const indent of ['  ', '    ']) {
      const path = templateFile('cols', `name: cols\ndescription: d\ncomponents: |\n\n${indent}side:\n${indent}  image: "x-{{servce.name}}"\n`);
      const [d] = diagnosticsOf(() => loadTemplate(path, 'cols.yml'));
      assert.deepEqual(d.position, { file: 'cols.yml', line: 6, col: indent.length + 15 }, d.message);
    }
  });
});
