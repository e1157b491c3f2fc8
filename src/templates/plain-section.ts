import { handlebars, SafeString, valueHelper, type ValueHelper } from './handlebars-env.js';
import { atCall, type CallPlace } from './helper-error.js';
import { usingDefaultTokens, valueToken, type Rendered } from './value-tokens.js';

/**
 * Sections made only of text, comments, outputs (`{{service.name}}`, `{{{raw}}}`,
 * `{{toJson args.tags}}`, `{{default args.x "y"}}`, `{{lookup list 0}}`) and `{{#if}}`/`{{#unless}}` blocks on such
 * values (with `{{else}}`) render without Handlebars: only the values of their outputs and
 * conditions differ from pod to pod. Handlebars sets up helpers and prototype-access checks on
 * every render call, which cost more than such a section itself. Anything else (`each`,
 * partials, `@data`, `../`, `this`, hash arguments, an unknown helper) is not plain and renders
 * with Handlebars. What a plain section gives equals what Handlebars gives for it, value tokens
 * included (test/templates/plain-section.test.ts checks it).
 *
 * Plain data, so the build can store it for the built-in templates.
 */
export interface PlainSection {
  body: PlainPart[];
  /** The rendered text when the section has no blocks and every output is a value token, the usual case: made once. */
  tokenText?: string;
}

/** Text, an output, or a block. */
type PlainPart = string | PlainOutput | PlainBlock;

interface PlainOutput {
  expr: PlainExpr;
  /** `{{x}}`, whose value becomes a value token; `{{{x}}}` and `{{&x}}` insert its text. */
  escaped: boolean;
}

/** `{{#if condition}}then{{else}}otherwise{{/if}}`; `{{#unless}}` swaps the two. */
interface PlainBlock {
  condition: PlainExpr;
  then: PlainPart[];
  otherwise: PlainPart[];
}

type PlainExpr = { path: string[] } | { literal: string | number | boolean | null | undefined } | PlainCall;

/** A helper call, and where in the section it is (for the message when the helper refuses a value). */
interface PlainCall {
  helper: string;
  params: PlainExpr[];
  at: CallPlace;
}

/** What a helper gets last, in place of Handlebars' options object; the value helpers only check it is there. */
const HELPER_OPTIONS = Object.freeze({ hash: Object.freeze({}) });

function plainPath(node: hbs.AST.Expression): string[] | undefined {
  if (node.type !== 'PathExpression') return undefined;
  const path = node as hbs.AST.PathExpression;
  const scoped = /^\.|^this\b/.test(path.original);
  return path.data || path.depth !== 0 || scoped || path.parts.length === 0 ? undefined : [...path.parts];
}

function plainExpr(node: hbs.AST.Expression): PlainExpr | undefined {
  switch (node.type) {
    case 'StringLiteral':
    case 'NumberLiteral':
    case 'BooleanLiteral':
      return { literal: (node as hbs.AST.StringLiteral).value };
    case 'NullLiteral':
      return { literal: null };
    case 'UndefinedLiteral':
      return { literal: undefined };
    case 'SubExpression':
      return plainCall(node as hbs.AST.SubExpression);
    default: {
      const path = plainPath(node);
      return path && { path };
    }
  }
}

/** Handlebars' own `lookup`: a property of a value, read as Handlebars reads template data. */
const PLAIN_LOOKUP: ValueHelper = { min: 2, max: 2, fn: (value, field) => (value ? lookup(value, field as string) : value) };

/** The helpers a plain section calls: the documented value helpers, and Handlebars' `lookup`. */
function plainHelper(name: string): ValueHelper | undefined {
  return name === 'lookup' ? PLAIN_LOOKUP : valueHelper(name);
}

/**
 * `helper param...` with one of the plain helpers, no hash arguments, and as many values as the
 * helper takes. Any other call is left to Handlebars, whose environment refuses it with a message.
 */
function plainCall(call: { path: hbs.AST.PathExpression | hbs.AST.Literal; params: hbs.AST.Expression[]; hash?: hbs.AST.Hash; loc: hbs.AST.SourceLocation }): PlainExpr | undefined {
  const path = plainPath(call.path);
  const helper = path?.length === 1 ? plainHelper(path[0]) : undefined;
  if (!path || !helper || call.params.length < helper.min || call.params.length > helper.max || (call.hash && call.hash.pairs.length > 0)) return undefined;
  const params: PlainExpr[] = [];
  for (const param of call.params) {
    const expr = plainExpr(param);
    if (!expr) return undefined;
    params.push(expr);
  }
  return { helper: path[0], params, at: call.loc.start };
}

function plainMustache(mustache: hbs.AST.MustacheStatement): PlainOutput | undefined {
  let expr: PlainExpr | undefined;
  if (mustache.params.length > 0) {
    expr = plainCall(mustache);
  } else {
    const path = plainPath(mustache.path);
    // A one-part name is looked up as a helper first: only a name no helper has is a value.
    const maybeHelper = path?.length === 1 && Object.hasOwn(handlebars.helpers, path[0]);
    expr = path && !maybeHelper && (!mustache.hash || mustache.hash.pairs.length === 0) ? { path } : undefined;
  }
  return expr && { expr, escaped: mustache.escaped };
}

