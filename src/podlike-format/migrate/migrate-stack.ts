/**
 * Migrates a stack in Podlike's own template format to podlike-gen's format: one podlike-gen
 * template per distinct Podlike template (its Go template translated to Handlebars, its args
 * typed from the values the stack gives them), and the stack with each pod's templates and
 * args in its service's x-podlike. The result is compiled and compared with the original,
 * pod by pod, before anything is written: a migration either means the same pods or is refused.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { isMap, isSeq, parseDocument, stringify, type Document } from 'yaml';
import { compile } from '../../compile.js';
import { CompileError, error, formatDiagnostic, warning, type Diagnostic, type SourcePosition } from '../../diagnostics.js';
import { readScope, type ReadScope } from '../../host-files/read-scope.js';
import { loadStack, stackPosition, type LoadedStack } from '../../load/read-stack.js';
import { isObject, keyValueMap, type Json, type JsonObject } from '../../model/compose-lists.js';
import { lineAndCol } from '../go-template/errors.js';
import { mergeRecursively } from '../merge-rules.js';
import { readPodlikeConfig, TEMPLATE_KINDS, type PodlikeServiceConfig, type TemplateKind, type TemplateSource } from '../podlike-config.js';
import { templateText, type TemplateText } from '../template-source.js';
import { argSchema, jsonType } from './arg-schema.js';
import { podDifferences } from './compare-pods.js';
import { rootKey, sectionText, SECTION_OF } from './section-shape.js';
import { translateTemplate, Untranslatable } from './translate-template.js';

export interface Migration {
  /** The migrated stack file's text. */
  stack: string;
  /** Template file name (`<name>.yml`) -> text. */
  templates: Map<string, string>;
  /** What the user should know of a migration that went through. */
  notes: Diagnostic[];
  /** The folder, beside the stack file, the stack names as its templates-path: where the templates go. */
  templatesFolder: string;
}

/** The folder the migrated stack names as its templates-path. */
const MIGRATED_TEMPLATES = 'templates';

interface Use {
  service: string;
  args: JsonObject;
}

interface DistinctTemplate {
  name: string;
  kind: TemplateKind;
  text: TemplateText;
  uses: Use[];
}

function refuse(message: string, at: SourcePosition | undefined): never {
  throw new CompileError([error(`cannot migrate: ${message}`, at)]);
}

/** template.go's args: the service's, then the stack-wide ones where the service has none. */
function serviceArgs(config: PodlikeServiceConfig, stackArgs: JsonObject): JsonObject {
  const args: JsonObject = {};
  mergeRecursively(args, config.args ?? {});
  mergeRecursively(args, stackArgs);
  return args;
}

/** A template name from where the template came from: the file's base name, else service and kind. */
function baseName(source: TemplateSource, service: string, kind: TemplateKind): string {
  const file = source.kind === 'file' ? basename(source.path, extname(source.path)) : `${service}-${kind}`;
  return file.replace(/[^A-Za-z0-9_-]/g, '-').replace(/^-+|-+$/g, '') || `${service}-${kind}`;
}

/** Every template the services apply, once per kind and text, in the order first applied; podlike-gen's defaults stand in for Podlike's. */
function distinctTemplates(stack: LoadedStack, configs: readonly PodlikeServiceConfig[], stackArgs: JsonObject, scope: ReadScope): { templates: DistinctTemplate[]; perService: Map<string, DistinctTemplate[]> } {
  const byText = new Map<string, DistinctTemplate>();
  const names = new Set<string>();
  const perService = new Map<string, DistinctTemplate[]>();
  for (const config of configs) {
    const applied: DistinctTemplate[] = [];
    for (const kind of TEMPLATE_KINDS) {
      for (const source of config.lists[kind]) {
        if (source.kind === 'inline' && source.builtIn) continue;
        const text = templateText(stack, source, scope);
        const key = `${kind}\n${text.text}`;
        let template = byText.get(key);
        if (!template) {
          let name = baseName(source, config.service, kind);
          for (let n = 2; names.has(name); n++) name = `${baseName(source, config.service, kind)}-${n}`;
          names.add(name);
          template = { name, kind, text, uses: [] };
          byText.set(key, template);
        }
        template.uses.push({ service: config.service, args: serviceArgs(config, stackArgs) });
        applied.push(template);
      }
    }
    perService.set(config.service, applied);
  }
  return { templates: [...byText.values()], perService };
}

/** The values at an arg's path (`*`: every element of a list) that the services applying the template give. */
function valuesAt(values: readonly (Json | undefined)[], path: readonly string[]): (Json | undefined)[] {
  if (path.length === 0) return [...values];
  const [field, ...rest] = path;
  const next = values.flatMap((value) => (field === '*' ? (Array.isArray(value) ? value : [undefined]) : [isObject(value) && Object.hasOwn(value, field) ? value[field] : undefined]));
  return valuesAt(next, rest);
}

