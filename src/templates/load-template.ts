import { basename } from 'node:path';
import { isScalar, Scalar } from 'yaml';
import { CompileError, error, excerpt, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { readProblem } from '../load/file-problem.js';
import { readLimited } from '../load/read-limited.js';
import { parseSource, positionOf, type SourceFile } from '../load/source-file.js';
import { isObject } from '../model/compose-lists.js';
import { createAjv, describeSchemaError, instancePath, simplifySchemaErrors } from '../validate/ajv.js';
import { argsValidatorName, precompiled, precompiledIfBuilt } from '../validate/precompiled.js';
import { didYouMean } from '../suggest.js';
import { handlebars, handlebarsWith, namesIn } from './handlebars-env.js';
import { callProblems } from './section-calls.js';
import { pathProblems } from './section-paths.js';
import { plainSection, renderPlain, type PlainSection } from './plain-section.js';
import { prebuiltTemplate, type PrebuiltTemplate } from './prebuilt.js';
import { readPodDeclarations } from './pod-declarations.js';
import { unusablePattern } from './schema-patterns.js';
import { reservedArgName } from './reserved-arg-names.js';
import { syntaxProblem } from './syntax-error.js';
import { renderWithTokens } from './value-tokens.js';
import { sectionNotText, withSectionTextHint } from './section-as-text.js';
import { checkArgsDefaults } from './args-defaults.js';
import { LINEAR_PATTERNS } from './linear-patterns.js';
import { SECTION_NAMES, type ArgSpec, type CompiledSection, type SectionName, type Template } from './template.js';

/** ajv instances for user templates' args schemas: one for schemas checked before, one that checks them. */
let checkedArgsAjv: ReturnType<typeof createAjv> | undefined;
let argsAjv: ReturnType<typeof createAjv> | undefined;

/** The keys a template file may have. */
const TEMPLATE_KEYS = ['name', 'description', 'requires', 'args', 'listens', 'extends', 'targets', ...SECTION_NAMES];

export const EMPTY_ARGS: ArgSpec = { type: 'object', additionalProperties: false, properties: {} };

/**
 * A position `lineInSection` lines into a section's text, at `column` (0-based) of that line
 * where known: in a block scalar a line's columns are the file's, past the block's indentation.
 * A quoted or plain section's lines are not the file's (`\n` escapes, folded lines): its start.
 */
export function sectionPosition(section: Pick<CompiledSection, 'start' | 'block'>, lineInSection: number, column?: number): SourcePosition {
  if (!section.block) return { ...section.start };
  const col = column !== undefined ? section.start.col + column : section.start.col;
  return { file: section.start.file, line: section.start.line + lineInSection, col };
}

/** The column (1-based) a block scalar's text starts at: the indentation of its first line that is not blank. */
function blockColumn(text: string, keyLine: number, fallback: number): number {
  const lines = text.split('\n');
  for (let i = keyLine; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line.trim() !== '') return line.length - line.trimStart().length + 1;
  }
  return fallback;
}

/** How every section is compiled: at run time here, and at build time for the built-in templates. */
export const SECTION_OPTIONS = { strict: false, preventIndent: true } as const;

/** Where a section's text starts in its file, and whether it is a block scalar. */
function sectionStart(file: SourceFile, name: SectionName): Pick<CompiledSection, 'start' | 'block'> {
  const valueNode = file.doc.get(name, true);
  const block = isScalar(valueNode) && (valueNode.type === Scalar.BLOCK_LITERAL || valueNode.type === Scalar.BLOCK_FOLDED);
  const keyPosition = positionOf(file, [name], true);
  const start = block ? { ...keyPosition, col: blockColumn(file.text, keyPosition.line, keyPosition.col + 2) } : positionOf(file, [name]);
  return { start, block };
}

