import { compile } from '../../compile.js';
import { hasErrors } from '../../diagnostics.js';
import { explainPod } from '../../report/explain.js';
import { didYouMean } from '../../suggest.js';
import { EXIT_ERRORS, EXIT_OK, report, stackInputs, type CommonFlags } from '../context.js';

/** For each key of a pod's output, the layer that set it. */
export function runExplain(stack: string, service: string | undefined, flags: CommonFlags): number {
  const result = compile(stackInputs([stack]), { templates: flags.templates, allowOutside: flags.allowOutside, keepPods: true });
  report(result.diagnostics, flags);
  if (!result.pods) return EXIT_ERRORS;
  const pods = service === undefined ? result.pods : result.pods.filter((p) => p.service === service);
  if (service !== undefined && pods.length === 0) {
    process.stderr.write(`error: "${service}" is not a pod in ${stack}${didYouMean(service, result.pods.map((p) => p.service))}\n`);
    return EXIT_ERRORS;
  }
  process.stdout.write(pods.map(explainPod).join('\n'));
  return hasErrors(result.diagnostics) ? EXIT_ERRORS : EXIT_OK;
}
