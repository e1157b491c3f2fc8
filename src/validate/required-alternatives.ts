import type { ErrorObject } from 'ajv';

/**
 * An anyOf or oneOf whose branches each require a set of keys (healthz: "at least one check")
 * fails as one problem, "set at least one of process, file, tcp_port, url": ajv reports it
 * as one "required" error per branch, and each alone reads as if that key were mandatory.
 */
export interface RequiredAlternatives {
  /** The anyOf/oneOf error itself: its instance path is the mapping the keys belong in. */
  error: ErrorObject;
  /** Each branch's required keys, `a and b` where a branch needs several. */
  choices: string[];
  /** anyOf: at least one; oneOf with none set: one; oneOf with several set: only one. */
  wording: 'at least one of' | 'one of' | 'only one of';
}

/** The schema node an ajv schema path (`#/properties/a/anyOf`) names. */
function schemaAt(schema: unknown, schemaPath: string): unknown {
  let node = schema;
  for (const part of schemaPath.replace(/^#\/?/, '').split('/').filter((p) => p !== '')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/** Each branch's `required` list, when every branch has one. */
function requiredSets(branches: unknown): string[][] | undefined {
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const sets = branches.map((branch) => (branch !== null && typeof branch === 'object' ? (branch as { required?: unknown }).required : undefined));
  if (!sets.every((set) => Array.isArray(set) && set.length > 0 && set.every((key) => typeof key === 'string'))) return undefined;
  return sets as string[][];
}

/**
 * Splits ajv's errors into the failed alternatives of required sets, one each, and the other
 * errors (those of an alternative's branches are left out: the alternative stands for them).
 */
export function findRequiredAlternatives(errors: readonly ErrorObject[] | null | undefined, schema: unknown): { alternatives: RequiredAlternatives[]; rest: ErrorObject[] } {
  const alternatives: RequiredAlternatives[] = [];
  for (const e of errors ?? []) {
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') continue;
    const sets = requiredSets(schemaAt(schema, e.schemaPath));
    if (!sets) continue;
    const several = e.keyword === 'oneOf' && Array.isArray((e.params as { passingSchemas?: unknown }).passingSchemas);
    alternatives.push({ error: e, choices: sets.map((set) => set.join(' and ')), wording: e.keyword === 'anyOf' ? 'at least one of' : several ? 'only one of' : 'one of' });
  }
  const absorbed = (e: ErrorObject) => alternatives.some((a) => e === a.error || e.schemaPath.startsWith(`${a.error.schemaPath}/`));
  return { alternatives, rest: (errors ?? []).filter((e) => !absorbed(e)) };
}
