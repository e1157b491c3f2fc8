/**
 * Property tests make hundreds of outputs; a `docker stack config` and a Podlike reader run for
 * each would take minutes. A DeployedBatch gathers them and reads them CHUNK at a time: each
 * case's output is a `-c` file whose services are renamed (in the text, nothing else rewritten),
 * with a reference service added that holds the author's values as its environment, so that
 * docker's own interpolation says what each value means once deployed. Podlike must end with
 * exactly that.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import { dockerStackConfigFiles } from '../helpers/docker.js';
import { readPrinted, type PodlikePod, type PodlikeReading } from './podlike-reader.js';

/** What the author meant one component to end with: raw strings, before docker's interpolation. */
export interface ComponentMeant {
  environment?: Record<string, string>;
  command?: string[];
}

/** Each pod's components, by service name and component name. */
export type PodsMeant = Record<string, Record<string, ComponentMeant>>;

interface BatchCase {
  name: string;
  yaml: string;
  pods: PodsMeant;
  /** The input stack, where it holds more than the values compared (docker refusing it refuses the output too). */
  input?: string;
}

/** Cases per docker run: docker's merge of -c files takes time that grows with their square (400 files: 8 s; 50: 0.5 s; 1: 0.03 s). */
const CHUNK = 40;

export class DeployedBatch {
  private readonly cases: BatchCase[] = [];
  private dir = '';

  /** A successful compile's output and, for each of its pods, every component and what it holds. */
  add(name: string, yaml: string, pods: PodsMeant, input?: string): void {
    this.cases.push({ name, yaml, pods, input });
  }

  get size(): number {
    return this.cases.length;
  }

