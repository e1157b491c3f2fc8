// Build step: compiles the shipped JSON Schemas into standalone ajv validators (dist/validators/),
// so a run loads ready code instead of compiling schemas at start-up.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { buildSync } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'validators');
const read = (file) => JSON.parse(readFileSync(join(ROOT, 'schemas', file), 'utf8'));

/** Go's time.ParseDuration syntax: the docker CLI's `duration` format, as a pattern. */
const GO_DURATION = '^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$';

/**
 * The docker CLI's draft-04 schemas, made plain draft-07 data: `id` labels dropped (references
 * use JSON pointers), the `duration` format as a pattern, `ports`/`expose` formats (which the
 * CLI accepts whatever they hold) dropped.
 */
function fromDocker(schema, parentKey = '') {
  if (Array.isArray(schema)) return schema.map((item) => fromDocker(item));
  if (schema === null || typeof schema !== 'object') return schema;
  const result = {};
  for (const [key, value] of Object.entries(schema)) {
    if (parentKey !== 'properties' && (key === 'id' || key === '$schema')) continue;
    if (parentKey !== 'properties' && key === 'format') {
      if (value === 'duration') result.pattern = GO_DURATION;
      continue;
    }
    result[key] = fromDocker(value, key);
  }
  return result;
}

/**
 * A standalone validator, bundled with the few ajv run-time helpers it requires (deep equality,
 * string length): a self-contained file that loads without resolving anything in node_modules.
 */
function write(name, schema, options = {}) {
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, code: { source: true }, ...options });
  writeStandalone(name, ajv, ajv.compile(schema));
}

function writeStandalone(name, ajv, validate) {
  buildSync({
    stdin: { contents: standaloneCode(ajv, validate), resolveDir: ROOT, sourcefile: `${name}.cjs`, loader: 'js' },
    outfile: join(OUT, `${name}.cjs`),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
}

mkdirSync(OUT, { recursive: true });
write('component', read('component.schema.json'));
write('template', read('template.schema.json'));
const xPodlike = read('x-podlike.schema.json');
write('x-podlike-stack', { ...xPodlike.definitions.stack, definitions: xPodlike.definitions });
write('x-podlike-service', { ...xPodlike.definitions.service, definitions: xPodlike.definitions });
for (const file of readdirSync(join(ROOT, 'schemas', 'compose')).filter((f) => f.endsWith('.json'))) {
  write(file.replace(/^config_schema_/, 'compose-').replace(/\.json$/, ''), fromDocker(read(`compose/${file}`)));
}

// JSON Schema draft-07 itself, as ajv checks a schema before compiling it (ajv's own copy of
// the meta-schema, with the options the run-time instance has): a user template's args schema
// is checked with this instead of ajv compiling the meta-schema at run time.
{
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true } });
  writeStandalone('json-schema-draft-07', ajv, ajv.getSchema('http://json-schema.org/draft-07/schema'));
}

// Args validators of the built-in templates, named by a digest of the schema, as the
// compiler looks them up (src/validate/precompiled.ts): no ajv at run time for them.
const EMPTY_ARGS = { type: 'object', additionalProperties: false, properties: {} };
for (const file of readdirSync(join(ROOT, 'templates')).filter((f) => f.endsWith('.yml'))) {
  const schema = parse(readFileSync(join(ROOT, 'templates', file), 'utf8')).args ?? EMPTY_ARGS;
  const digest = createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 16);
  write(`args-${digest}`, schema, { useDefaults: true });
}