/**
 * The JSON type of the values at an arg's path: `scalar` for text, whole numbers and booleans
 * together, `mixed` for other mixes; undefined if absent anywhere (or, `presentOnly`, everywhere).
 */
function typeAt(template: DistinctTemplate, path: readonly string[], presentOnly = false): string | undefined {
  const all = valuesAt(template.uses.map((use) => use.args), path);
  const values = presentOnly ? all.filter((value) => value !== undefined) : all;
  if (values.length === 0 || values.includes(undefined)) return undefined;
  const types = new Set(values.map((value) => jsonType(value!)));
  if (types.size === 1) return [...types][0];
  return [...types].every((type) => ['string', 'integer', 'boolean'].includes(type)) ? 'scalar' : 'mixed';
}

interface TranslatedTemplate {
  template: DistinctTemplate;
  /** The root key of a pod, transformer or init template (a transformer's names the main component). */
  root?: string;
  section: string;
  args: Set<string>;
  types: Map<string, string>;
  readsLabels: boolean;
}

function translate(template: DistinctTemplate): TranslatedTemplate {
  const { kind, text } = template;
  const needsRoot = kind === 'pod' || kind === 'transformer' || kind === 'init';
  const root = needsRoot ? rootKey(kind, text.text) : undefined;
  if (typeof root === 'string') refuse(`${text.describe}: ${root}`, text.origin(1, 1));
  const skip = root?.lineLength ?? 0;
  try {
    const translation = translateTemplate(text.name, text.text.slice(skip), {
      argType: (path, presentOnly) => typeAt(template, path, presentOnly),
      dedent: kind === 'pod' || kind === 'transformer' ? root!.indent : 0,
    });
    const types = new Map([...translation.args].map((name) => [name, typeAt(template, [name])!]));
    return { template, root: root?.key, section: sectionText(kind, translation.text, root), args: translation.args, types, readsLabels: translation.readsLabels };
  } catch (e) {
    if (!(e instanceof Untranslatable)) throw e;
    const { line, col } = lineAndCol(text.text, e.pos + skip);
    refuse(`${text.describe}: ${e.message}`, text.origin(line, col));
  }
}

/** The components a `templates` template names at its root (a key at the start of a line of its text). */
function rootComponents(template: DistinctTemplate): string[] {
  return template.kind === 'templates' ? [...template.text.text.matchAll(/^([A-Za-z0-9_.-]+):/gm)].map((m) => m[1]) : [];
}

/**
 * Components another template adds too: Podlike merges them, podlike-gen does when the later
 * template declares `extends` (which of the two wins a key is left to the pod comparison).
 */
function sharedComponents(template: DistinctTemplate, all: readonly DistinctTemplate[]): string[] {
  const others = new Set(all.filter((t) => t !== template).flatMap(rootComponents));
  return rootComponents(template).filter((name) => others.has(name));
}

/** The podlike-gen template file of a translated template. */
function templateFile(translated: TranslatedTemplate, all: readonly DistinctTemplate[]): string {
  const { template, section } = translated;
  const used = translated.types;
  const description = `Migrated from Podlike's ${template.kind} ${template.text.describe}`;
  const body: JsonObject = { name: template.name, description, args: argSchema(used), listens: [], extends: sharedComponents(template, all), targets: {}, [SECTION_OF[template.kind]]: section };
  return stringify(body, { lineWidth: 0, blockQuote: 'literal' });
}

/**
 * A service's labels as a mapping in key order: Go's template sees them as docker's loader
 * makes them (a mapping, whichever form they were written in: `.Labels.team` reads one) and
 * ranges over them in key order; Handlebars reads a list by index and goes through a mapping
 * in its written order.
 */
function labelsInKeyOrder(document: Document, service: string): void {
  const labels = document.getIn(['services', service, 'labels']);
  const plain = (isMap(labels) || isSeq(labels) ? labels.toJSON() : undefined) as Json | undefined;
  if (plain === undefined) return;
  const entries = Object.entries(keyValueMap(plain)).map(([key, value]): [string, string] => [key, value === null ? '' : String(value)]);
  const sorted = entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  document.setIn(['services', service, 'labels'], document.createNode(Object.fromEntries(sorted)));
}

