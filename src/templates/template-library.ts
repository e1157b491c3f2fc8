import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { CompileError, fail, type SourcePosition } from '../diagnostics.js';
import { didYouMean } from '../suggest.js';
import { loadTemplate } from './load-template.js';
import { BUILTIN_TEMPLATES } from './search-path.js';
import type { Template } from './template.js';
import { deployVariableHint } from '../model/deploy-variables.js';

/** A template name: also a label segment (`podlike.<name>.<arg>`), so no dots, and no path. */
export const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Finds templates by name along a search path; each file is loaded and compiled once. */
export class TemplateLibrary {
  private readonly loaded = new Map<string, Template | CompileError>();

  /** `cwd` is what template file names in diagnostics are shown relative to. */
  constructor(
    readonly folders: readonly string[],
    private readonly cwd = process.cwd(),
  ) {}

  /**
   * A template file as diagnostics name it: relative to the working directory when inside
   * it, `podlike-gen/templates/...` for a built-in one, absolute otherwise.
   */
  shownAs(path: string): string {
    const builtin = relative(BUILTIN_TEMPLATES, path);
    if (!builtin.startsWith('..') && !isAbsolute(builtin)) return `podlike-gen/templates/${builtin}`;
    const local = relative(this.cwd, path);
    return local.startsWith('..') || isAbsolute(local) ? path : local;
  }

  /** The file a name resolves to: the first folder that has `<name>.yml` (or `.yaml`). */
  locate(name: string): string | undefined {
    if (!PLAIN_NAME.test(name)) return undefined;
    for (const folder of this.folders) {
      for (const ext of ['.yml', '.yaml']) {
        const path = join(folder, name + ext);
        if (existsSync(path) && isInside(folder, path)) return path;
      }
    }
    return undefined;
  }

  /** Every template name on the search path, first match per name, sorted. */
  names(): string[] {
    const names = new Set<string>();
    for (const folder of this.folders) {
      let entries: string[] = [];
      try {
        entries = readdirSync(folder);
      } catch {
        continue;
      }
      for (const entry of entries) {
        const name = entry.replace(/\.ya?ml$/, '');
        if (name !== entry && PLAIN_NAME.test(name) && isInside(folder, join(folder, entry))) names.add(name);
      }
    }
    return [...names].sort();
  }

  /** The template named `name`; `where` is the place that asked for it, for the error. */
  get(name: string, where?: SourcePosition, context = ''): Template {
    const cached = this.loaded.get(name);
    if (cached instanceof CompileError) throw cached;
    if (cached) return cached;
    if (!PLAIN_NAME.test(name)) {
      fail(`${context}template name "${name}" is not a plain name (letters, digits, - and _ only): templates are looked up by name inside the template folders${deployVariableHint(name)}`, where);
    }
    const path = this.locate(name);
    if (!path) fail(`${context}unknown template "${name}"${didYouMean(name, this.names())}`, where);
    try {
      const template = loadTemplate(path, this.shownAs(path));
      this.loaded.set(name, template);
      return template;
    } catch (e) {
      // A broken template is read and reported once, however many pods use it.
      if (e instanceof CompileError) this.loaded.set(name, e);
      throw e;
    }
  }
}

/** A symlink must not lead a template name out of its folder. */
function isInside(folder: string, path: string): boolean {
  try {
    const real = realpathSync(path);
    const root = realpathSync(folder);
    return real.startsWith(root + sep);
  } catch {
    return false;
  }
}
