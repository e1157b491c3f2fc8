import { templateFolderWarnings, templateLibrary } from '../../compile.js';
import { CompileError } from '../../diagnostics.js';
import { documentationWarnings } from '../../templates/documentation-gaps.js';
import type { ArgSpec, Template } from '../../templates/template.js';
import { SECTION_NAMES } from '../../templates/template.js';
import { tableLines } from '../../terminal/table-layout.js';
import { terminalWidth, wrapWords } from '../../terminal/wrap-text.js';
import { EXIT_ERRORS, EXIT_OK, report, type CommonFlags } from '../context.js';

type TemplatesFlags = CommonFlags & { format: 'text' | 'json' };

/** A template as `templates --format json` lists it (schemas/templates-report.schema.json). */
function templateJson(template: Template): Record<string, unknown> {
  return {
    name: template.name,
    file: template.file,
    description: template.description,
    requires: [...template.requires],
    sections: SECTION_NAMES.filter((s) => template.sections[s]),
    args: template.argsSchema.properties ?? {},
  };
}

function templatesJson(templates: readonly Template[]): string {
  return `${JSON.stringify({ templates: templates.map(templateJson) }, null, 2)}\n`;
}

/** Wrapping width for stdout: the terminal's, or COLUMNS; none in a pipe. */
function stdoutWidth(): number | undefined {
  return terminalWidth(process.stdout, process.env);
}

/** `templates`: every template found, first match per name, with its file and description. */
export function runTemplatesList(flags: TemplatesFlags): number {
  const library = templateLibrary({ templates: flags.templates });
  report(templateFolderWarnings({ templates: flags.templates }), flags);
  const templates: Template[] = [];
  let failed = false;
  for (const name of library.names()) {
    try {
      const template = library.get(name);
      report(documentationWarnings(template), flags);
      templates.push(template);
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      report(e.diagnostics, flags);
      failed = true;
    }
  }
  const rows = [['NAME', 'FILE', 'DESCRIPTION'], ...templates.map((t) => [t.name, t.file, t.description])];
  process.stdout.write(flags.format === 'json' ? templatesJson(templates) : `${tableLines(rows, stdoutWidth()).join('\n')}\n`);
  return failed ? EXIT_ERRORS : EXIT_OK;
}

function typeOf(spec: ArgSpec): string {
  const type = Array.isArray(spec.type) ? spec.type.join('|') : (spec.type ?? 'any');
  if (type === 'array' && spec.items) return `${typeOf(spec.items)}[]`;
  return spec.enum ? spec.enum.map((v) => JSON.stringify(v)).join('|') : type;
}

const DESCRIPTION_INDENT = '      ';

/** Arg lines, nested args as `a.b`; descriptions wrapped to `width`. */
function argLines(properties: Record<string, ArgSpec>, width: number | undefined, prefix = ''): string[] {
  return Object.entries(properties).flatMap(([name, spec]) => {
    const defaults = spec.default === undefined ? '' : ` (default ${JSON.stringify(spec.default)})`;
    const description = spec.description ? wrapWords(spec.description, width === undefined ? undefined : width - DESCRIPTION_INDENT.length).map((l) => `${DESCRIPTION_INDENT}${l}`) : [];
    const own = [`  ${prefix}${name}: ${typeOf(spec)}${defaults}`, ...description];
    return [...own, ...(spec.properties ? argLines(spec.properties, width, `${prefix}${name}.`) : [])];
  });
}

/** `proxy :<listen>`, `tracing :6831/udp if jaeger`: what a component binds, an arg's port in angle brackets. */
function listenerText(listener: Template['listens'][number]): string {
  const port = typeof listener.port === 'number' ? listener.port : `<${listener.port}>`;
  return `${listener.component} :${port}${listener.protocol === 'udp' ? '/udp' : ''}${listener.when ? ` if ${listener.when}` : ''}`;
}

/** The whole-pod declarations, each line only when the template makes it. */
function declarationLines(template: Template): string[] {
  const targets = Object.entries(template.targets).map(([arg, adder]) => (adder ? `${arg} (${adder} adds it)` : arg));
  return [
    ...(template.listens.length > 0 ? [`listens: ${template.listens.map(listenerText).join(', ')}`] : []),
    ...(template.extends.length > 0 ? [`extends: ${template.extends.join(', ')}`] : []),
    ...(targets.length > 0 ? [`targets: ${targets.join(', ')}`] : []),
  ];
}

function describeTemplate(template: Template, width: number | undefined): string {
  const sections = SECTION_NAMES.filter((s) => template.sections[s]);
  const args = argLines(template.argsSchema.properties ?? {}, width);
  return [
    ...wrapWords(`${template.name}: ${template.description}`, width),
    `file: ${template.file}`,
    `requires: ${template.requires.join(', ') || '(none)'}`,
    `sections: ${sections.join(', ') || '(none)'}`,
    ...declarationLines(template),
    `args:${args.length === 0 ? ' (none)' : ''}`,
    ...args,
    `labels: podlike.templates: ${template.name}; an arg is set with podlike.${template.name}.<arg>: "<value>"`,
  ].join('\n');
}

/** `templates show NAME`: description, args with types, defaults and descriptions, requires, sections. */
export function runTemplatesShow(name: string, flags: TemplatesFlags): number {
  report(templateFolderWarnings({ templates: flags.templates }), flags);
  try {
    const template = templateLibrary({ templates: flags.templates }).get(name);
    report(documentationWarnings(template), flags);
    process.stdout.write(flags.format === 'json' ? templatesJson([template]) : `${describeTemplate(template, stdoutWidth())}\n`);
    return EXIT_OK;
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    report(e.diagnostics, flags);
    return EXIT_ERRORS;
  }
}
