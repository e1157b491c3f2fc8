import { didYouMean } from '../suggest.js';
import { readSchema, typeInWords } from '../validate/ajv.js';
import { LATEST_MINOR } from '../validate/validate-stack.js';
import { handlebars } from './handlebars-env.js';
import { calledName, callsHelper, type Call, type CallProblem } from './section-calls.js';
import type { ArgSpec } from './template.js';

/**
 * What a section's context holds at its top (see RenderContext), and what `pod` and `stack`
 * hold: a name outside these renders as nothing, where a typo should be an error.
 */
const CONTEXT = ['service', 'args', 'pod', 'stack'];
const INSIDE: Record<string, readonly string[]> = {
  pod: ['app', 'components'],
  stack: ['services', 'volumes', 'configs', 'secrets', 'networks'],
};

let serviceKeys: string[] | undefined;

/** The keys a service may have: the newest Compose 3 schema's, and the `name` podlike-gen adds (`x-` keys too). */
function composeServiceKeys(): string[] {
  if (!serviceKeys) {
    const schema = readSchema(`compose/config_schema_v3.${LATEST_MINOR}.json`) as { definitions: { service: { properties: object } } };
    serviceKeys = ['name', ...Object.keys(schema.definitions.service.properties)];
  }
  return serviceKeys;
}

/** Blocks whose body renders in the context they were given; `if` and `unless` keep theirs. */
const CONTEXT_BLOCKS = new Set(['each', 'with']);

/** Schema keywords that can allow an arg a level's `properties` does not list. */
const OPEN_KEYWORDS = ['patternProperties', 'allOf', 'anyOf', 'oneOf', '$ref', 'if', 'dependencies', 'dependentSchemas', 'unevaluatedProperties'];

/**
 * The contexts a node renders in, innermost first, as `../` climbs them: true where it is the
 * section's own (service, args, pod, stack), false where a block or partial gave another.
 */
type Contexts = readonly boolean[];

type Expression = hbs.AST.Expression;

/** The arg names a schema level lists, when it allows no other; undefined where any may come. */
function closedArgs(spec: ArgSpec | undefined): Record<string, ArgSpec> | undefined {
  if (!spec || spec.additionalProperties !== false || OPEN_KEYWORDS.some((key) => key in spec)) return undefined;
  return spec.properties ?? {};
}

/** What is wrong with `args.<parts>` for this args schema, or undefined. */
function argProblem(parts: readonly string[], schema: ArgSpec): string | undefined {
  let spec: ArgSpec | undefined = schema;
  for (let i = 0; i < parts.length; i++) {
    const known = closedArgs(spec);
    if (!known) return undefined;
    if (!Object.hasOwn(known, parts[i])) {
      const names = Object.keys(known);
      if (names.length === 0) return `the template has no ${i === 0 ? 'args' : `args under "${parts.slice(0, i).join('.')}"`}`;
      return `the template has no arg "${parts.slice(0, i + 1).join('.')}"${didYouMean(parts[i], names)}`;
    }
    spec = known[parts[i]];
  }
  return undefined;
}

/** The schema of `args.<parts>`, where the args schema lists each part. */
function argSpecAt(parts: readonly string[], schema: ArgSpec): ArgSpec | undefined {
  let spec: ArgSpec | undefined = schema;
  for (const part of parts) spec = spec?.properties && Object.hasOwn(spec.properties, part) ? spec.properties[part] : undefined;
  return spec;
}

const SCALAR_TYPES = ['string', 'integer', 'number', 'boolean'];

/** What is wrong with `{{#each <path>}}` over an arg whose schema says it is one value, not many, or undefined. */
function eachProblem(parts: readonly string[], schema: ArgSpec): string | undefined {
  if (parts[0] !== 'args' || parts.length < 2) return undefined;
  const types = argSpecAt(parts.slice(1), schema)?.type;
  const list = typeof types === 'string' ? [types] : (types ?? []);
  if (list.length === 0 || !list.every((type) => SCALAR_TYPES.includes(type))) return undefined;
  return `arg "${parts.slice(1).join('.')}" is ${list.map(typeInWords).join(' or ')}; each goes over a list or a mapping, and over this renders nothing`;
}

