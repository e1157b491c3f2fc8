/**
 * The JSON shape of diagnostics in every `--format json` report (schemas/diagnostic.schema.json):
 * severity, message, rule and, when known, file, line and col as printed in text mode.
 */
import type { Diagnostic } from '../diagnostics.js';
import { ruleOf } from './diagnostic-rules.js';

export interface DiagnosticJson {
  severity: Diagnostic['severity'];
  message: string;
  rule: string;
  file?: string;
  line?: number;
  col?: number;
}

export function diagnosticJson(d: Diagnostic): DiagnosticJson {
  const where = d.position ? { file: d.position.file, line: d.position.line, col: d.position.col } : d.file ? { file: d.file } : {};
  return { severity: d.severity, message: d.message, rule: ruleOf(d).id, ...where };
}
