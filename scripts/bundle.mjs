// Build step (npm run bundle, after tsc and the prebuilt validators and templates):
// - dist/src/cli.bundle.cjs: the CLI as one CommonJS file, with the small build outputs inside;
// - dist/src/code-cache.cjs: the loader bin/podlike-gen.js runs it with (src/code-cache.ts);
// - dist/chunks/ajv.cjs: ajv as one file, loaded only to compile a user template's args schema;
// - dist/chunks/podlike-format.cjs: Podlike-format support (its Go template engine, migrate),
//   loaded only for a stack in Podlike's own format (src/podlike-format/podlike-format-chunk.ts);
// - V8 code caches (<file>.cache) of these and of each Compose validator, each made after
//   running the file on representative input in this process, so that it holds the functions
//   a run needs, not only the top level.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { parse } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const BUNDLE = join(DIST, 'src', 'cli.bundle.cjs');
const AJV_CHUNK = join(DIST, 'chunks', 'ajv.cjs');
const PODLIKE_FORMAT_CHUNK = join(DIST, 'chunks', 'podlike-format.cjs');
const PODLIKE_FORMAT = join(DIST, 'src', 'podlike-format');
/** What the chunk exports, from the modules the bundle leaves to it. */
const PODLIKE_FORMAT_EXPORTS = { expandPodlikeFormat: 'expand-podlike-format.js', migrateStack: 'migrate/migrate-stack.js' };
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

/**
 * The Podlike-format chunk's imports outside src/podlike-format/ are the bundle's modules: left
 * to `require` by an id (`./<path under dist/src>`, or the package's name), which the bundle
 * answers with its own (CHUNK_IMPORTS). Fills `chunkImports` with the ids.
 */
const chunkImports = new Set();
const importBundleModules = {
  name: 'import-bundle-modules',
  setup(esbuild) {
    esbuild.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point' || args.path.startsWith('node:')) return undefined;
      if (!args.path.startsWith('.')) {
        chunkImports.add(args.path);
        return { path: args.path, external: true };
      }
      const path = resolve(args.resolveDir, args.path);
      if (path.startsWith(PODLIKE_FORMAT + sep)) return undefined;
      const id = `./${relative(join(DIST, 'src'), path).split(sep).join('/')}`;
      chunkImports.add(id);
      return { path: id, external: true };
    });
  },
};

/** Podlike-format support in the bundle: podlike-format-chunk.js in place of the modules the chunk has, and its table of the bundle's modules the chunk imports. */
const lazyPodlikeFormat = {
  name: 'lazy-podlike-format',
  setup(esbuild) {
    const inChunk = new Set(Object.values(PODLIKE_FORMAT_EXPORTS).map((file) => join(PODLIKE_FORMAT, file)));
    esbuild.onResolve({ filter: /podlike-format/ }, (args) =>
      inChunk.has(resolve(args.resolveDir, args.path)) ? { path: join(PODLIKE_FORMAT, 'podlike-format-chunk.js') } : undefined,
    );
    esbuild.onLoad({ filter: /[\\/]dist[\\/]src[\\/]podlike-format[\\/]chunk-imports\.js$/ }, () => {
      const ids = [...chunkImports].sort();
      const imports = ids.map((id, i) => `import * as m${i} from ${JSON.stringify(id.startsWith('./') ? join(DIST, 'src', id) : id)};`).join('\n');
      const table = ids.map((id, i) => `  ${JSON.stringify(id)}: () => m${i},`).join('\n');
      return { resolveDir: PODLIKE_FORMAT, loader: 'js', contents: `${imports}\nexport const CHUNK_IMPORTS = {\n${table}\n};\n` };
    });
  },
};