/** What is wrong with a path that starts at the section's own context, or undefined. */
function contextProblem(parts: readonly string[], schema: ArgSpec): string | undefined {
  const [first, second] = parts;
  if (first === undefined) return undefined;
  if (!CONTEXT.includes(first)) return `"${first}" is not in a section's context, which holds service, args, pod and stack${didYouMean(first, CONTEXT)}`;
  if (first === 'args') return argProblem(parts.slice(1), schema);
  if (first === 'service' && second !== undefined && !second.startsWith('x-') && !composeServiceKeys().includes(second)) {
    return `a service has no key "${second}" in Compose 3${didYouMean(second, composeServiceKeys())}`;
  }
  const inside = INSIDE[first];
  if (inside && second !== undefined && !inside.includes(second)) return `${first} holds ${inside.join(', ')}; not "${second}"${didYouMean(second, inside)}`;
  return undefined;
}

/** A path's parts from the section's own context (service, args, pod, stack), or undefined where it starts in another. */
function fromSectionContext(path: hbs.AST.PathExpression, contexts: Contexts): readonly string[] | undefined {
  if (path.data) return path.parts[0] === 'root' ? path.parts.slice(1) : undefined;
  return contexts[path.depth] === true ? path.parts : undefined;
}

/** Whether a call's path names a helper (checked by section-calls.ts) rather than a value to output or to render a block over. */
function callsByName(call: Call): boolean {
  const name = calledName(call);
  return callsHelper(call) || (name !== undefined && Object.hasOwn(handlebars.helpers, name));
}

/**
 * Every path of a section that names something its context does not hold: `{{args.prot}}`
 * where the args schema has `port` only, `{{serivce.name}}`, `{{service.imag}}`, `{{pod.comps}}`. Handlebars would
 * render each as nothing. Found when the template loads, in every branch; paths inside a block
 * or partial that changes the context are left alone, except those that climb back (`../`,
 * `@root`). Args are checked only where the schema allows no others (`additionalProperties:
 * false`, as a template without `args` has).
 */
export function pathProblems(ast: hbs.AST.Program, argsSchema: ArgSpec): CallProblem[] {
  const problems: CallProblem[] = [];

  const checkPath = (path: hbs.AST.PathExpression, contexts: Contexts): void => {
    const parts = fromSectionContext(path, contexts);
    const message = parts && contextProblem(parts, argsSchema);
    if (message) problems.push({ line: path.loc.start.line, column: path.loc.start.column, message: `{{${path.original}}}: ${message}` });
  };

  const checkEach = (block: hbs.AST.BlockStatement, contexts: Contexts): void => {
    const [value] = block.params;
    if (value?.type !== 'PathExpression') return;
    const path = value as hbs.AST.PathExpression;
    const parts = fromSectionContext(path, contexts);
    const message = parts && eachProblem(parts, argsSchema);
    if (message) problems.push({ line: path.loc.start.line, column: path.loc.start.column, message: `{{#each ${path.original}}}: ${message}` });
  };

  const visitExpression = (expression: Expression, contexts: Contexts): void => {
    if (expression.type === 'PathExpression') checkPath(expression as hbs.AST.PathExpression, contexts);
    if (expression.type === 'SubExpression') visitCall(expression as hbs.AST.SubExpression, contexts);
  };

  const visitArguments = (node: { params: Expression[]; hash?: hbs.AST.Hash }, contexts: Contexts): void => {
    for (const param of node.params) visitExpression(param, contexts);
    for (const pair of node.hash?.pairs ?? []) visitExpression(pair.value, contexts);
  };

  const visitCall = (call: Call, contexts: Contexts): void => {
    if (!callsByName(call)) visitExpression(call.path, contexts);
    visitArguments(call, contexts);
  };

  const visitProgram = (program: hbs.AST.Program | undefined, contexts: Contexts): void => {
    for (const statement of program?.body ?? []) visitStatement(statement, contexts);
  };

  const visitStatement = (statement: hbs.AST.Statement, contexts: Contexts): void => {
    switch (statement.type) {
      case 'MustacheStatement':
        return visitCall(statement as hbs.AST.MustacheStatement, contexts);
      case 'BlockStatement': {
        const block = statement as hbs.AST.BlockStatement;
        visitCall(block, contexts);
        const name = block.path.type === 'PathExpression' ? (block.path as hbs.AST.PathExpression).original : '';
        if (name === 'each') checkEach(block, contexts);
        // A block over a value ({{#args.list}}) renders in that value, as each and with do.
        const keeps = callsByName(block) && !CONTEXT_BLOCKS.has(name);
        visitProgram(block.program, keeps ? contexts : [false, ...contexts]);
        return visitProgram(block.inverse, contexts);
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
        return visitArguments(statement as hbs.AST.PartialStatement, contexts);
      case 'DecoratorBlock':
        // An inline partial renders in whatever context calls it.
        return visitProgram((statement as hbs.AST.BlockStatement).program, [false]);
      default:
        return undefined;
    }
  };

  visitProgram(ast, [true]);
  return problems;
}
