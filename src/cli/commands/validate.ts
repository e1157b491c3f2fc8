import { compile } from '../../compile.js';
import { compileInputs, EXIT_ERRORS, EXIT_OK, report, stackInputs, type CompileInputFlags } from '../context.js';

/** Every diagnostic of a compile, no output; exit 1 when any is an error. */
export function runValidate(paths: string[], flags: CompileInputFlags & { strict?: boolean }): number {
  const result = compile(stackInputs(paths), { ...compileInputs(flags), strict: flags.strict });
  report(result.diagnostics, flags);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  process.stderr.write(`${errors} error(s), ${warnings} warning(s)\n`);
  return errors > 0 ? EXIT_ERRORS : EXIT_OK;
}