function compileSection(file: SourceFile, name: SectionName, text: string, argsSchema: ArgSpec): CompiledSection {
  let ast: hbs.AST.Program;
  try {
    // Parsing now reports syntax errors when the template loads, not when a pod first uses it.
    ast = handlebars.parse(text);
  } catch (e) {
    const { line, message } = syntaxProblem((e as Error).message);
    // Handlebars puts the end of the text on the line after its last line break: outside the section.
    const lastLine = text.replace(/\n+$/, '').split('\n').length;
    throw new CompileError([error(`template syntax error in section "${name}": ${message}`, sectionPosition(sectionStart(file, name), Math.min(line, lastLine)))]);
  }
  const misused = [...callProblems(ast), ...pathProblems(ast, argsSchema)].sort((a, b) => a.line - b.line || a.column - b.column);
  if (misused.length > 0) {
    const start = sectionStart(file, name);
    throw new CompileError(misused.map((p) => error(`template error in section "${name}": ${p.message}`, sectionPosition(start, p.line, p.column))));
  }
  // Only a diagnostic needs the section's position: finding it composes the file's YAML document.
  let where: Pick<CompiledSection, 'start' | 'block'> | undefined;
  const locate = () => (where ??= sectionStart(file, name));
  return {
    name,
    render: sectionRenderer(plainSection(ast), () => handlebarsWith(namesIn(ast)).compile(ast, SECTION_OPTIONS)),
    get start() {
      return locate().start;
    },
    get block() {
      return locate().block;
    },
  };
}

/** A section's render: plain (plain-section.ts) where it can be, else Handlebars' compiled template with value tokens. */
function sectionRenderer(plain: PlainSection | undefined, handlebarsTemplate: () => (context: object) => string): CompiledSection['render'] {
  if (plain) return (context) => renderPlain(plain, context);
  const render = handlebarsTemplate();
  return (context) => renderWithTokens(() => render(context));
}

/**
 * The JSON Schema draft-07 meta-schema's validator, compiled by the build: what ajv checks a
 * schema with before compiling it, and compiles itself on first use, which is most of the cost
 * of a first compile.
 */
const META_SCHEMA_VALIDATOR = 'json-schema-draft-07';

function compileArgs(file: SourceFile, schema: ArgSpec): Template['validateArgs'] {
  const validate = argsValidator(file, schema);
  checkArgsDefaults(file, schema, validate);
  return validate;
}

function argsValidator(file: SourceFile, schema: ArgSpec): Template['validateArgs'] {
  const reserved = reservedArgName(schema);
  if (reserved) throw new CompileError([error(`invalid args schema: arg "${String(reserved[reserved.length - 1])}" cannot be named so: the name reaches a JavaScript object's prototype; rename it`, positionOf(file, ['args', ...reserved], true))]);
  const pattern = unusablePattern(schema);
  if (pattern) throw new CompileError([error(`invalid args schema: ${pattern.path.map((part) => excerpt(String(part), 40)).join('.')}: pattern cannot be used: ${pattern.message}`, positionOf(file, ['args', ...pattern.path], pattern.path[pattern.path.length - 2] === 'patternProperties'))]);
  try {
    // The built-in templates' args validators are compiled at build time.
    const built = precompiledIfBuilt(argsValidatorName(schema));
    if (built) return built;
    // A schema the build's meta-schema validator passes is one ajv's own check would pass.
    // Any other (invalid, or naming its own $schema) takes ajv's check, and its message.
    const isValid = precompiledIfBuilt(META_SCHEMA_VALIDATOR);
    if (isValid && !('$schema' in schema) && isValid(schema)) {
      checkedArgsAjv ??= createAjv({ useDefaults: true, validateSchema: false, code: { regExp: LINEAR_PATTERNS } });
      return checkedArgsAjv.compile(schema);
    }
    argsAjv ??= createAjv({ useDefaults: true, code: { regExp: LINEAR_PATTERNS } });
    return argsAjv.compile(schema);
  } catch (e) {
    throw new CompileError([error(`invalid args schema: ${(e as Error).message}`, positionOf(file, ['args'], true))]);
  }
}

