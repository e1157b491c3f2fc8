import { re2Problem } from './linear-patterns.js';

/** Subtrees of a JSON Schema that hold data, not schemas: a `pattern` in them is not one. */
const DATA_KEYWORDS = new Set(['default', 'const', 'enum', 'examples']);

export interface UnusablePattern {
  /** Where in the schema: the `pattern` key's value, or the `patternProperties` key. */
  path: (string | number)[];
  message: string;
}

/**
 * The first regular expression of a JSON Schema (a `pattern`, a `patternProperties` key) that
 * V8 cannot compile or RE2 cannot read. V8 says so only when the expression is first used
 * ("Regular expression too large"), that is when a pod's args are checked, not when ajv
 * compiles the schema; RE2's refusal is found here too, where the position is known.
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

/**
 * Why `pattern` cannot be used, or undefined: V8 must compile it as ajv does (with the u flag),
 * and RE2 must read it, as every value is matched with RE2 (linear-patterns.ts).
 */
function compileProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u').test('');
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: \/[\s\S]*\/u: /, '');
  }
  const re2 = re2Problem(pattern);
  return re2 && `RE2 cannot read it (${re2}): patterns are matched with RE2, in time linear in the value, so lookarounds, back-references and repeats over 1000 are not available`;
}