/** The stack with Podlike's x-podlike replaced: each pod's templates and args in its service's x-podlike. */
function migratedStack(stack: LoadedStack, perService: Map<string, DistinctTemplate[]>, translated: Map<DistinctTemplate, TranslatedTemplate>, templatesPath: string | undefined): string {
  const document = parseDocument(stack.files[0].text);
  const stackConfig: JsonObject = templatesPath === undefined ? {} : { 'templates-path': templatesPath };
  document.set('x-podlike', document.createNode({ ...stackConfig, merge: 'podlike' }));
  for (const [service, templates] of perService) {
    const args: JsonObject = {};
    for (const template of templates) {
      const use = template.uses.find((u) => u.service === service)!;
      const given = Object.fromEntries([...translated.get(template)!.args].filter((name) => Object.hasOwn(use.args, name)).map((name) => [name, use.args[name]]));
      if (Object.keys(given).length > 0) args[template.name] = given as Json;
    }
    const config: JsonObject = { templates: templates.map((t) => t.name) };
    if (templates.some((t) => translated.get(t)!.readsLabels)) labelsInKeyOrder(document, service);
    const transformer = templates.find((t) => t.kind === 'transformer');
    const main = transformer && translated.get(transformer)!.root;
    if (main !== undefined && main !== 'app') config['main-component'] = main;
    if (Object.keys(args).length > 0) config.args = args;
    document.setIn(['services', service, 'x-podlike'], document.createNode(config));
  }
  return document.toString({ lineWidth: 0 });
}

/** The two stacks' pods compared by compiling both; a difference refuses the migration. */
function checkSamePods(stackFile: string, options: MigrateOptions, before: JsonObject, migration: Migration, withoutPath: string, services: string[], at: SourcePosition | undefined): void {
  const folder = mkdtempSync(join(tmpdir(), 'podlike-gen-migrate-'));
  try {
    for (const [file, text] of migration.templates) writeFileSync(join(folder, file), text);
    const after = compile({ path: stackFile, text: withoutPath }, { ...options, templates: [folder] });
    const problem = after.diagnostics.find((d) => d.severity === 'error');
    if (problem) refuse(`the migrated stack does not compile: ${formatDiagnostic(problem)}`, at);
    const differences = podDifferences(before, after.stack!, services);
    if (differences.length > 0) refuse(`the migrated stack would make different pods: ${differences.slice(0, 3).join('; ')}${differences.length > 3 ? `; and ${differences.length - 3} more` : ''}`, at);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export interface MigrateOptions {
  /** Folder the stack file's path is relative to; defaults to process.cwd(). */
  cwd?: string;
  /** What the stack may read outside its folder, and the http templates it may fetch (--allow-outside). */
  allowOutside?: readonly string[];
}

/** Migrates the stack file, or throws CompileError with each refusal at its place. */
export function migrateStack(stackFile: string, options: MigrateOptions = {}): Migration {
  const cwd = options.cwd ?? process.cwd();
  const stack = loadStack([{ path: stackFile }], cwd);
  const scope = readScope([stackFile], options.allowOutside ?? [], cwd);
  const config = readPodlikeConfig(stack);
  if (config.services.length === 0) {
    const unchanged = warning('nothing to migrate: the stack has no Podlike-format x-podlike (podlike-gen compiles it as it is); written unchanged', stackPosition(stack, []));
    return { stack: stack.files[0].text, templates: new Map(), notes: [unchanged], templatesFolder: MIGRATED_TEMPLATES };
  }
  const original = compile(stackFile, { cwd, allowOutside: options.allowOutside });
  const compileErrors = original.diagnostics.filter((d) => d.severity === 'error');
  if (compileErrors.length > 0) throw new CompileError(compileErrors.map((d) => ({ ...d, message: `cannot migrate a stack that does not compile: ${d.message}` })));
  const { templates, perService } = distinctTemplates(stack, config.services, config.args, scope);
  const translated = new Map<DistinctTemplate, TranslatedTemplate>();
  const errors: Diagnostic[] = [];
  for (const template of templates) {
    try {
      translated.set(template, translate(template));
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      errors.push(...e.diagnostics);
    }
  }
  if (errors.length > 0) throw new CompileError(errors);
  const migration: Migration = {
    stack: migratedStack(stack, perService, translated, MIGRATED_TEMPLATES),
    templates: new Map([...translated.values()].map((t) => [`${t.template.name}.yml`, templateFile(t, templates)])),
    notes: [],
    templatesFolder: MIGRATED_TEMPLATES,
  };
  const services = config.services.map((c) => c.service);
  checkSamePods(stackFile, { cwd, allowOutside: options.allowOutside }, original.stack!, migration, migratedStack(stack, perService, translated, undefined), services, stackPosition(stack, ['x-podlike']) ?? stackPosition(stack, ['services', services[0], 'x-podlike']));
  return migration;
}
