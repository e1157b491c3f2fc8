/**
 * The inputs of the differential test: Podlike's template test data, its examples that use
 * `x-podlike` (and the one whose `$` Podlike's output breaks), and every YAML example of
 * docs/Templates.md with an `x-podlike`. A docs example is a fragment: it is given a version,
 * the services it configures, and the template files and http templates it names (served
 * from a local server); the example template the docs show is used where they name it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { parse } from 'yaml';

export interface DifferentialInput {
  name: string;
  dir: string;
  file: string;
}

export function testdataInputs(source: string): DifferentialInput[] {
  const dir = join(source, 'pkg', 'template', 'testdata');
  return readdirSync(dir).filter((f) => /^stack-.*\.yml$/.test(f)).sort().map((file) => ({ name: `testdata/${file}`, dir, file }));
}

export function exampleInputs(source: string): DifferentialInput[] {
  const examples = join(source, 'examples');
  const folders = readdirSync(examples).filter((name) => statSync(join(examples, name)).isDirectory());
  return folders.sort().flatMap((example) =>
    readdirSync(join(examples, example))
      .filter((f) => f.endsWith('.yml') && (readFileSync(join(examples, example, f), 'utf8').includes('x-podlike') || (example === 'service-mesh' && f === 'stack-inline.yml')))
      .sort()
      .map((file) => ({ name: `examples/${example}/${file}`, dir: join(examples, example), file })),
  );
}

const KINDS = ['pod', 'transformer', 'templates', 'init', 'copy'] as const;
type Kind = (typeof KINDS)[number];

/** What a template file or URL the docs name but do not show holds: something of its kind, named after it. */
function placeholderTemplate(kind: Kind, path: string): string {
  const name = basename(path, extname(path));
  switch (kind) {
    case 'pod':
      return `pod:\n  labels:\n    template.file: ${name}\n`;
    case 'transformer':
      return `main:\n  labels:\n    template.file: ${name}\n`;
    case 'templates':
      return `${name}:\n  image: sample/${name}\n`;
    case 'init':
      return `${name}:\n  image: sample/init-${name}\n`;
    case 'copy':
      return `${name}: /src/${name}:/dst/${name}\n`;
  }
}

interface Reference {
  kind: Kind;
  file?: string;
  url?: string;
}

function references(kind: Kind, item: unknown): Reference[] {
  if (typeof item === 'string') return [/^https?:\/\//i.test(item) ? { kind, url: item } : { kind, file: item }];
  if (item === null || typeof item !== 'object') return [];
  const config = item as Record<string, unknown>;
  const nested = (value: unknown, field: 'file' | 'url') => {
    if (typeof value === 'string') return [{ kind, [field]: value }];
    const object = (value ?? {}) as Record<string, unknown>;
    const own = typeof object[field === 'file' ? 'path' : 'url'] === 'string' ? [{ kind, [field]: object[field === 'file' ? 'path' : 'url'] as string }] : [];
    return [...own, ...references(kind, object.fallback)];
  };
  if ('file' in config) return nested(config.file, 'file');
  if ('http' in config) return nested(config.http, 'url');
  return [];
}

function configReferences(config: unknown): Reference[] {
  if (config === null || typeof config !== 'object') return [];
  return KINDS.flatMap((kind) => {
    const value = (config as Record<string, unknown>)[kind];
    return (Array.isArray(value) ? value : [value]).flatMap((item) => references(kind, item));
  });
}

/** The YAML examples of docs/Templates.md that have an x-podlike, made whole in `work` (one folder each). */
export function docsInputs(source: string, work: string, served: string, serverUrl: string): DifferentialInput[] {
  const docs = readFileSync(join(source, 'docs', 'Templates.md'), 'utf8');
  const shownTemplate = /An example template using them could look like this:\s*```\n([\s\S]*?)```/.exec(docs)?.[1];
  const blocks = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  const inputs: DifferentialInput[] = [];
  blocks.forEach((block, index) => {
    if (!block.includes('x-podlike')) return;
    const dir = join(work, `docs-${String(index).padStart(2, '0')}`);
    mkdirSync(dir, { recursive: true });
    const parsed = (parse(block, { merge: true }) ?? {}) as Record<string, unknown>;
    const top = (parsed['x-podlike'] ?? {}) as Record<string, unknown>;
    const services = (parsed.services ?? {}) as Record<string, Record<string, unknown> | null>;
    let text = block.includes('version:') ? block : `version: '3.5'\n${block}`;
    const missing = Object.keys(top).filter((name) => name !== 'args' && !(name in services));
    if (missing.length > 0) {
      if (parsed.services) throw new Error(`docs example ${index} configures services it does not define`);
      text += `\nservices:\n${missing.map((name) => `  ${name}:\n    image: sample/${name}\n`).join('')}`;
    }
    const refs = [...Object.entries(top).filter(([name]) => name !== 'args').flatMap(([, config]) => configReferences(config)), ...Object.values(services).flatMap((service) => configReferences(service?.['x-podlike']))];
    for (const ref of refs) {
      if (ref.file) {
        const path = join(dir, ref.file);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, ref.file === 'templates/sidecar/v1.yml' && shownTemplate ? shownTemplate : placeholderTemplate(ref.kind, ref.file));
      } else if (ref.url) {
        const url = new URL(ref.url);
        const path = join(served, url.host, url.pathname);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, placeholderTemplate(ref.kind, url.pathname));
        text = text.split(ref.url).join(`${serverUrl}/${url.host}${url.pathname}`);
      }
    }
    writeFileSync(join(dir, 'stack.yml'), text);
    inputs.push({ name: `docs/Templates.md example ${index + 1}`, dir, file: 'stack.yml' });
  });
  return inputs;
}

export interface LocalServer {
  /** Where it listens, once it does. */
  url: Promise<string>;
  stop: () => void;
}

/** A local http server for the docs' http templates, in its own process: the compile fetches synchronously. */
export function serveFolder(folder: string): LocalServer {
  const script = `const http=require('http'),fs=require('fs'),path=require('path');
    const s=http.createServer((q,r)=>{fs.readFile(path.join(process.argv[1],decodeURIComponent(q.url)),(e,d)=>{r.statusCode=e?404:200;r.end(e?'':d);});});
    s.listen(0,'127.0.0.1',()=>console.log(s.address().port));`;
  const server = spawn(process.execPath, ['-e', script, folder], { stdio: ['ignore', 'pipe', 'inherit'] });
  return {
    url: new Promise((resolve) => server.stdout.once('data', (port) => resolve(`http://127.0.0.1:${String(port).trim()}`))),
    stop: () => server.kill(),
  };
}
