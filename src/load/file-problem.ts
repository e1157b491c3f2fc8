/**
 * Why a file could not be read or written, in words. Node's own message names the system call
 * ("EISDIR: illegal operation on a directory, read"), not what the user has to fix.
 */
function problemOf(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of its path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'ELOOP':
      return 'its path is a loop of symbolic links';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return (e as Error).message;
  }
}

/** Why a file could not be read. */
export function readProblem(e: unknown): string {
  return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : problemOf(e);
}

/** Why a file or folder could not be written or made. */
export function writeProblem(e: unknown): string {
  return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : problemOf(e);
}
