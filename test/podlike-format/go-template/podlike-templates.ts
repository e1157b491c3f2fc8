/**
 * Every template text Podlike's own sources hold, for the comparison with Go: inline templates
 * (strings, or mappings Podlike marshals to YAML) and template files referenced by the stacks in
 * pkg/template/testdata, examples/ and docs/Templates.md, plus every such file and YAML code
 * block whole. Each comes with data shaped like Podlike's (.Service, .Args of its stack, .Task).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isMap, isScalar, isSeq, parseAllDocuments, stringify, type Node } from 'yaml';

export interface PodlikeTemplate {
  /** Where it comes from, for failure messages. */
  source: string;
  template?: string;
  /** An inline mapping, as YAML: Podlike's template is its yaml.v2 Marshal. */
  templateYaml?: string;
  data: string;
  /** When set, the data is Podlike's own for this service (YAML) and these args (YAML). */
  service?: string;
  args?: string;
}

const TEMPLATE_KEYS = new Set(['pod', 'transformer', 'templates', 'init', 'copy', 'path', 'file']);

const SERVICE = {
  Name: 'app',
  Image: 'sample/app:1.2',
  ReadOnly: true,
  Labels: { 'sidecar.metrics': 'enabled', 'sidecar.port': '9090', Target: 'web', 'com.example': 'x' },
  Ports: [{ Target: 8080, Published: 80, Protocol: 'tcp' }],
};

/** The same service as a compose definition, for Podlike's own template data. */
export const SERVICE_DEFINITION = `image: sample/app:1.2
read_only: true
labels:
  sidecar.metrics: enabled
  sidecar.port: "9090"
  Target: web
  com.example: x
ports:
  - "80:8080"
environment:
  - DEBUG=1
stop_grace_period: 1m30s
`;

function walk(node: unknown, visit: (key: string, value: Node) => void): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (pair.value) visit(key, pair.value as Node);
      walk(pair.value, visit);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) walk(item, visit);
  }
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(source)) {
    const existing = target[k];
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof existing === 'object' && existing !== null && !Array.isArray(existing)) {
      deepMerge(existing as Record<string, unknown>, v as Record<string, unknown>);
    } else {
      target[k] = v;
    }
  }
}

function dataFor(args: Record<string, unknown>): string {
  return stringify({ Service: SERVICE, Args: args, Task: { ID: 'task-1' } });
}

/** Templates of one stack text (a file or a docs block); files resolved against dir. */
function fromStack(text: string, dir: string, source: string): PodlikeTemplate[] {
  const found: PodlikeTemplate[] = [];
  const args: Record<string, unknown> = {};
  let docs;
  try {
    docs = parseAllDocuments(text, { merge: true });
  } catch {
    return [];
  }
  for (const doc of Array.isArray(docs) ? docs : []) {
    if (doc.errors.length > 0) continue;
    const pending: Omit<PodlikeTemplate, 'data'>[] = [];
    walk(doc.contents, (key, value) => visitTemplateKey(key, value));
    function visitTemplateKey(key: string, value: Node): void {
      try {
        collect(key, value);
      } catch {
        // A docs block with placeholders or anchors it does not define: its whole text is still a case.
      }
    }
    function collect(key: string, value: Node): void {
      if (key === 'args' && isMap(value)) deepMerge(args, value.toJSON() as Record<string, unknown>);
      if (key === 'inline') {
        if (isScalar(value) && typeof value.value === 'string') pending.push({ source: `${source} inline`, template: value.value });
        else if (isMap(value)) pending.push({ source: `${source} inline mapping`, templateYaml: stringify(value.toJSON()) });
      }
      if (TEMPLATE_KEYS.has(key)) {
        const paths = isSeq(value) ? value.items : [value];
        for (const p of paths) {
          if (!isScalar(p) || typeof p.value !== 'string') continue;
          const file = join(dir, p.value);
          if (existsSync(file) && statSync(file).isFile()) pending.push({ source: `${source} -> ${p.value}`, template: readFileSync(file, 'utf8') });
        }
      }
    }
    found.push(...pending.map((t) => ({ ...t, data: '' })));
  }
  const data = dataFor(args);
  const argsYaml = stringify(args);
  return found.flatMap((t) => [
    { ...t, data },
    { ...t, source: `${t.source} [Podlike's data]`, data: '', service: SERVICE_DEFINITION, args: argsYaml },
  ]);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** All of Podlike's templates, each with its stack's data and with no data at all. */
export function podlikeTemplates(root: string): PodlikeTemplate[] {
  const all: PodlikeTemplate[] = [];
  const stacks = [
    ...filesUnder(join(root, 'pkg', 'template', 'testdata')).filter((f) => f.endsWith('.yml')),
    ...filesUnder(join(root, 'examples')).filter((f) => /\.(yml|yaml)$/.test(f)),
  ];
  for (const file of stacks) {
    const text = readFileSync(file, 'utf8');
    const source = relative(root, file);
    all.push(...fromStack(text, dirname(file), source));
    if (text.includes('{{')) {
      all.push({ source: `${source} (whole file)`, template: text, data: dataFor({}) });
      all.push({ source: `${source} (whole file) [Podlike's data]`, template: text, data: '', service: SERVICE_DEFINITION, args: '' });
    }
  }
  const docs = join(root, 'docs', 'Templates.md');
  yamlBlocks(readFileSync(docs, 'utf8')).forEach((block, i) => {
    all.push(...fromStack(block, join(root, 'docs'), `docs/Templates.md block ${i + 1}`));
    all.push({ source: `docs/Templates.md block ${i + 1} (whole)`, template: block, data: dataFor({}) });
  });
  return all.flatMap((t) => [t, { ...t, source: `${t.source} [no data]`, data: '' }]);
}
