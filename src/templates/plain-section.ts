import { handlebars, SafeString, valueHelper } from './handlebars-env.js';
import { valueToken, type Rendered } from './value-tokens.js';

/**
 * Sections made only of text, comments and outputs (`{{service.name}}`, `{{{raw}}}`,
 * `{{toJson args.tags}}`, `{{default args.x "y"}}`) render without Handlebars: their text is
 * the same for every pod, only the values of its outputs differ. Handlebars sets up helpers and
 * prototype-access checks on every render call, which cost more than such a section itself.
 * Anything else (blocks, partials, `@data`, `../`, `this`, hash arguments, an unknown helper) is
 * not plain and renders with Handlebars. What a plain section gives equals what Handlebars gives
 * for it, value tokens included (test/templates/plain-section.test.ts checks it).
 *
 * Plain data, so the build can store it for the built-in templates.
 */
export interface PlainSection {
  /** The text around the outputs: one more than outputs. */
  texts: string[];
  outputs: PlainOutput[];
  /** The rendered text when every output is a value token, the usual case: made once. */
  tokenText: string;
}

interface PlainOutput {
  expr: PlainExpr;
  /** `{{x}}`, whose value becomes a value token; `{{{x}}}` and `{{&x}}` insert its text. */
  escaped: boolean;
}

type PlainExpr = { path: string[] } | { literal: string | number | boolean | null | undefined } | { helper: string; params: PlainExpr[] };

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

/**
 * `helper param...` with one of the value helpers, no hash arguments, and every parameter the
 * helper declares: with fewer, Handlebars' options object takes a parameter's place (`{{default x}}`
 * returns it), which a plain render does not make.
 */
function plainCall(call: { path: hbs.AST.PathExpression | hbs.AST.Literal; params: hbs.AST.Expression[]; hash?: hbs.AST.Hash }): PlainExpr | undefined {
  const path = plainPath(call.path);
  const helper = path?.length === 1 ? valueHelper(path[0]) : undefined;
  if (!path || !helper || call.params.length === 0 || call.params.length < helper.length || (call.hash && call.hash.pairs.length > 0)) return undefined;
  const params: PlainExpr[] = [];
  for (const param of call.params) {
    const expr = plainExpr(param);
    if (!expr) return undefined;
    params.push(expr);
  }
  return { helper: path[0], params };
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

/** The plain form of a parsed section, or undefined when it needs Handlebars. */
export function plainSection(ast: hbs.AST.Program): PlainSection | undefined {
  const texts = [''];
  const outputs: PlainOutput[] = [];
  for (const statement of ast.body) {
    if (statement.type === 'ContentStatement') {
      texts[texts.length - 1] += (statement as hbs.AST.ContentStatement).value;
    } else if (statement.type === 'MustacheStatement') {
      const output = plainMustache(statement as hbs.AST.MustacheStatement);
      if (!output) return undefined;
      outputs.push(output);
      texts.push('');
    } else if (statement.type !== 'CommentStatement') {
      return undefined;
    }
  }
  // Handlebars' code joins a section's pieces with `+`: when it starts with two raw outputs,
  // two numbers or booleans add up (`{{{a}}}{{{b}}}` with 1 and 2 gives "3"). Left to it.
  if (outputs.length > 1 && texts[0] === '' && texts[1] === '' && !outputs[0].escaped && !outputs[1].escaped) return undefined;
  let tokenText = texts[0];
  for (let i = 0; i < outputs.length; i++) tokenText += valueToken(i) + texts[i + 1];
  return { texts, outputs, tokenText };
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
  if ('helper' in expr) return valueHelper(expr.helper)!(...expr.params.map((param) => evaluate(param, context)), HELPER_OPTIONS);
  // The undefined literal is `{}` once the build has written it as JSON.
  return expr.literal;
}

/**
 * Renders a plain section for one pod: the text with value tokens, and the values they stand for.
 * Each output is evaluated and written in turn, as Handlebars does, so a failing one fails first.
 */
export function renderPlain(section: PlainSection, context: object): Rendered {
  const { outputs, texts } = section;
  const values: unknown[] = [];
  let text = texts[0];
  let allTokens = true;
  for (let i = 0; i < outputs.length; i++) {
    const value = evaluate(outputs[i].expr, context);
    if (!outputs[i].escaped) {
      allTokens = false;
      // `+` as Handlebars appends raw output (valueOf before toString, unlike String()).
      if (value !== null && value !== undefined) text += value as string;
    } else if (value instanceof SafeString) {
      allTokens = false;
      text += value.toHTML();
    } else if (value === null || value === undefined) {
      allTokens = false;
    } else {
      text += valueToken(values.push(value) - 1);
    }
    text += texts[i + 1];
  }
  // The text made once is the one string every pod's render shares (renderSection's parse cache looks it up).
  return { text: allTokens ? section.tokenText : text, values };
}
