import { resolve } from 'node:path';
import { CompileError, error, formatDiagnostic, hasErrors, warning, type Diagnostic, type SourcePosition } from './diagnostics.js';
import { MAX_FILE_BYTES } from './load/read-limited.js';
import { emitYaml } from './emit/emit-yaml.js';
import { expandStack } from './expand/expand-stack.js';
import { rebaseOutputPaths } from './expand/rebase-paths.js';
import { readStackConfig } from './expand/pod-config.js';
import { loadStack, stackPosition, type StackInput } from './load/read-stack.js';
import type { Pod } from './expand/build-pod.js';
import type { JsonObject } from './model/compose-lists.js';
import { absentFolders, templateSearchPath, type GivenFolder, type SearchPathSources } from './templates/search-path.js';
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
  /** Return the pods as expanded (`pods`), for reports such as explain and graph. */
  keepPods?: boolean;
}

export interface CompileResult {
  /** With keepPods: the pods as expanded (controller, components, the layers each came from), for reports such as explain and graph. */
  pods?: Pod[];
  /** The output stack as YAML; undefined when there were errors. */
  yaml?: string;
  /** The output stack as a plain object; undefined when there were errors. */
  stack?: JsonObject;
  diagnostics: Diagnostic[];
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

/**
 * Compiles stack files with pod-template labels into a stack `docker stack deploy` takes:
 * load → find templates → expand pods → validate → emit.
 */
export function compile(input: string | StackInput | readonly (string | StackInput)[], options: CompileOptions = {}): CompileResult {
  const diagnostics: Diagnostic[] = [];
  const cwd = options.cwd ?? process.cwd();
  try {
    const stack = loadStack(inputsOf(input), cwd);
    const stackConfig = readStackConfig(stack);
    const library = templateLibrary(options, stackConfig.templatesPath, stack.baseDir);
    diagnostics.push(...templateFolderWarnings(options, stackConfig.templatesPath, stack.baseDir, (i) => stackPosition(stack, ['x-podlike', 'templates-path', i])));
    const where = (service: string) => stackPosition(stack, ['services', service], true);
    // Each pod is checked as it is made, so that it need not be kept; its problems follow expand's.
    const podProblems: Diagnostic[] = [];
    const { model: expanded, podServices, pods } = expandStack(stack, stackConfig, library, diagnostics, {
      keepPods: options.keepPods,
      onPod: (pod) => podProblems.push(...validatePod(pod, where)),
    });
    diagnostics.push(...podProblems);
    const model = rebaseOutputPaths(expanded, stack.baseDir, options.outputDir === undefined ? stack.baseDir : resolve(cwd, options.outputDir));
    diagnostics.push(...validateStack(model, (path) => stackPosition(stack, path)));
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
