import { resolve } from 'node:path';
import { CompileError, error, formatDiagnostic, hasErrors, warning, type Diagnostic, type SourcePosition } from './diagnostics.js';
import { readScope, scopedPath, type ReadScope } from './host-files/read-scope.js';
import { MAX_FILE_BYTES } from './load/read-limited.js';
import { emitYaml } from './emit/emit-yaml.js';
import { expandStack } from './expand/expand-stack.js';
import { rebaseOutputPaths } from './expand/rebase-paths.js';
import { readStackConfig } from './expand/pod-config.js';
import { loadStack, stackPosition, writtenInStack, type LoadedStack, type StackInput } from './load/read-stack.js';
import { isPodlikeFormatStack } from './podlike-format/detect-format.js';
// In the CLI bundle, a chunk loaded on a Podlike-format stack's first use (podlike-format/podlike-format-chunk.ts).
import { expandPodlikeFormat } from './podlike-format/expand-podlike-format.js';
import type { Pod } from './model/pod.js';
import type { ExpandedStack, ExpandOptions } from './expand/expand-stack.js';
import { isObject, type JsonObject } from './model/compose-lists.js';
import { checkOutsideArgs } from './outside-args/check-outside-args.js';
import type { OutsideArg } from './outside-args/outside-arg.js';
import { readOutsideArgs } from './outside-args/read-outside-args.js';
import { absentFolders, BUILTIN_TEMPLATES, templateSearchPath, type GivenFolder, type SearchPathSources } from './templates/search-path.js';
import { TemplateLibrary } from './templates/template-library.js';
import { validatePod } from './validate/validate-components.js';
import { validateStack } from './validate/validate-stack.js';

export interface CompileOptions {
  /** Extra template folders (`-t`), searched first, in order. */
  templates?: readonly string[];
  /** Where PODLIKE_TEMPLATES is read from; defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Folder relative paths (files, `-t`) resolve against; defaults to process.cwd(). */
  cwd?: string;
  /** Warnings fail the compile. */
  strict?: boolean;
  /**
   * Folder the output will be read from: relative paths docker resolves when it reads the
   * output (bind mounts outside pods, env_file, configs/secrets `file:`) are rewritten to mean
   * the same files from there. The folder of the file written (`-o FILE`), or the current
   * folder for stdout and `docker stack deploy -c -`. Defaults to the first stack file's
   * folder, where they are left as written.
   */
  outputDir?: string;
  /**
   * Files and folders outside the stack files' folders the stack may read (its env_file, its
   * x-podlike.templates-path), relative to `cwd`: by default none, and never /proc, /dev or
   * /sys unless named here (host-files/read-scope.ts). `templates` and PODLIKE_TEMPLATES are
   * the user's own choice, and need not be listed.
   */
  allowOutside?: readonly string[];
  /** Return the pods as expanded (`pods`), for reports such as explain and graph. */
  keepPods?: boolean;
  /**
   * Args from outside the stack, as `--set` takes them: `TEMPLATE.ARG=VALUE` for every pod
   * that applies the template, `SERVICE:TEMPLATE.ARG=VALUE` for one service; later wins.
   * Values are text, typed by the arg's schema as a label's are.
   */
  set?: readonly string[];
  /**
   * Values files (`--values`, relative to cwd): YAML mapping template → args, and
   * `services:` service → template → args; later files win, `set` wins over them.
   */
  values?: readonly string[];
  /** Called after each pod is expanded, with the number so far: for a progress line. */
  onProgress?: (podsExpanded: number) => void;
}

export interface CompileResult {
  /** With keepPods: the pods as expanded (controller, components, the layers each came from), for reports such as explain and graph. */
  pods?: Pod[];
  /** The output stack as YAML; undefined when there were errors. */
  yaml?: string;
  /** The output stack as a plain object; undefined when there were errors. */
  stack?: JsonObject;
  diagnostics: Diagnostic[];
  /** What this compile read from, absolute: what `--watch` watches, errors or not. */
  sources: CompileSources;
}

export interface CompileSources {
  /** The stack files (stdin and given text aside) and the values files. */
  files: string[];
  /** The template folders searched (the built-in one aside): a template edited, added or removed there changes the output. */
  folders: string[];
}

/** The files and folders a compile read from; before its stack was read, the folders the options alone name. */
function sourcesOf(inputs: readonly StackInput[], options: CompileOptions, cwd: string, library: TemplateLibrary | undefined): CompileSources {
  const files = inputs.filter((i) => i.path !== '-' && i.text === undefined).map((i) => i.path);
  const folders = library?.folders ?? templateSearchPath(searchPathSources(options, [], cwd));
  return { files: [...files, ...(options.values ?? [])].map((f) => resolve(cwd, f)), folders: folders.filter((f) => f !== BUILTIN_TEMPLATES) };
}

