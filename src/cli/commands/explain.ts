import { hasErrors } from '../../diagnostics.js';
import { explainPod, explainPodJson } from '../../report/explain.js';
import { didYouMean } from '../../suggest.js';
import { compileWithProgress, EXIT_ERRORS, EXIT_OK, report, type CommonFlags } from '../context.js';

/** For each key of a pod's output, the layer that set it; --format json: schemas/explain-report.schema.json. */
export function runExplain(stack: string, service: string | undefined, flags: CommonFlags & { format: 'text' | 'json' }): number {
  const result = compileWithProgress([stack], { templates: flags.templates, keepPods: true }, flags);
  report(result.diagnostics, flags);
  if (!result.pods) return EXIT_ERRORS;
  const pods = service === undefined ? result.pods : result.pods.filter((p) => p.service === service);
  if (service !== undefined && pods.length === 0) {
    report([{ severity: 'error', message: `"${service}" is not a pod in ${stack}${didYouMean(service, result.pods.map((p) => p.service))}` }], flags);
    return EXIT_ERRORS;
  }
  const text = flags.format === 'json' ? `${JSON.stringify({ pods: pods.map(explainPodJson) }, null, 2)}\n` : pods.map(explainPod).join('\n');
  process.stdout.write(text);
  return hasErrors(result.diagnostics) ? EXIT_ERRORS : EXIT_OK;
}
