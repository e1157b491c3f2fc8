import { CompileError, error, excerpt, type SourcePosition } from '../diagnostics.js';
import { HelperError, TemplateFailure } from '../templates/helper-error.js';
import { startRenderBudget } from '../templates/render-budget.js';
import { misplacedYamlInsertion, startYamlInsertions } from '../templates/yaml-insertions.js';
import { sectionPosition } from '../templates/load-template.js';
import { sectionText, type CompiledSection, type Template } from '../templates/template.js';
import { prepareDocument, yamlErrorText } from '../load/prepare-document.js';
import { fastRead } from '../load/fast-read.js';
import { indentationTab, TAB_INDENTATION } from '../load/tab-indentation.js';
import { composeDocument } from '../load/source-file.js';
import { renderedLineOrigin } from './rendered-line-origin.js';
import {
  compileFiller,
  NoFreeTokensError,
  substituteTokens,
  tokenReadOptions,
  tokensCollide,
  tokensFreeIn,
  TokenValueError,
  usingDefaultTokens,
  valueFiller,
  valueToken,
  withTokens,
  type Filler,
  type Rendered,
  currentTokens,
  type TokenSet,
} from '../templates/value-tokens.js';

/** What a template's sections see: the documented context, nothing else. */
export interface RenderContext {
  service: Record<string, unknown> & { name: string };
  args: Record<string, unknown>;
  pod: { app: string; components: string[] };
  stack: { services: string[]; volumes: object; configs: object; secrets: object; networks: object };
}

/** The most text one section may render to for one pod: more is a runaway loop, not a pod. */
const MAX_RENDERED_CHARS = 4 * 1024 * 1024;

/**
 * Pods that render a section to the same text (with value tokens: the same shape, whatever
 * their values) share one parse of it.
 */
const fillers = new WeakMap<CompiledSection, Map<string, Filler>>();

function fillerFor(template: Template, section: CompiledSection, text: string, subject: string): Filler {
  let known = fillers.get(section);
  if (!known) fillers.set(section, (known = new Map()));
  // The same text read with another token pair is another section: its own entry.
  const key = usingDefaultTokens() ? text : `${valueToken(0)}\n${text}`;
  const cached = known.get(key);
  if (cached) return cached;
  const read = fastRead(text, tokenReadOptions);
  const fast = read && valueFiller(read.value);
  if (fast) {
    known.set(key, fast);
    return fast;
  }
  // Outside the fast reader's subset, or not valid YAML: the yaml package reads it, and says what is wrong.
  let composed: ReturnType<typeof composeDocument>;
  try {
    composed = composeDocument(text);
  } catch (e) {
    // The yaml package recurses; a pathological nesting can overflow the stack before it reports.
    if (e instanceof RangeError) throw new CompileError([error(`${subject}: rendered text is not valid YAML: ${yamlErrorText(e.message)}`, sectionPosition(section, 1))]);
    throw e;
  }
  const { doc, lineCounter } = composed;
  const notValid = (message: string, offset: number): CompileError =>
    new CompileError([error(`${subject}: rendered text is not valid YAML: ${message}`, renderedPosition(template, section, text, lineCounter.linePos(offset)))]);
  if (doc.errors.length > 0) {
    const tab = indentationTab(text, doc.errors.map((e) => ({ offset: e.pos[0], message: e.message })));
    if (tab !== undefined) throw notValid(TAB_INDENTATION, tab);
    const first = doc.errors[0];
    throw notValid(yamlErrorText(first.message).replace(/^invalid YAML: /, ''), first.pos[0]);
  }
  // Checked once for all pods: each would fill the section in, and fail (or never end) on it.
  const problem = prepareDocument(doc);
  if (problem) throw notValid(problem.message, problem.node.range?.[0] ?? 0);
  const set = currentTokens();
  const filler: Filler =
    compileFiller(doc) ??
    ((values) => {
      const copy = doc.clone();
      substituteTokens(copy, values, set);
      return copy.toJS({ maxAliasCount: -1 });
    });
  known.set(key, filler);
  return filler;
}

/** The place in the template file that made a place (1-based line and column) in a section's rendered text. */
function renderedPosition(template: Template, section: CompiledSection, rendered: string, { line, col }: { line: number; col: number }): SourcePosition {
  const templateText = sectionText(template, section.name);
  if (templateText === undefined) return sectionPosition(section, line);
  const origin = renderedLineOrigin(templateText, rendered, line, col - 1);
  return sectionPosition(section, origin.line, origin.column);
}

