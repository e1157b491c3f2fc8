/** Subtrees of a JSON Schema that hold data, not schemas: a `pattern` in them is not one. */
const DATA_KEYWORDS = new Set(['default', 'const', 'enum', 'examples']);

export interface UnusablePattern {
  /** Where in the schema: the `pattern` key's value, or the `patternProperties` key. */
  path: (string | number)[];
  message: string;
}

/**
 * The first regular expression of a JSON Schema (a `pattern`, a `patternProperties` key) that
 * V8 cannot compile. It says so only when the expression is first used ("Regular expression
 * too large"), that is when a pod's args are checked, not when ajv compiles the schema.
 */
export function unusablePattern(schema: unknown, path: (string | number)[] = []): UnusablePattern | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  for (const [key, value] of Object.entries(schema)) {
    if (DATA_KEYWORDS.has(key) && !Array.isArray(schema)) continue;
    const at = [...path, Array.isArray(schema) ? Number(key) : key];
    const patterns: [string, (string | number)[]][] = key === 'pattern' && typeof value === 'string' ? [[value, at]] : [];
    if (key === 'patternProperties' && value !== null && typeof value === 'object') patterns.push(...Object.keys(value).map((p): [string, (string | number)[]] => [p, [...at, p]]));
    for (const [pattern, where] of patterns) {
      const problem = compileProblem(pattern);
      if (problem) return { path: where, message: problem };
    }
    const inner = unusablePattern(value, at);
    if (inner) return inner;
  }
  return undefined;
}

/** Why V8 cannot use `pattern` as ajv does (with the u flag), or undefined. */
function compileProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u').test('');
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: \/[\s\S]*\/u: /, '');
  }
}