function searchPathSources(options: CompileOptions, stackFolders: readonly string[], stackDir: string | undefined): SearchPathSources {
  const cwd = options.cwd ?? process.cwd();
  return { cliFolders: options.templates, envPath: (options.env ?? process.env).PODLIKE_TEMPLATES, stackFolders, stackDir: stackDir ?? cwd, cwd };
}

/** The templates a compile with these options sees (`stackFolders`: the stack's x-podlike.templates-path). */
export function templateLibrary(options: CompileOptions, stackFolders: readonly string[] = [], stackDir?: string): TemplateLibrary {
  return new TemplateLibrary(templateSearchPath(searchPathSources(options, stackFolders, stackDir)), options.cwd ?? process.cwd());
}

const FOLDER_SOURCES: Record<GivenFolder['source'], string> = { cli: 'given with -t', env: 'in PODLIKE_TEMPLATES', stack: 'in x-podlike.templates-path' };

/**
 * A warning for each template folder the user named that is not a folder: a typo would
 * otherwise show only as an unknown template, if at all. `where` places a stack's entry.
 */
export function templateFolderWarnings(options: CompileOptions, stackFolders: readonly string[] = [], stackDir?: string, where?: (index: number) => SourcePosition | undefined): Diagnostic[] {
  return absentFolders(searchPathSources(options, stackFolders, stackDir)).map((folder) => {
    const position = folder.source === 'stack' ? where?.(folder.index) : undefined;
    // Without a place in a file, the folder itself is what the diagnostic is about.
    if (!position) return { severity: 'warning', message: `template folder (${FOLDER_SOURCES[folder.source]}) ${folder.reason}`, file: folder.given };
    return warning(`template folder "${folder.given}" (${FOLDER_SOURCES[folder.source]}) ${folder.reason}`, position);
  });
}

/** Why a stack's template folder may not be read; one that does not resolve is not read, and warned of as absent. */
function folderProblem(path: string, scope: ReadScope): string | undefined {
  try {
    return scopedPath(path, scope).problem;
  } catch {
    return undefined;
  }
}

/**
 * A stack's own template folders are read on its word: each must lead into the scope, or be
 * one of the folders the user gave (-t, PODLIKE_TEMPLATES), which are theirs to read.
 */
function checkStackTemplateFolders(options: CompileOptions, folders: readonly string[], stackDir: string, scope: ReadScope, where: (index: number) => SourcePosition | undefined): void {
  const cwd = options.cwd ?? process.cwd();
  const given = templateSearchPath({ cliFolders: options.templates, envPath: (options.env ?? process.env).PODLIKE_TEMPLATES, stackDir, cwd });
  const withGiven = readScope([], [...scope.allowed, ...given], cwd);
  const errors = folders.flatMap((folder, i) => {
    const problem = folderProblem(resolve(stackDir, folder), { ...scope, allowed: withGiven.allowed });
    return problem === undefined ? [] : [error(`template folder ${JSON.stringify(folder)} (in x-podlike.templates-path) ${problem}${problem.includes('--allow-outside') ? ' (or give it with -t)' : ''}`, where(i))];
  });
  if (errors.length > 0) throw new CompileError(errors);
}

function inputsOf(input: string | StackInput | readonly (string | StackInput)[]): StackInput[] {
  const list = Array.isArray(input) ? input : [input];
  return list.map((item: string | StackInput) => (typeof item === 'string' ? { path: item } : item));
}

