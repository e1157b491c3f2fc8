/**
 * Outside args checked against what they name before any pod is built: the service, the
 * template (nearest name suggested), the arg and its type by the template's schema. Each
 * problem is reported once, at the flag or the values file, rather than once per pod.
 */
import { CompileError, type Diagnostic } from '../diagnostics.js';
import { coerceLabelValue, setIn, specAt } from '../expand/resolve-args.js';
import { deployVariableHint } from '../model/deploy-variables.js';
import type { JsonObject } from '../model/compose-lists.js';
import { didYouMean } from '../suggest.js';
import type { TemplateLibrary } from '../templates/template-library.js';
import type { Template } from '../templates/template.js';
import { describeSchemaError, instancePath, simplifySchemaErrors } from '../validate/ajv.js';
import { outsideDiagnostic, type OutsideArg, type OutsideArgs } from './outside-arg.js';

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((part, i) => path[i] === part);
}

/** The problems of the args one scope gives one template, validated together as the pod would take them. */
function schemaProblems(template: Template, args: readonly OutsideArg[]): Diagnostic[] {
  const values: JsonObject = {};
  for (const arg of args) setIn(values, arg.path, structuredClone(arg.value));
  if (template.validateArgs(values)) return [];
  return simplifySchemaErrors(template.validateArgs.errors).flatMap((e) => {
    const path = instancePath(e).map(String);
    const extra = e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : undefined;
    const argPath = extra ? [...path, extra] : path;
    // A missing required arg is the stack's to give; other problems belong to the arg that wrote the value.
    const blamed = [...args].reverse().find((arg) => startsWith(arg.path, argPath) || startsWith(argPath, arg.path));
    if (!blamed || e.keyword === 'required') return [];
    const subject = `${blamed.service === undefined ? '' : `service "${blamed.service}", `}template "${template.name}" (${template.file})`;
    if (extra) {
      const known = Object.keys(specAt(template.argsSchema, path)?.properties ?? {});
      return [outsideDiagnostic(blamed, 'error', `${subject}: unknown arg "${argPath.join('.')}"${didYouMean(extra, known)}`, 'arg')];
    }
    return [outsideDiagnostic(blamed, 'error', `${subject}: arg "${argPath.join('.') || '(args)'}" ${describeSchemaError(e)}${deployVariableHint(blamed.value)}`, 'value')];
  });
}

/** The template an arg names, or the problem with that name. */
function templateOf(arg: OutsideArg, library: TemplateLibrary): Template | Diagnostic[] {
  if (library.locate(arg.template) === undefined) {
    return [outsideDiagnostic(arg, 'error', `unknown template "${arg.template}"${didYouMean(arg.template, library.names())}`, 'template')];
  }
  try {
    return library.get(arg.template);
  } catch (e) {
    if (e instanceof CompileError) return e.diagnostics;
    throw e;
  }
}

/** The outside args typed by their templates' schemas, by scope, with every problem found. */
export function checkOutsideArgs(given: readonly OutsideArg[], library: TemplateLibrary, services: readonly string[]): { args: OutsideArgs; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const groups = new Map<string, { template: Template; args: OutsideArg[] }>();
  for (const arg of given) {
    if (arg.service !== undefined && !services.includes(arg.service)) {
      problems.push(outsideDiagnostic(arg, 'error', `service "${arg.service}" is not in the stack${didYouMean(arg.service, services)}`, 'service'));
      continue;
    }
    const template = templateOf(arg, library);
    if (Array.isArray(template)) {
      problems.push(...template);
      continue;
    }
    const value = arg.isText && typeof arg.value === 'string' ? coerceLabelValue(arg.value, specAt(template.argsSchema, arg.path)) : arg.value;
    const key = JSON.stringify([arg.service ?? null, arg.template]);
    const group = groups.get(key) ?? { template, args: [] };
    group.args.push({ ...arg, value });
    groups.set(key, group);
  }
  const typed = [...groups.values()];
  for (const group of typed) problems.push(...schemaProblems(group.template, group.args));
  const all = typed.flatMap((group) => group.args);
  return { args: { stackWide: all.filter((a) => a.service === undefined), perService: all.filter((a) => a.service !== undefined) }, problems };
}
