/**
 * Machine formats name a diagnostic's file relative to the folder the tool ran in (the
 * repository root in CI), with forward slashes, as code scanning and annotations expect.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';

export interface DiagnosticLocation {
  /** Relative to `cwd`, `/`-separated; stdin keeps its `<stdin>` name. */
  file: string;
  line?: number;
  col?: number;
}

function relativeFile(file: string, cwd: string): string {
  if (file.startsWith('<')) return file;
  const path = isAbsolute(file) ? relative(cwd, file) : relative(cwd, resolve(cwd, file));
  return path.split(sep).join('/');
}

/** Where a diagnostic points, if anywhere. */
export function locationOf(diagnostic: Diagnostic, cwd: string): DiagnosticLocation | undefined {
  if (diagnostic.position) return { file: relativeFile(diagnostic.position.file, cwd), line: diagnostic.position.line, col: diagnostic.position.col };
  if (diagnostic.file) return { file: relativeFile(diagnostic.file, cwd) };
  return undefined;
}