/** Reads, checks and compiles one template file; `shownAs` is its name in diagnostics. */
export function loadTemplate(path: string, shownAs = path): Template {
  let text: string;
  try {
    text = readLimited(path);
  } catch (e) {
    throw new CompileError([{ severity: 'error', message: `cannot read template: ${readProblem(e)}`, file: shownAs }]);
  }
  const expected = templateName(path);
  const prebuilt = prebuiltTemplate(text);
  // A prebuilt text under another file name takes the checks below, which report the name.
  if (prebuilt && prebuilt.name === expected) return fromPrebuilt(prebuilt, shownAs, text);
  return compileTemplate(path, text, shownAs);
}

/** The name a template file must declare: its file name without `.yml`/`.yaml`. */
function templateName(path: string): string {
  return basename(path).replace(/\.ya?ml$/, '');
}

/** A template the build compiled: the same Template as compileTemplate's, without the work. */
function fromPrebuilt(prebuilt: PrebuiltTemplate, shownAs: string, text: string): Template {
  const sections: Template['sections'] = {};
  for (const name of SECTION_NAMES) {
    const section = prebuilt.sections[name];
    if (!section) continue;
    const render = sectionRenderer(section.plain, () => handlebarsWith(section.helpers).template(section.spec!));
    sections[name] = { name, render, start: { file: shownAs, line: section.line, col: section.col }, block: section.block };
  }
  let source: SourceFile | undefined;
  return {
    name: prebuilt.name,
    file: shownAs,
    description: prebuilt.description,
    requires: [...prebuilt.requires],
    listens: prebuilt.listens,
    extends: prebuilt.extends,
    targets: prebuilt.targets,
    argsSchema: structuredClone(prebuilt.args),
    validateArgs: precompiled(prebuilt.validator),
    sections,
    // Parsed only if something asks for the template's YAML.
    get source() {
      return (source ??= parseSource(shownAs, text));
    },
  };
}

/** A template file read as YAML; its YAML errors say so when Handlebars is outside a section's text. */
function parseTemplateSource(shownAs: string, text: string): SourceFile {
  try {
    return parseSource(shownAs, text);
  } catch (e) {
    if (e instanceof CompileError) throw new CompileError(withSectionTextHint(e.diagnostics, text));
    throw e;
  }
}

/**
 * Checks and compiles a template file's text at run time: what the build does ahead of time
 * for the built-in templates (scripts/build-templates.mjs).
 */
export function compileTemplate(path: string, text: string, shownAs = path): Template {
  const file = parseTemplateSource(shownAs, text);
  const raw = file.value;
  const validateFormat = precompiled('template');
  if (!validateFormat(raw)) {
    const diagnostics: Diagnostic[] = simplifySchemaErrors(validateFormat.errors).map((e) => {
      const at = instancePath(e);
      const extra = e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : undefined;
      const key = extra === undefined ? at : [...at, extra];
      const hint = extra !== undefined && at.length === 0 ? didYouMean(extra, TEMPLATE_KEYS) : sectionNotText(at, e.keyword);
      return error(`invalid template: ${at.length ? `${at.join('.')}: ` : ''}${describeSchemaError(e)}${hint}`, positionOf(file, key, true));
    });
    throw new CompileError(diagnostics);
  }
  const spec = raw as Record<string, unknown>;
  const expected = templateName(path);
  if (spec.name !== expected) {
    throw new CompileError([error(`template name "${String(spec.name)}" must equal its file name "${expected}"`, positionOf(file, ['name']))]);
  }
  const argsSchema = isObject(spec.args) ? (spec.args as ArgSpec) : EMPTY_ARGS;
  const sections: Template['sections'] = {};
  const errors: Diagnostic[] = [];
  for (const name of SECTION_NAMES) {
    if (typeof spec[name] !== 'string') continue;
    try {
      sections[name] = compileSection(file, name, spec[name] as string, argsSchema);
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      errors.push(...e.diagnostics);
    }
  }
  if (errors.length > 0) throw new CompileError(errors);
  return {
    name: expected,
    file: shownAs,
    description: String(spec.description),
    requires: (spec.requires as string[] | undefined) ?? [],
    ...readPodDeclarations(file, spec, argsSchema),
    argsSchema,
    validateArgs: compileArgs(file, argsSchema),
    sections,
    source: file,
  };
}