/** Where in the template file the output that a value token stands for was written. */
function tokenPosition(template: Template, section: CompiledSection, rendered: string, index: number): SourcePosition {
  const offset = rendered.indexOf(valueToken(index));
  if (offset < 0) return sectionPosition(section, 1);
  return textPosition(template, section, rendered, offset);
}

/** Where in the template file the rendered text at an offset was written. */
function textPosition(template: Template, section: CompiledSection, rendered: string, offset: number): SourcePosition {
  const lineStart = rendered.lastIndexOf('\n', offset - 1) + 1;
  const line = (rendered.slice(0, lineStart).match(/\n/g)?.length ?? 0) + 1;
  return renderedPosition(template, section, rendered, { line, col: offset - lineStart + 1 });
}

/** What went wrong in a render, in the template author's terms. */
function renderFailure(e: Error): string {
  // Handlebars renders partials by recursion: one that calls itself without end overflows the stack.
  if (e instanceof RangeError && /call stack/.test(e.message)) return 'it calls itself without end (a partial that renders itself?)';
  if (e instanceof RangeError && /string length/.test(e.message)) return 'its text grew past what a string can hold: a loop over a large list?';
  return e.message.split('\n')[0];
}

/**
 * Renders one section and reads its YAML, with arg and service values substituted only after
 * parsing. A render whose raw text holds the token characters is rendered again with a pair
 * it does not hold, and read with that pair (see value-tokens.ts).
 */
export function renderSection(template: Template, section: CompiledSection, context: RenderContext): unknown {
  const subject = `service "${context.service.name}", template "${template.name}", section "${section.name}"`;
  const rendered = renderOnce(template, section, context, subject);
  if (!tokensCollide(rendered)) return readRendered(template, section, rendered, subject);
  let free: TokenSet;
  try {
    free = tokensFreeIn(rendered.text);
  } catch (e) {
    if (!(e instanceof NoFreeTokensError)) throw e;
    throw new CompileError([error(`${subject}: ${e.message}`, sectionPosition(section, 1))]);
  }
  return withTokens(free, () => readRendered(template, section, renderOnce(template, section, context, subject), subject));
}

function renderOnce(template: Template, section: CompiledSection, context: RenderContext, subject: string): Rendered {
  let rendered: Rendered;
  try {
    startRenderBudget();
    startYamlInsertions();
    rendered = section.render(context);
  } catch (e) {
    const at = e instanceof HelperError ? e.at : undefined;
    const line = at?.line ?? Number(/line (\d+)/.exec((e as Error).message)?.[1] ?? NaN);
    const place = sectionPosition(section, line || 1, at?.column);
    if (e instanceof TemplateFailure) {
      // The author's check refused what the stack gave: no position here, so the pod places it at its service.
      throw new CompileError([error(`service "${context.service.name}", template "${template.name}" (${place.file}:${place.line}): ${e.message}`)]);
    }
    throw new CompileError([error(`${subject}: render failed: ${renderFailure(e as Error)}`, place)]);
  }
  if (rendered.text.length > MAX_RENDERED_CHARS) {
    throw new CompileError([error(`${subject}: rendered text is too long (${rendered.text.length} characters, more than ${MAX_RENDERED_CHARS}): a loop over a large list?`, sectionPosition(section, 1))]);
  }
  const misplaced = misplacedYamlInsertion(rendered.text);
  if (misplaced) {
    const edge = textPosition(template, section, rendered.text, rendered.text.lastIndexOf('\n', misplaced.offset - 1) + 1).col;
    const place = misplaced.afterKey ? `on the next line, at column ${edge}` : `in place of the indentation, at column ${edge}`;
    throw new CompileError([
      error(
        `${subject}: toYaml's text of several lines is inserted where only its first line is indented, so the others fall out of their mapping: write {{indent ${misplaced.width} (toYaml ...)}} ${place} (where the section's lines start)`,
        textPosition(template, section, rendered.text, misplaced.offset),
      ),
    ]);
  }
  return rendered;
}

function readRendered(template: Template, section: CompiledSection, rendered: Rendered, subject: string): unknown {
  try {
    return fillerFor(template, section, rendered.text, subject)(rendered.values);
  } catch (e) {
    if (!(e instanceof TokenValueError)) throw e;
    throw new CompileError([error(`${subject}: a mapping value (${excerpt(JSON.stringify(e.value))}) was written inside a longer string; use toYaml or toJson to insert it`, tokenPosition(template, section, rendered.text, e.index))]);
  }
}
