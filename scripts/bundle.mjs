// Build step (npm run bundle, after tsc and the prebuilt validators and templates):
// - dist/src/cli.bundle.cjs: the CLI as one CommonJS file, with the small build outputs inside;
// - dist/src/code-cache.cjs: the loader bin/podlike-gen.js runs it with (src/code-cache.ts);
// - dist/chunks/ajv.cjs: ajv as one file, loaded only to compile a user template's args schema;
// - V8 code caches (<file>.cache) of these and of each Compose validator, each made after
//   running the file on representative input in this process, so that it holds the functions
//   a run needs, not only the top level.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { parse } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const BUNDLE = join(DIST, 'src', 'cli.bundle.cjs');
const AJV_CHUNK = join(DIST, 'chunks', 'ajv.cjs');
const VALIDATORS = join(DIST, 'validators');
const isCompose = (file) => /^compose-.*\.cjs$/.test(file);

/**
 * The build's own small CommonJS outputs (validators of templates, args and x-podlike; the
 * prebuilt templates) inside the bundle, as the table src/embedded-outputs.ts is there: each
 * is evaluated when first asked for, and the bundle's code cache covers them. The Compose
 * validators, one per file format version of which a run uses one, stay in dist/validators/.
 */
const embedOutputs = {
  name: 'embed-build-outputs',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]dist[\\/]src[\\/]embedded-outputs\.js$/ }, () => {
      const outputs = [
        ...readdirSync(VALIDATORS)
          .filter((f) => f.endsWith('.cjs') && !isCompose(f))
          .sort()
          .map((f) => `validators/${f}`),
        'templates/prebuilt.cjs',
      ];
      const table = outputs.map((path) => `  ${JSON.stringify(path)}: () => require(${JSON.stringify(`../${path}`)}),`).join('\n');
      return { resolveDir: join(DIST, 'src'), loader: 'js', contents: `export const EMBEDDED_OUTPUTS = {\n${table}\n};\n` };
    });
  },
};

/** `handlebars` in the bundle: its compiler loaded only when a template is compiled at run time. */
const lazyHandlebarsCompiler = {
  name: 'lazy-handlebars-compiler',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^handlebars$/ }, (args) =>
      args.importer.startsWith(join(DIST, 'src')) ? { path: join(ROOT, 'scripts', 'handlebars-lazy-compiler.cjs') } : undefined,
    );
  },
};

const common = { platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' };
await build({
  ...common,
  entryPoints: [join(DIST, 'src', 'cli', 'main.js')],
  outfile: BUNDLE,
  bundle: true,
  plugins: [embedOutputs, lazyHandlebarsCompiler],
  // The sources are ES modules that find the package by import.meta.url.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "var importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({ ...common, entryPoints: [join(DIST, 'src', 'code-cache.js')], outfile: join(DIST, 'src', 'code-cache.cjs') });
await build({ ...common, entryPoints: [createRequire(import.meta.url).resolve('ajv')], outfile: AJV_CHUNK, bundle: true });

const { loadWithCodeCache } = await import('../dist/src/code-cache.js');
const composeValidators = readdirSync(VALIDATORS).filter(isCompose).sort();
for (const file of [BUNDLE, AJV_CHUNK, ...composeValidators.map((f) => join(VALIDATORS, f))]) rmSync(`${file}.cache`, { force: true });

// The bundle, compiling the examples (the built-in templates, as most runs use them). A user
// template's run-time compile is left out: in the cache, it would slow every other run down.
const cli = loadWithCodeCache(BUNDLE);
const work = mkdtempSync(join(tmpdir(), 'podlike-gen-cache-'));
const compiled = [];
try {
  const examples = join(ROOT, 'examples');
  const stacks = (existsSync(examples) ? readdirSync(examples).sort() : []).map((name) => join(examples, name, 'stack.yml')).filter((path) => existsSync(path));
  if (stacks.length === 0) {
    writeFileSync(join(work, 'stack.yml'), 'version: "3.8"\nservices:\n  web:\n    image: web:1\n    labels:\n      podlike.templates: http, with-logging\n');
    stacks.push(join(work, 'stack.yml'));
  }
  for (const stack of stacks) {
    const output = join(work, 'out.yml');
    if (cli.exports.main(['-q', '-o', output, stack]) !== 0) throw new Error(`code cache run: compiling ${stack} failed`);
    compiled.push(parse(readFileSync(output, 'utf8')));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
cli.writeCache();

// Each Compose validator, on the stacks compiled above.
for (const file of composeValidators) {
  const validator = loadWithCodeCache(join(VALIDATORS, file));
  for (const stack of compiled) validator.exports(stack);
  validator.writeCache();
}

// ajv, compiling an args schema as src/templates/load-template.ts does.
{
  const ajv = loadWithCodeCache(AJV_CHUNK);
  const schema = () => ({
    type: 'object',
    additionalProperties: false,
    properties: { port: { type: 'integer', minimum: 1, default: 80 }, tags: { type: 'array', items: { type: 'string' } }, mode: { enum: ['a', 'b'] } },
  });
  const validate = new ajv.exports.Ajv({ allErrors: true, strict: false, useDefaults: true, validateSchema: false }).compile(schema());
  validate({ port: 0, tags: [1], mode: 'c' });
  ajv.writeCache();
}