  /** Reads every case deployed with `environment`; the problems, each naming its case. */
  problems(environment: Record<string, string> = {}): string[] {
    this.dir = mkdtempSync(join(tmpdir(), 'podlike-gen-batch-'));
    try {
      const files = this.cases.map((c, i) => writeCase(this.dir, c, i));
      const indices = this.cases.map((_, i) => i);
      const chunks = Array.from({ length: Math.ceil(indices.length / CHUNK) }, (_, k) => indices.slice(k * CHUNK, (k + 1) * CHUNK));
      return chunks.flatMap((chunk) => this.read(chunk, files, environment));
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  /** One docker run for the cases; where docker refuses one, halves until it is alone. */
  private read(indices: number[], files: string[], environment: Record<string, string>): string[] {
    const docker = dockerStackConfigFiles(indices.map((i) => files[i]), environment);
    const reading = docker.output === undefined ? undefined : readPrintedOrUndefined(docker.output);
    if (reading) return indices.flatMap((i) => caseProblems(this.cases[i], i, reading));
    if (indices.length > 1) {
      const half = Math.ceil(indices.length / 2);
      return [...this.read(indices.slice(0, half), files, environment), ...this.read(indices.slice(half), files, environment)];
    }
    const [i] = indices;
    if (docker.output !== undefined) return this.readUnprinted(i);
    // docker refusing the author's own values or input (an unclosed ${) refuses the output too: the same meaning.
    if (this.refuses(`reference-${i}.yml`, referenceStack(this.cases[i], i), environment)) return [];
    if (this.cases[i].input !== undefined && this.refuses(`input-${i}.yml`, this.cases[i].input!, environment)) return [];
    return [`${this.cases[i].name}: docker stack config refuses the output, not the author's values: ${docker.problem}`];
  }

  private refuses(name: string, text: string, environment: Record<string, string>): boolean {
    const file = join(this.dir, name);
    writeFileSync(file, text);
    return dockerStackConfigFiles([file], environment).problem !== undefined;
  }

  /**
   * docker 28 prints a block literal whose first line starts with a tab in a form no Go YAML
   * package reads back (yaml.v2 and v3: "found a tab character where an indentation space is
   * expected"), though it deploys it well. Such a case is read from the output itself, as a
   * docker CLI on yaml.v2 reads it, when it has nothing to interpolate.
   */
  private readUnprinted(i: number): string[] {
    const c = this.cases[i];
    if (referenceValues(c).some((v) => v.includes('$'))) return [`${c.name}: docker's printed stack cannot be read back, and the values hold a $ to interpolate`];
    return caseProblems(c, i, readPrinted(renameServices(c.yaml, i)), referenceValues(c));
  }
}

function readPrintedOrUndefined(printed: string): PodlikeReading | undefined {
  try {
    return readPrinted(printed);
  } catch {
    return undefined;
  }
}

/** Case i's services are renamed case-i-0, case-i-1, ... in the order the output writes them. */
function caseService(yaml: string, i: number, service: string): string {
  return `case-${i}-${serviceNames(yaml).indexOf(service)}`;
}

function referenceService(i: number): string {
  return `reference-${i}`;
}

/** The case's output, its services renamed and the reference service put before them, as one file. */
function writeCase(dir: string, c: BatchCase, i: number): string {
  const file = join(dir, `case-${i}.yml`);
  const renamed = renameServices(c.yaml, i);
  const at = servicesStart(renamed);
  writeFileSync(file, `${renamed.slice(0, at)}${referenceText(c, i)}${renamed.slice(at)}`);
  return file;
}

/** The reference service alone, to ask whether docker refuses the author's values themselves. */
function referenceStack(c: BatchCase, i: number): string {
  return `version: ${goQuoted(versionOf(c.yaml))}\nservices:\n${referenceText(c, i)}`;
}

/**
 * The reference service's text, at the indentation of the compiler's services. Each value is
 * held between < and >: docker prints a value with leading or trailing line breaks in forms
 * that Go's YAML reads back without them.
 */
function referenceText(c: BatchCase, i: number): string {
  const environment = referenceValues(c).map((value, j) => `      V${j}: ${goQuoted(`<${value}>`)}\n`).join('');
  return `  ${referenceService(i)}:\n    image: reference\n    environment:\n${environment || '      {}\n'}`;
}

/** Every raw string a case compares, in a fixed order (pods, components, environment keys, then command). */
function referenceValues(c: BatchCase): string[] {
  return sorted(c.pods).flatMap(([, components]) =>
    sorted(components).flatMap(([, meant]) => [...sorted(meant.environment ?? {}).map(([, v]) => v), ...(meant.command ?? [])]),
  );
}

function sorted<T>(record: Record<string, T>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function caseProblems(c: BatchCase, i: number, reading: PodlikeReading, raw?: string[]): string[] {
  const reference = (reading.printed[referenceService(i)]?.environment ?? {}) as Record<string, string>;
  const deployed = raw ?? referenceValues(c).map((_, j) => (reference[`V${j}`] ?? '').slice(1, -1));
  let next = 0;
  return sorted(c.pods).flatMap(([service, components]) => {
    const pod = reading.pods[caseService(c.yaml, i, service)];
    const values = sorted(components).map(([name, meant]): [string, Record<string, string>, string[] | undefined] => [
      name,
      Object.fromEntries(sorted(meant.environment ?? {}).map(([k]) => [k, deployed[next++]])),
      meant.command?.map(() => deployed[next++]),
    ]);
    if (!pod) return [`${c.name}: ${service}: Podlike reads no pod`];
    return [...pod.problems, ...podDifferences(componentsWritten(c.yaml, service), values, pod)].map((p) => `${c.name}: ${service}: ${p}`);
  });
}

/** The components podlike-gen wrote for a service: its pod.component.* labels. */
function componentsWritten(yaml: string, service: string): string[] {
  const labels = parseDocument(yaml).getIn(['services', service, 'labels']);
  const keys = isMap(labels) ? labels.items.map((item) => String(isScalar(item.key) ? item.key.value : item.key)) : [];
  return keys.filter((k) => k.startsWith('pod.component.')).map((k) => k.slice('pod.component.'.length)).sort();
}

/** Podlike's components against podlike-gen's, and the author's values, each as docker interpolated it in the reference. */
function podDifferences(written: string[], values: [string, Record<string, string>, string[] | undefined][], pod: PodlikePod): string[] {
  const read = Object.keys(pod.components).sort();
  if (JSON.stringify(written) !== JSON.stringify(read)) return [`components: podlike-gen wrote ${JSON.stringify(written)}, Podlike reads ${JSON.stringify(read)}`];
  return values.flatMap(([name, environment, command]) => {
    const component = pod.components[name];
    if (!(name in pod.components)) return [`component ${name}: the author's component is missing`];
    if (!component) return [`component ${name}: Podlike refuses it`];
    const problems = Object.entries(environment)
      .filter(([key, value]) => component.environment[key] !== value)
      .map(([key, value]) => `component ${name}: ${key} is ${JSON.stringify(component.environment[key])}, the author's value deploys as ${JSON.stringify(value)}`);
    if (command && JSON.stringify(component.command) !== JSON.stringify(command)) problems.push(`component ${name}: command is ${JSON.stringify(component.command)}, the author's deploys as ${JSON.stringify(command)}`);
    return problems;
  });
}

function serviceNames(yaml: string): string[] {
  const services = parseDocument(yaml).get('services');
  return isMap(services) ? services.items.map((item) => String(isScalar(item.key) ? item.key.value : item.key)) : [];
}

/** The output with every service key renamed case-i-<n>, each at its own place in the text. */
function renameServices(yaml: string, i: number): string {
  const services = parseDocument(yaml).get('services');
  if (!isMap(services)) throw new Error('no services in the output');
  let text = yaml;
  for (const [n, item] of [...services.items.entries()].reverse()) {
    if (!isScalar(item.key) || !item.key.range) throw new Error('a service key that is not a scalar');
    text = `${text.slice(0, item.key.range[0])}case-${i}-${n}${text.slice(item.key.range[1])}`;
  }
  return text;
}

/** Where the first service's line starts (its key is indented by two). */
function servicesStart(yaml: string): number {
  const services = parseDocument(yaml).get('services');
  const first = isMap(services) ? services.items[0]?.key : undefined;
  if (!isScalar(first) || !first.range || yaml.slice(first.range[0] - 3, first.range[0]) !== '\n  ') throw new Error("the output's services are not a block mapping indented by two");
  return first.range[0] - 2;
}

function versionOf(yaml: string): string {
  return String(parseDocument(yaml).get('version') ?? '3.8');
}

/** A YAML double-quoted scalar Go's YAML reads as exactly `text`: every character outside printable ASCII escaped. */
function goQuoted(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code <= 0xff) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
