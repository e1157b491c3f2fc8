import { createRequire } from 'node:module';

/** A unified diff of two texts; the diff library loads only when a diff is shown. */
export function unifiedDiff(oldName: string, newName: string, oldText: string, newText: string): string {
  const { createTwoFilesPatch } = createRequire(import.meta.url)('diff') as typeof import('diff');
  return createTwoFilesPatch(oldName, newName, oldText, newText);
}
