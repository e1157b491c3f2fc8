/**
 * A faithful TypeScript implementation of Go 1.19's text/template for templates written for
 * Podlike's own format (`podlike template`): parse once, execute on Go-typed data (see value.ts
 * for how JS and YAML data map to Go types). Errors are GoTemplateError with Go's message text.
 * Podlike does not set missingkey, so a missing key prints `<no value>`.
 */
import { executeTemplate, type Templates } from './executor.js';
import { parseTrees } from './parser.js';
import { PODLIKE_FUNCS } from './podlike-funcs.js';
import { BUILTINS } from './builtins.js';
import type { GoFunc, Val } from './value.js';
import { goValueOf } from './value.js';

export { GoTemplateError } from './errors.js';
export { PODLIKE_FUNCS } from './podlike-funcs.js';
export { goValueFromYaml, UnsupportedYamlData, type YamlDecodeOptions } from './yaml-v2-decode.js';
export { marshalYamlV2, UnsupportedYaml } from './yaml-v2-encode.js';
export { SERVICE_CONFIG, TEMPLATE_VARS, goValueFromPlain } from './compose-types.js';
export * from './value.js';

export interface ParseOptions {
  /** The functions templates may call besides Go's builtins; Podlike's by default. */
  funcs?: Record<string, GoFunc>;
}

export interface GoTemplate {
  readonly name: string;
  /** Renders the template on data (a GoValue, or plain JS data converted by goValueOf). */
  execute(data: unknown, funcs?: Record<string, GoFunc>): string;
}

export function parseGoTemplate(name: string, text: string, options: ParseOptions = {}): GoTemplate {
  const funcs = options.funcs ?? PODLIKE_FUNCS;
  const hasFunction = (fn: string): boolean => funcs[fn] !== undefined || BUILTINS[fn] !== undefined;
  const trees = parseTrees(name, text, hasFunction);
  const set: Templates = { parseName: name, text, trees };
  return {
    name,
    execute(data: unknown, execFuncs?: Record<string, GoFunc>): string {
      const value: Val = goValueOf(data);
      return executeTemplate(set, name, value, execFuncs ?? funcs);
    },
  };
}
