import assert from 'node:assert/strict';
import { CompileError, type Diagnostic } from '../../src/diagnostics.js';

/** The diagnostics a stage stops with; fails the test when it does not stop. */
export function diagnosticsOf(fn: () => unknown): Diagnostic[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof CompileError) return e.diagnostics;
    throw e;
  }
  assert.fail('expected a CompileError');
}