/** Each diagnostic once (a broken template used by many pods is one problem), warnings as errors under --strict. */
function strictly(all: Diagnostic[], strict: boolean | undefined): Diagnostic[] {
  const seen = new Set<string>();
  const diagnostics = all.filter((d) => {
    const key = formatDiagnostic(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (!strict) return diagnostics;
  return diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error', message: `${d.message} [--strict]` } : d));
}

/** A stack in podlike-gen's own format: its templates found, its pods expanded. */
interface GenFormatInputs {
  options: CompileOptions;
  /** Args from --set and --values, read before the stack. */
  given: OutsideArg[];
  scope: ReadScope;
  useLibrary: (library: TemplateLibrary) => void;
}

/** podlike-gen's own format: templates found in the search path, args from labels, x-podlike and the command line. */
function expandPodlikeGenFormat(stack: LoadedStack, inputs: GenFormatInputs, diagnostics: Diagnostic[], expandOptions: ExpandOptions): ExpandedStack {
  const { options, given, scope } = inputs;
  const stackConfig = readStackConfig(stack);
  const folderPosition = (i: number) => stackPosition(stack, ['x-podlike', 'templates-path', i]);
  checkStackTemplateFolders(options, stackConfig.templatesPath, stack.baseDir, scope, folderPosition);
  const library = templateLibrary(options, stackConfig.templatesPath, stack.baseDir);
  inputs.useLibrary(library);
  diagnostics.push(...templateFolderWarnings(options, stackConfig.templatesPath, stack.baseDir, folderPosition));
  if (given.length > 0) {
    const outside = checkOutsideArgs(given, library, Object.keys(isObject(stack.model.services) ? stack.model.services : {}));
    if (hasErrors(outside.problems)) throw new CompileError(outside.problems);
    diagnostics.push(...outside.problems);
    stackConfig.outside = outside.args;
  }
  return expandStack(stack, stackConfig, library, diagnostics, expandOptions);
}

/** --set and --values name podlike-gen's templates and args: a stack in Podlike's own format has neither. */
function refuseOutsideArgs(given: readonly OutsideArg[], expandOptions: ExpandOptions): ExpandOptions {
  if (given.length === 0) return expandOptions;
  throw new CompileError([
    { severity: 'error', message: "--set and --values set the args of podlike-gen's templates, and this stack is in Podlike's own template format (x-podlike per service): write its args in its x-podlike args" },
  ]);
}

/**
 * Compiles stack files with pod-template labels into a stack `docker stack deploy` takes:
 * load → find templates → expand pods → validate → emit.
 */
export function compile(input: string | StackInput | readonly (string | StackInput)[], options: CompileOptions = {}): CompileResult {
  const cwd = options.cwd ?? process.cwd();
  const inputs = inputsOf(input);
  let library: TemplateLibrary | undefined;
  const result = compileStack(inputs, options, cwd, (made) => (library = made));
  return { ...result, sources: sourcesOf(inputs, options, cwd, library) };
}

/** The stages in order; `useLibrary` learns the template library once the stack has named its folders. */
function compileStack(inputs: StackInput[], options: CompileOptions, cwd: string, useLibrary: (library: TemplateLibrary) => void): Omit<CompileResult, 'sources'> {
  const diagnostics: Diagnostic[] = [];
  try {
    const given = readOutsideArgs(options.set ?? [], options.values ?? [], cwd);
    const stack = loadStack(inputs, cwd);
    const scope = readScope(inputs.map((i) => i.path), options.allowOutside ?? [], cwd);
    const where = (service: string) => stackPosition(stack, ['services', service], true);
    // Each pod is checked as it is made, so that it need not be kept; its problems follow expand's.
    const podProblems: Diagnostic[] = [];
    let podsExpanded = 0;
    const expandOptions: ExpandOptions = {
      keepPods: options.keepPods,
      scope,
      onPod: (pod) => {
        podProblems.push(...validatePod(pod, where));
        options.onProgress?.(++podsExpanded);
      },
    };
    const { model: expanded, podServices, pods } = isPodlikeFormatStack(stack.model)
      ? expandPodlikeFormat(stack, refuseOutsideArgs(given, expandOptions), diagnostics)
      : expandPodlikeGenFormat(stack, { options, given, scope, useLibrary }, diagnostics, expandOptions);
    diagnostics.push(...podProblems);
    const model = rebaseOutputPaths(expanded, stack.baseDir, options.outputDir === undefined ? stack.baseDir : resolve(cwd, options.outputDir));
    diagnostics.push(...validateStack(model, { where: (path, key) => stackPosition(stack, path, key), written: (path) => writtenInStack(stack, path) }));
    const result = strictly(diagnostics, options.strict);
    if (hasErrors(result)) return { diagnostics: result, pods };
    const notes: Diagnostic[] = [];
    const yaml = emitYaml(stack.files[0], model, podServices, notes);
    // An output no compile could read again (templates applied to many pods multiply a file's text).
    if (yaml.length > MAX_FILE_BYTES / 4 && Buffer.byteLength(yaml) > MAX_FILE_BYTES) {
      return { diagnostics: [...result, error(`the output would be larger than ${MAX_FILE_BYTES} bytes, more than podlike-gen reads in a stack file: fewer pods, or smaller values, per stack`, { file: stack.files[0].path, line: 1, col: 1 })], pods };
    }
    return { yaml, stack: model, diagnostics: [...result, ...notes], pods };
  } catch (e) {
    if (e instanceof CompileError) return { diagnostics: strictly([...diagnostics, ...e.diagnostics], options.strict) };
    throw e;
  }
}
