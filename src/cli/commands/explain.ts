import { compile } from '../../compile.js';
import { hasErrors } from '../../diagnostics.js';
import { explainPod } from '../../report/explain.js';
import { didYouMean } from '../../suggest.js';
import { existsSync } from 'node:fs';
import { compileInputs, EXIT_ERRORS, EXIT_OK, report, stackInputs, type CompileInputFlags } from '../context.js';

/** A last argument (of several) that names no file and does not look like one is the service to explain. */
function splitService(args: readonly string[]): { stacks: string[]; service?: string } {
  const last = args[args.length - 1];
  const isService = args.length > 1 && last !== '-' && !/\.(ya?ml|json)$/i.test(last) && !existsSync(last);
  return isService ? { stacks: args.slice(0, -1), service: last } : { stacks: [...args] };
}

/** For each arg and each key of a pod's output, the layer that set it. */
export function runExplain(args: string[], flags: CompileInputFlags): number {
  const { stacks, service } = splitService(args);
  const stack = stacks.join(' + ');
  const result = compile(stackInputs(stacks), { ...compileInputs(flags), keepPods: true });
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
