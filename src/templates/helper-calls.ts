import { helperMisuse, LOG_REFUSED, valueHelper } from './handlebars-env.js';

/** A helper called the wrong way, and the line of the section it is on. */
export interface HelperCallProblem {
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

/**
 * Every call of a documented helper (and `lookup`, `log`, and the `if`/`unless`/`each`/`with`
 * blocks) that would fail when it renders, found when the template loads: in every branch,
 * not only in those the pods at hand take.
 */
export function helperCallProblems(ast: hbs.AST.Program): HelperCallProblem[] {
  const problems: HelperCallProblem[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const { type } = node as { type?: string };
    if (type === 'MustacheStatement' || type === 'SubExpression' || type === 'BlockStatement') {
      const message = problemOf(node as Call);
      if (message) problems.push({ line: (node as Call).loc.start.line, message });
    }
    for (const [key, child] of Object.entries(node)) if (key !== 'loc') walk(child);
  };
  walk(ast);
  return problems;
}
