import { createRequire } from 'node:module';

/** Loaded on the first misspelt name: a run without one never needs it. */
function levenshtein(): typeof import('fastest-levenshtein') {
  return createRequire(import.meta.url)('fastest-levenshtein') as typeof import('fastest-levenshtein');
}

/**
 * The known name nearest to a misspelt one, when it is near enough to be a likely typo:
 * at most a third of the name's length in edits, and at least two (a swapped pair of
 * letters) for names longer than three letters.
 */
export function nearestName(name: string, known: Iterable<string>): string | undefined {
  const candidates = [...known];
  if (candidates.length === 0) return undefined;
  const { closest, distance } = levenshtein();
  const best = closest(name, candidates);
  const longer = Math.max(name.length, best.length);
  const limit = longer <= 3 ? 1 : Math.max(2, Math.floor(longer / 3));
  return distance(name, best) <= limit || isTransposition(name, best) ? best : undefined;
}

/** Two names that differ by one swapped pair of neighbouring letters (`wbe`, `web`). */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const differ = [...a].flatMap((char, i) => (char === b[i] ? [] : [i]));
  return differ.length === 2 && differ[1] === differ[0] + 1 && a[differ[0]] === b[differ[1]] && a[differ[1]] === b[differ[0]];
}

/** ` (did you mean "x"?)`, or nothing when no name is near. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const best = nearestName(name, known);
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}
