/**
 * Two mounts at one container path in one service or component: docker refuses the service
 * at deploy ("duplicate mount point"), and in a pod the layers' merge by path would keep only
 * the last one, so both are an error wherever they are written.
 */
import { error, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { mountTarget, type Json } from '../model/compose-lists.js';

/** How an entry is shown: as written, or its long form's source and target. */
function shown(entry: Json): string {
  return typeof entry === 'string' ? entry : JSON.stringify(entry);
}

/** An error for each mount of `volumes` at a container path an earlier entry already has. */
export function duplicateMounts(subject: string, volumes: Json | undefined, where: (index: number) => SourcePosition | undefined): Diagnostic[] {
  if (!Array.isArray(volumes)) return [];
  const seen = new Map<string, Json>();
  const errors: Diagnostic[] = [];
  volumes.forEach((entry, index) => {
    const target = mountTarget(entry).replace(/(.)\/+$/, '$1');
    const first = seen.get(target);
    if (first === undefined) seen.set(target, entry);
    else errors.push(error(`${subject}: volumes "${shown(first)}" and "${shown(entry)}" both mount at ${target} (docker refuses a duplicate mount point): keep one`, where(index)));
  });
  return errors;
}
