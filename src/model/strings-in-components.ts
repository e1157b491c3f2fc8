import type { Json } from './compose-lists.js';

/** A match in one string of a component: the component, the string's path (`environment.INSTANCE`), what matched. */
export interface StringMatch {
  component: string;
  path: string;
  match: string;
}

function walk(value: Json, path: string[], find: (text: string) => string | undefined, visit: (path: string, match: string) => void): void {
  if (typeof value === 'string') {
    const match = find(value);
    if (match !== undefined) visit(path.join('.'), match);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    path.push(key);
    walk((value as Record<string, Json>)[key], path, find, visit);
    path.pop();
  }
}

/** Every string value under each component for which `find` returns a match, in order. */
export function findInComponentStrings(components: Record<string, Json>, find: (text: string) => string | undefined): StringMatch[] {
  const found: StringMatch[] = [];
  for (const component of Object.keys(components)) walk(components[component], [], find, (path, match) => found.push({ component, path, match }));
  return found;
}
