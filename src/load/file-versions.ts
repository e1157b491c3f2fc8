/**
 * `docker stack deploy -c a.yml -c b.yml` refuses files that declare different Compose
 * versions ("version mismatched between two composefiles"); podlike-gen refuses them too,
 * rather than merging what docker would not deploy.
 */
import { CompileError, error } from '../diagnostics.js';
import { isObject } from '../model/compose-lists.js';
import { positionOf, type SourceFile } from './source-file.js';

/**
 * The version as docker compares it: no version, an empty one and a bare `3` all mean its
 * newest 3.x schema (measured with docker 28); anything else is compared as written.
 */
function comparedVersion(file: SourceFile): string {
  const declared = isObject(file.value) && 'version' in file.value ? file.value.version : undefined;
  if (declared === undefined || declared === '' || declared === '3') return 'newest';
  return String(declared);
}

function shownVersion(file: SourceFile): string {
  const declared = isObject(file.value) ? file.value.version : undefined;
  return declared === undefined ? 'no version' : `version ${JSON.stringify(declared)}`;
}

/** Throws an error at the later file's version when it differs from the first file's. */
export function checkSameVersion(files: readonly SourceFile[]): void {
  const [first, ...rest] = files;
  const other = rest.find((file) => comparedVersion(file) !== comparedVersion(first));
  if (!other) return;
  const at = isObject(other.value) && 'version' in other.value ? other : first;
  throw new CompileError([
    error(
      `${other.path} has ${shownVersion(other)} but ${first.path} has ${shownVersion(first)}: docker stack deploy refuses to merge files of different versions ("version mismatched between two composefiles"); declare the same version in both`,
      positionOf(at, ['version']),
    ),
  ]);
}
