/**
 * Go's own text/template with Podlike's own functions, as a reference for podlike-gen's Go
 * template engine (issue 22): test/readers/go-template/ is built inside Podlike's source tree
 * (podlike-go-build.ts) and renders cases the way `podlike template` does, data decoded by yaml.v2.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';
import { buildInPodlikeTree, defaultCache } from './podlike-go-build.js';

export const GO_TEMPLATE_MISSING = "go (golang-go) or ../shared/podlike not found: skipping the comparison with Go's text/template";

export interface GoTemplateCase {
  name: string;
  template: string;
  /** The data as YAML, decoded by yaml.v2 into interface{}. */
  data: string;
  /** An inline mapping as YAML: the template is its yaml.v2 Marshal, as Podlike makes it. */
  templateYaml?: string;
  /** A service definition as YAML: the data is then Podlike's templateVars for it, with args (YAML) as .Args. */
  service?: string;
  args?: string;
}

/** What Go did with one case: exactly one field is set. */
export interface GoTemplateResult {
  output?: string;
  parseError?: string;
  execError?: string;
  dataError?: string;
  /** The template text Go made from templateYaml. */
  template?: string;
  /** The service as docker's loader read it, keyed by Go field names. */
  serviceJson?: Record<string, unknown>;
}

let binary: string | null | undefined;

export function goTemplateReader(): string | null {
  binary ??= buildInPodlikeTree({
    sources: join(ROOT, 'test', 'readers', 'go-template'),
    command: './cmd/podlike-gen-gotemplate',
    binary: 'podlike-gen-gotemplate',
    cache: process.env.PODLIKE_READER_CACHE ?? defaultCache('podlike-reader'),
  });
  return binary;
}

/** Renders every case with Go; results in the same order. */
export function renderWithGo(cases: GoTemplateCase[]): GoTemplateResult[] {
  const reader = goTemplateReader();
  if (!reader) throw new Error(GO_TEMPLATE_MISSING);
  const result = spawnSync(reader, [], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`the Go template reader failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as GoTemplateResult[];
}
