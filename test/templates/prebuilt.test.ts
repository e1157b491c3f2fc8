import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSource } from '../../src/load/source-file.js';
import { handlebars } from '../../src/templates/handlebars-env.js';
import { compileTemplate, loadTemplate, SECTION_OPTIONS } from '../../src/templates/load-template.js';
import { prebuiltTemplate } from '../../src/templates/prebuilt.js';
import { BUILTIN_TEMPLATES } from '../../src/templates/search-path.js';
import type { ArgSpec, Template } from '../../src/templates/template.js';
import { renderWithTokens } from '../../src/templates/value-tokens.js';
import { diagnosticsOf } from '../helpers/diagnostics-of.js';
import { workspace } from '../helpers/workspace.js';

const BUILTIN = readdirSync(BUILTIN_TEMPLATES)
  .filter((f) => f.endsWith('.yml'))
  .sort();

/** Args without defaults, one set per way a template can be used (healthz: what it checks). */
const BASES: Record<string, Record<string, unknown>[]> = {
  'config-reload': [{ repo: 'https://example.com/config.git' }, { repo: '${CONFIG_REPO}', process: 'nginx', full: true }],
  healthz: [{ process: 'nginx' }, { file: 'ready' }, { tcp_port: 8080 }, { url: 'http://127.0.0.1:8080/health' }],
  signal: [{ process: 'nginx' }],
};

/** The args with defaults filled in, as a pod gets them; undefined when the template refuses them. */
function withDefaults(template: Template, args: Record<string, unknown>): Record<string, unknown> | undefined {
  const copy = structuredClone(args);
  return template.validateArgs(copy) ? copy : undefined;
}

/** Each base with defaults, then each boolean arg flipped and each enum value in turn: the sections' branches. */
function argVariants(template: Template): Record<string, unknown>[] {
  const variants: Record<string, unknown>[] = [];
  for (const given of BASES[template.name] ?? [{}]) {
    const base = withDefaults(template, given);
    assert.ok(base, `${template.name} takes ${JSON.stringify(given)}: ${JSON.stringify(template.validateArgs.errors)}`);
    variants.push(base);
    for (const [name, spec] of Object.entries(template.argsSchema.properties ?? {}) as [string, ArgSpec][]) {
      const changed = [...(spec.type === 'boolean' ? [!base[name]] : []), ...(spec.enum ?? [])].map((value) => withDefaults(template, { ...base, [name]: value }));
      variants.push(...changed.filter((v) => v !== undefined));
    }
  }
  return variants;
}

function contexts(template: Template): object[] {
  return argVariants(template).map((args) => ({
    service: {
      name: 'web',
      image: 'example/web:1.0',
      ports: ['8080:80'],
      environment: { A: '1', QUOTED: 'it\'s "x": y' },
      volumes: ['data:/data'],
      configs: ['app-config'],
      secrets: [{ source: 'token', target: '/run/secrets/token' }],
    },
    args,
    pod: { app: 'app', components: ['app', 'proxy'] },
    stack: { services: ['web', 'db'], volumes: { data: {} }, configs: { 'app-config': {} }, secrets: { token: {} }, networks: {} },
  }));
}

function render(template: Template, name: keyof Template['sections'], context: object): unknown {
  try {
    return template.sections[name]!.render(context);
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** A section as Handlebars itself renders it, all helpers registered: what the plain sections must equal. */
function handlebarsRender(template: Template, name: keyof Template['sections'], context: object): unknown {
  try {
    const compiled = handlebars.compile((template.source.value as Record<string, string>)[name], SECTION_OPTIONS);
    return renderWithTokens(() => compiled(context));
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe('prebuilt built-in templates', () => {
  for (const file of BUILTIN) {
    const path = join(BUILTIN_TEMPLATES, file);
    const text = readFileSync(path, 'utf8');

    it(`${file}: the build prebuilt exactly this text`, () => {
      assert.equal(prebuiltTemplate(text)?.name, file.replace(/\.yml$/, ''));
    });

    it(`${file}: loads as the same template as compiling it at run time`, () => {
      const prebuilt = loadTemplate(path, `shown/${file}`);
      const compiled = compileTemplate(path, text, `shown/${file}`);
      assert.equal(prebuilt.name, compiled.name);
      assert.equal(prebuilt.file, compiled.file);
      assert.equal(prebuilt.description, compiled.description);
      assert.deepEqual(prebuilt.requires, compiled.requires);
      assert.deepEqual(prebuilt.argsSchema, compiled.argsSchema);
      assert.equal(prebuilt.validateArgs, compiled.validateArgs, 'the same build-time args validator');
      assert.deepEqual(Object.keys(prebuilt.sections), Object.keys(compiled.sections));
      for (const [name, section] of Object.entries(compiled.sections)) {
        const other = prebuilt.sections[name as keyof Template['sections']]!;
        assert.deepEqual({ name: other.name, start: other.start, block: other.block }, { name: section.name, start: section.start, block: section.block });
      }
      assert.deepEqual(prebuilt.source.value, compiled.source.value, 'the template YAML, parsed when asked for');
    });

    it(`${file}: every section renders the same text and values as compiling it at run time, and as Handlebars does`, () => {
      const prebuilt = loadTemplate(path);
      const compiled = compileTemplate(path, text);
      for (const context of contexts(compiled)) {
        for (const name of Object.keys(compiled.sections) as (keyof Template['sections'])[]) {
          const rendered = render(prebuilt, name, context);
          assert.deepEqual(rendered, render(compiled, name, context), `section ${name} with ${JSON.stringify(context)}`);
          assert.deepEqual(rendered, handlebarsRender(compiled, name, context), `section ${name} as Handlebars renders it, with ${JSON.stringify(context)}`);
        }
      }
    });
  }

  it('a changed built-in text is compiled at run time, as written', () => {
    const original = readFileSync(join(BUILTIN_TEMPLATES, 'http.yml'), 'utf8');
    const edited = original.replace(/^description: .*$/m, 'description: an edited copy').replace('HTTP_HOST: 127.0.0.1', 'HTTP_HOST: 0.0.0.0');
    assert.notEqual(edited, original);
    const dir = workspace({ 'http.yml': edited });
    const template = loadTemplate(join(dir, 'http.yml'));
    assert.equal(prebuiltTemplate(edited), undefined);
    assert.equal(template.description, 'an edited copy');
    const context = contexts(template)[0];
    assert.match((render(template, 'app', context) as { text: string }).text, /HTTP_HOST: 0\.0\.0\.0/);
  });

  it('a built-in text under another file name is still refused for its name', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'proxy.yml'), readFileSync(join(BUILTIN_TEMPLATES, 'http.yml')));
    const [d] = diagnosticsOf(() => loadTemplate(join(dir, 'proxy.yml'), 'tpl/proxy.yml'));
    assert.equal(d.message, 'template name "http" must equal its file name "proxy"');
    assert.deepEqual(d.position, { file: 'tpl/proxy.yml', line: 1, col: 7 });
  });

  it("a prebuilt template's source is its parsed file", () => {
    const path = join(BUILTIN_TEMPLATES, 'signal.yml');
    const template = loadTemplate(path, 'shown/signal.yml');
    assert.deepEqual(template.source.value, parseSource('shown/signal.yml', readFileSync(path, 'utf8')).value);
    assert.equal(template.source, template.source, 'parsed once');
  });
});