const common = { platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' };
// The chunk first: the bundle's table of the modules it imports is made from its build.
await build({
  ...common,
  stdin: {
    contents: Object.entries(PODLIKE_FORMAT_EXPORTS).map(([name, file]) => `export { ${name} } from './${file}';`).join('\n'),
    resolveDir: PODLIKE_FORMAT,
    sourcefile: 'podlike-format-chunk-entry.js',
  },
  outfile: PODLIKE_FORMAT_CHUNK,
  bundle: true,
  plugins: [importBundleModules],
});
await build({
  ...common,
  entryPoints: [join(DIST, 'src', 'cli', 'main.js')],
  outfile: BUNDLE,
  bundle: true,
  plugins: [embedOutputs, lazyHandlebarsCompiler, lazyPodlikeFormat],
  // The sources are ES modules that find the package by import.meta.url.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "var importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({ ...common, entryPoints: [join(DIST, 'src', 'code-cache.js')], outfile: join(DIST, 'src', 'code-cache.cjs') });
await build({ ...common, entryPoints: [createRequire(import.meta.url).resolve('ajv')], outfile: AJV_CHUNK, bundle: true });

const { loadWithCodeCache } = await import('../dist/src/code-cache.js');
const composeValidators = readdirSync(VALIDATORS).filter(isCompose).sort();
for (const file of [BUNDLE, AJV_CHUNK, PODLIKE_FORMAT_CHUNK, ...composeValidators.map((f) => join(VALIDATORS, f))]) rmSync(`${file}.cache`, { force: true });

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

// The Podlike-format chunk, expanding a stack as a Podlike-format run does: file and inline
// templates of each kind, with args, ranges and Podlike's functions. The bundle's modules it
// imports are the library's here (the same code, from dist/src/).
{
  const modules = new Map();
  for (const id of chunkImports) modules.set(id, await import(id.startsWith('./') ? pathToFileURL(join(DIST, 'src', id)).href : id));
  const requireForChunk = createRequire(PODLIKE_FORMAT_CHUNK);
  const podlikeFormat = loadWithCodeCache(PODLIKE_FORMAT_CHUNK, (id) => modules.get(id) ?? requireForChunk(id));
  const { loadStack } = await import('../dist/src/load/read-stack.js');
  const stackDir = mkdtempSync(join(tmpdir(), 'podlike-gen-cache-'));
  try {
    const files = {
      'stack.yml': `version: "3.8"
services:
  api:
    image: acme/api:1.4
    labels:
      team: web
    environment:
      - MODE=production
    x-podlike:
      pod: templates/pod.yml
      transformer: templates/app.yml
      templates:
        - templates/sidecars.yml
        - inline: |
            logs:
              image: fluent/fluent-bit:2.2
              command: {{ printf "--port=%d" .Args.logPort }}
      copy:
        - inline: |
            proxy: /etc/proxy/{{ .Service.Name }}.conf:/etc/nginx/nginx.conf
      args:
        logPort: 24224
        sidecars:
          - name: metrics
            port: 9090
          - name: tracing
            port: 6831
  db:
    image: postgres:16
x-podlike:
  args:
    region: eu
`,
      'templates/pod.yml': 'pod:\n  command: -logs\n  labels:\n{{- range $key, $value := .Service.Labels }}\n    {{ $key }}: {{ $value }}\n{{- end }}\n',
      'templates/app.yml': 'app:\n  image: {{ .Service.Image }}\n  environment:\n    REGION: {{ .Args.region }}\n{{- if notEmpty .Service.Environment }}\n{{ yaml .Service.Environment | indent 4 }}\n{{- end }}\n',
      'templates/sidecars.yml': '{{- range $i, $s := .Args.sidecars }}\n{{ $s.name }}:\n  image: "sample/{{ $s.name }}:{{ if eq $s.name "metrics" }}2{{ else }}1{{ end }}"\n  command: [--port, "{{ $s.port }}"]\n{{- end }}\n',
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(stackDir, name)), { recursive: true });
      writeFileSync(join(stackDir, name), text);
    }
    const expanded = podlikeFormat.exports.expandPodlikeFormat(loadStack([{ path: 'stack.yml' }], stackDir));
    if (expanded.podServices.length !== 1) throw new Error('code cache run: the Podlike-format stack made no pod');
  } finally {
    rmSync(stackDir, { recursive: true, force: true });
  }
  podlikeFormat.writeCache();
}