/** `{{#if x}}` or `{{#unless x}}` on one plain value, with no block params or hash. */
function plainBlock(block: hbs.AST.BlockStatement): PlainBlock | undefined {
  const helper = block.path.type === 'PathExpression' ? (block.path as hbs.AST.PathExpression).original : undefined;
  if ((helper !== 'if' && helper !== 'unless') || block.params.length !== 1 || (block.hash && block.hash.pairs.length > 0) || !block.program) return undefined;
  if (block.program.blockParams?.length || block.inverse?.blockParams?.length) return undefined;
  const condition = plainExpr(block.params[0]);
  const program = plainProgram(block.program);
  const inverse = block.inverse ? plainProgram(block.inverse) : [];
  if (!condition || !program || !inverse) return undefined;
  return helper === 'if' ? { condition, then: program, otherwise: inverse } : { condition, then: inverse, otherwise: program };
}

/**
 * Whether a part can render as something other than a string: a raw output (a number stays
 * a number) or a block whose taken program can.
 */
function maybeNotString(part: PlainPart | undefined): boolean {
  if (part === undefined || typeof part === 'string') return false;
  if ('expr' in part) return !part.escaped;
  return !isStringValued(part.then) || !isStringValued(part.otherwise);
}

/** A program is one `+` of its parts: a string once either of its first two parts is one. */
function isStringValued(parts: readonly PlainPart[]): boolean {
  return parts.length === 0 || !maybeNotString(parts[0]) || (parts.length > 1 && !maybeNotString(parts[1]));
}

function plainProgram(program: hbs.AST.Program): PlainPart[] | undefined {
  const parts: PlainPart[] = [];
  for (const statement of program.body) {
    let part: PlainPart | undefined;
    if (statement.type === 'ContentStatement') {
      const text = (statement as hbs.AST.ContentStatement).value;
      if (typeof parts[parts.length - 1] === 'string') parts[parts.length - 1] += text;
      else if (text !== '') parts.push(text);
      continue;
    }
    if (statement.type === 'CommentStatement') continue;
    if (statement.type === 'MustacheStatement') part = plainMustache(statement as hbs.AST.MustacheStatement);
    else if (statement.type === 'BlockStatement') part = plainBlock(statement as hbs.AST.BlockStatement);
    if (!part) return undefined;
    parts.push(part);
  }
  // Handlebars' code joins a program's parts with `+`: when its first two can both be numbers
  // or booleans, they add up (`{{{a}}}{{{b}}}` with 1 and 2 gives "3"). Left to it.
  return maybeNotString(parts[0]) && maybeNotString(parts[1]) ? undefined : parts;
}

/** The plain form of a parsed section, or undefined when it needs Handlebars. */
export function plainSection(ast: hbs.AST.Program): PlainSection | undefined {
  const body = plainProgram(ast);
  if (!body) return undefined;
  if (!body.every((part) => typeof part === 'string' || ('expr' in part && part.escaped))) return { body };
  let index = 0;
  const tokenText = body.map((part) => (typeof part === 'string' ? part : valueToken(index++))).join('');
  return { body, tokenText };
}

/** A property as Handlebars reads it from template data: own properties only. */
function lookup(parent: unknown, name: string): unknown {
  const value = (parent as Record<string, unknown>)[name];
  return value === null || value === undefined || Object.hasOwn(Object(parent), name) ? value : undefined;
}

function evaluate(expr: PlainExpr, context: object): unknown {
  if ('path' in expr) {
    let value: unknown = context;
    for (const part of expr.path) {
      if (value === null || value === undefined) return value;
      value = lookup(value, part);
    }
    return value;
  }
  if ('helper' in expr) return call(expr, context);
  // The undefined literal is `{}` once the build has written it as JSON.
  return expr.literal;
}

/** A helper's value; a value it refuses is an error at the call. */
function call(expr: PlainCall, context: object): unknown {
  const values = expr.params.map((param) => evaluate(param, context));
  try {
    return plainHelper(expr.helper)!.fn(...values, HELPER_OPTIONS);
  } catch (e) {
    throw atCall(e, expr.at);
  }
}

/** Handlebars' `if`: false for a falsy value and an empty list; a function is called first. */
function holds(value: unknown, context: object): boolean {
  const condition = typeof value === 'function' ? (value as (this: object) => unknown).call(context) : value;
  return !!condition && !(Array.isArray(condition) && condition.length === 0);
}

interface Render {
  values: unknown[];
  /** Every output so far became a value token. */
  allTokens: boolean;
}

/** An output's text: a value token for a value, the text itself for raw output. */
function outputText(output: PlainOutput, context: object, render: Render): string {
  const value = evaluate(output.expr, context);
  if (!output.escaped) {
    render.allTokens = false;
    // `+` as Handlebars appends raw output (valueOf before toString, unlike String()).
    return value === null || value === undefined ? '' : '' + (value as string);
  }
  if (value instanceof SafeString) {
    render.allTokens = false;
    return value.toHTML();
  }
  if (value === null || value === undefined) {
    render.allTokens = false;
    return '';
  }
  return valueToken(render.values.push(value) - 1);
}

/** Each part evaluated and written in turn, as Handlebars does, so a failing one fails first. */
function renderParts(parts: readonly PlainPart[], context: object, render: Render): string {
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') text += part;
    else if ('expr' in part) text += outputText(part, context, render);
    else text += renderParts(holds(evaluate(part.condition, context), context) ? part.then : part.otherwise, context, render);
  }
  return text;
}

/** Renders a plain section for one pod: the text with value tokens, and the values they stand for. */
export function renderPlain(section: PlainSection, context: object): Rendered {
  const render: Render = { values: [], allTokens: true };
  const text = renderParts(section.body, context, render);
  // The text made once is the one string every pod's render shares (renderSection's parse cache looks it up).
  return { text: render.allTokens && section.tokenText !== undefined && usingDefaultTokens() ? section.tokenText : text, values: render.values };
}
