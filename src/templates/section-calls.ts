import { helperMisuse, LOG_REFUSED, syntaxNodes, valueHelper } from './handlebars-env.js';

/** A helper or partial called the wrong way, and the line of the section it is on. */
export interface CallProblem {
  line: number;
  message: string;
}

/** Handlebars' own blocks, which take one value; with another count they fail only when they render. */
const BLOCKS = new Set(['if', 'unless', 'each', 'with']);

type Call = hbs.AST.MustacheStatement | hbs.AST.SubExpression | hbs.AST.BlockStatement;

/**
 * The helper a call names: a one-part name, not a path into the context (`this.x`, `./x`,
 * `../x`, `@x`), or a literal (`{{"toJson"}}` calls the helper too).
 */
function calledName(call: Call): string | undefined {
  if (call.path.type === 'StringLiteral' || call.path.type === 'NumberLiteral' || call.path.type === 'BooleanLiteral') return String((call.path as hbs.AST.StringLiteral).value);
  if (call.path.type !== 'PathExpression') return undefined;
  const path = call.path as hbs.AST.PathExpression;
  return path.data || path.depth !== 0 || path.parts.length !== 1 || /^\.|^this\b/.test(path.original) ? undefined : path.parts[0];
}

function problemOf(call: Call): string | undefined {
  const name = calledName(call);
  if (name === undefined) return undefined;
  if (name === 'log') return LOG_REFUSED;
  const block = call.type === 'BlockStatement';
  const use = { values: call.params.length, block, named: (call.hash?.pairs ?? []).map((pair) => pair.key) };
  if (block && BLOCKS.has(name)) return use.values === 1 ? undefined : `{{#${name}}} takes 1 value, not ${use.values}`;
  const helper = valueHelper(name);
  return helper && helperMisuse(name, helper, use);
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
 * `if`/`unless`/`each`/`with` blocks) called the wrong way, and a partial the section does not
 * define (none are registered: a template is one file; `{{#> name}}` with its fallback is fine).
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
    if (message) problems.push({ line: (node as { loc: hbs.AST.SourceLocation }).loc.start.line, message });
  }
  return problems;
}
