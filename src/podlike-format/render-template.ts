/**
 * Renders one Podlike-format template with the Go template engine and Podlike's functions, on
 * the data Podlike gives it (`.Service`, `.Args`), and reads the output as Podlike does (gopkg.in/yaml.v2: YAML 1.1
 * booleans, octals and merge keys; no sexagesimal numbers or timestamps). Problems point at
 * the template's file, line and column.
 */
import { parse, YAMLError, type Tags } from 'yaml';
import { CompileError, error } from '../diagnostics.js';
import { isObject, type JsonObject } from '../model/compose-lists.js';
import { GoTemplateError, parseGoTemplate, type GoValue } from './go-template/index.js';
import type { Rendered } from './transform-pod.js';
import type { TemplateText } from './template-source.js';

/** yaml.v2 has YAML 1.1's scalars but neither base-60 numbers (`22:22`) nor timestamps. */
function goYamlTags(tags: Tags): Tags {
  return tags.filter((tag) => !(typeof tag === 'object' && (tag.format === 'TIME' || tag.tag === 'tag:yaml.org,2002:timestamp')));
}

/** The output of a template as a mapping (empty output is an empty mapping). */
function readOutput(template: TemplateText, output: string): JsonObject {
  let value: unknown;
  try {
    value = parse(output, { version: '1.1', customTags: goYamlTags, uniqueKeys: false, maxAliasCount: 1000 });
  } catch (e) {
    const line = e instanceof YAMLError && e.linePos ? e.linePos[0].line : 1;
    const shown = JSON.stringify(output.split('\n')[line - 1] ?? '');
    throw new CompileError([error(`${template.describe}: its output is not YAML: ${e instanceof Error ? e.message.split('\n')[0].replace(/:$/, '') : String(e)} (output line ${line}: ${shown})`, template.origin(1, 1))]);
  }
  if (value === null || value === undefined) return {};
  if (!isObject(value)) throw new CompileError([error(`${template.describe}: its output must be a mapping, but it is ${Array.isArray(value) ? 'a list' : `"${String(value)}"`}`, template.origin(1, 1))]);
  return value;
}

/** Renders `template` on Podlike's data (template-data.ts). */
export function renderTemplate(template: TemplateText, data: GoValue): Rendered {
  let output: string;
  try {
    output = parseGoTemplate(template.name, template.text).execute(data);
  } catch (e) {
    if (!(e instanceof GoTemplateError)) throw e;
    throw new CompileError([error(`${template.describe}: ${e.message}`, template.origin(e.line, e.col))]);
  }
  return { mapping: readOutput(template, output), describe: template.describe, at: template.origin(1, 1) };
}
