import { didYouMean } from '../suggest.js';
import { HELPER_NAMES, helperMisuse, LOG_REFUSED, syntaxNodes, valueHelper } from './handlebars-env.js';

/** A helper or partial called the wrong way, and the line of the section it is on. */
export interface CallProblem {
  line: number;
  /** 0-based, in the section's line. */
  column: number;
  message: string;
}

/** Handlebars' own blocks, which take one value; with another count they fail only when they render. */
const BLOCKS = new Set(['if', 'unless', 'each', 'with']);

export type Call = hbs.AST.MustacheStatement | hbs.AST.SubExpression | hbs.AST.BlockStatement;

/**
 * The helper a call names: a one-part name, not a path into the context (`this.x`, `./x`,
 * `../x`, `@x`), or a literal (`{{"toJson"}}` calls the helper too).
 */
export function calledName(call: Call): string | undefined {
  if (call.path.type === 'StringLiteral' || call.path.type === 'NumberLiteral' || call.path.type === 'BooleanLiteral') return String((call.path as hbs.AST.StringLiteral).value);
  if (call.path.type !== 'PathExpression') return undefined;
  const path = call.path as hbs.AST.PathExpression;
  return path.data || path.depth !== 0 || path.parts.length !== 1 || /^\.|^this\b/.test(path.original) ? undefined : path.parts[0];
}

/**
 * A call that only a helper can make: inside `( )`, or given values or named values. Without
 * any, `{{name}}` and `{{#name}}` are a value and a block over it.
 */
export function callsHelper(call: Call): boolean {
  return call.type === 'SubExpression' || call.params.length > 0 || (call.hash?.pairs.length ?? 0) > 0;
}

/** How a call is written, for a message: `(service.name)`, `{{nope "x"}}`. */
function written(call: Call): string {
  const literal = call.path as hbs.AST.StringLiteral;
  const name = call.path.type === 'PathExpression' ? (call.path as hbs.AST.PathExpression).original : call.path.type === 'StringLiteral' ? JSON.stringify(literal.value) : String(literal.value);
  const rest = call.params.length + (call.hash?.pairs.length ?? 0) > 0 ? ' ...' : '';
  if (call.type === 'SubExpression') return `(${name}${rest})`;
  return call.type === 'BlockStatement' ? `{{#${name}${rest}}}` : `{{${name}${rest}}}`;
}

/** Every name a call can name a helper by. */
const CALLABLE = [...HELPER_NAMES, 'lookup', ...BLOCKS];

function problemOf(call: Call): string | undefined {
  const name = calledName(call);
  if (name === undefined) {
    // Handlebars would call the value as a function, and fail with its own code's text.
    if (!callsHelper(call)) return undefined;
    return `${written(call)}: ${(call.path as hbs.AST.PathExpression).original} is a value, not a helper; only a helper takes values${call.type === 'SubExpression' ? ' or goes inside ( )' : ''}`;
  }
  if (name === 'log') return LOG_REFUSED;
  const block = call.type === 'BlockStatement';
  const use = { values: call.params.length, block, named: (call.hash?.pairs ?? []).map((pair) => pair.key) };
  if (BLOCKS.has(name)) {
    if (!block) return `${written(call)}: "${name}" is a block: write {{#${name} value}}...{{/${name}}}`;
    return use.values === 1 ? undefined : `{{#${name}}} takes 1 value, not ${use.values}`;
  }
  const helper = valueHelper(name);
  if (!helper) return callsHelper(call) ? `${written(call)}: unknown helper "${name}"${didYouMean(name, CALLABLE)}` : undefined;
  return helperMisuse(name, helper, use);
}

/** The name a partial is called by, when it is written out (`{{> name}}`, not `{{> (expr)}}`). */
function partialName(partial: hbs.AST.PartialStatement): string | undefined {
  const name = partial.name as hbs.AST.PathExpression | hbs.AST.SubExpression | hbs.AST.StringLiteral;
  if (name.type === 'PathExpression') return (name as hbs.AST.PathExpression).original;
  return name.type === 'StringLiteral' ? String((name as hbs.AST.StringLiteral).value) : undefined;
}

/** The partials a section defines with `{{#*inline "name"}}`, wherever it does. */
function inlinePartials(nodes: readonly { type: string; node: unknown }[]): Set<string> {
  const names = new Set<string>();
  for (const { type, node } of nodes) {
    const block = node as hbs.AST.BlockStatement;
    if (type === 'DecoratorBlock' && (block.path as hbs.AST.PathExpression).original === 'inline' && block.params[0]?.type === 'StringLiteral') {
      names.add(String((block.params[0] as hbs.AST.StringLiteral).value));
    }
  }
  return names;
}

/**
 * Every call that would fail when it renders, found when the template loads: in every branch,
 * not only in those the pods at hand take. A documented helper (and `lookup`, `log`, and the
 * `if`/`unless`/`each`/`with` blocks) called the wrong way, a value or an unknown name called
 * as a helper, and a partial the section does not define (none are registered: a template is
 * one file; `{{#> name}}` with its fallback is fine).
 */
export function callProblems(ast: hbs.AST.Program): CallProblem[] {
  const nodes = syntaxNodes(ast);
  const defined = inlinePartials(nodes);
  const problems: CallProblem[] = [];
  for (const { type, node } of nodes) {
    let message: string | undefined;
    if (type === 'MustacheStatement' || type === 'SubExpression' || type === 'BlockStatement') message = problemOf(node as Call);
    if (type === 'PartialStatement') {
      const name = partialName(node as hbs.AST.PartialStatement);
      if (name !== undefined && !defined.has(name)) message = `partial "${name}" is not defined: a template has only the partials it defines with {{#*inline "${name}"}}`;
    }
    if (!message) continue;
    const { start } = (node as { loc: hbs.AST.SourceLocation }).loc;
    problems.push({ line: start.line, column: start.column, message });
  }
  return problems;
}
