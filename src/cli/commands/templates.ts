import { templateFolderWarnings, templateLibrary } from '../../compile.js';
import { CompileError } from '../../diagnostics.js';
import type { ArgSpec, Template } from '../../templates/template.js';
import { SECTION_NAMES } from '../../templates/template.js';
import { EXIT_ERRORS, EXIT_OK, report, type CommonFlags } from '../context.js';

/** `templates`: every template found, first match per name, with its file and description. */
export function runTemplatesList(flags: CommonFlags): number {
  const library = templateLibrary({ templates: flags.templates });
  report(templateFolderWarnings({ templates: flags.templates }), flags);
  const rows: string[][] = [];
  let failed = false;
  for (const name of library.names()) {
    try {
      const template = library.get(name);
      rows.push([name, template.file, template.description]);
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      report(e.diagnostics, flags);
      failed = true;
    }
  }
  const width = (i: number) => Math.max(...rows.map((r) => r[i].length), 4);
  const line = (r: string[]) => `${r[0].padEnd(width(0))}  ${r[1].padEnd(width(1))}  ${r[2]}`.trimEnd();
  process.stdout.write([line(['NAME', 'FILE', 'DESCRIPTION']), ...rows.map(line)].join('\n') + '\n');
  return failed ? EXIT_ERRORS : EXIT_OK;
}

function typeOf(spec: ArgSpec): string {
  const type = Array.isArray(spec.type) ? spec.type.join('|') : (spec.type ?? 'any');
  if (type === 'array' && spec.items) return `${typeOf(spec.items)}[]`;
  return spec.enum ? spec.enum.map((v) => JSON.stringify(v)).join('|') : type;
}

/** Arg lines, nested args as `a.b`. */
function argLines(properties: Record<string, ArgSpec>, prefix = ''): string[] {
  return Object.entries(properties).flatMap(([name, spec]) => {
    const defaults = spec.default === undefined ? '' : ` (default ${JSON.stringify(spec.default)})`;
    const own = `  ${prefix}${name}: ${typeOf(spec)}${defaults}${spec.description ? `\n      ${spec.description}` : ''}`;
    return [own, ...(spec.properties ? argLines(spec.properties, `${prefix}${name}.`) : [])];
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

function describeTemplate(template: Template): string {
  const sections = SECTION_NAMES.filter((s) => template.sections[s]);
  const args = argLines(template.argsSchema.properties ?? {});
  return [
    `${template.name}: ${template.description}`,
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
export function runTemplatesShow(name: string, flags: CommonFlags): number {
  report(templateFolderWarnings({ templates: flags.templates }), flags);
  try {
    const template = templateLibrary({ templates: flags.templates }).get(name);
    process.stdout.write(`${describeTemplate(template)}\n`);
    return EXIT_OK;
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    report(e.diagnostics, flags);
    return EXIT_ERRORS;
  }
}
