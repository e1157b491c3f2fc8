import { error, warning, type Diagnostic } from '../diagnostics.js';
import { stackPosition, type LoadedStack } from '../load/read-stack.js';
import { didYouMean } from '../suggest.js';
import type { TemplateLibrary } from '../templates/template-library.js';
import type { StackConfig } from './pod-config.js';
import { outsideDiagnostic } from '../outside-args/outside-arg.js';

/**
 * Stack-wide args (`x-podlike.args`) name their template. A name no template folder has is an
 * error with the nearest name: a misspelt one would otherwise leave its args unused without a
 * word, as a pod's own would not. A template that no pod applies gets a warning: its args do
 * nothing.
 */
export function stackArgsProblems(stack: LoadedStack, stackConfig: StackConfig, library: TemplateLibrary, applied: ReadonlySet<string>): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const template of Object.keys(stackConfig.args)) {
    if (applied.has(template)) continue;
    const where = stackPosition(stack, ['x-podlike', 'args', template], true);
    if (library.locate(template) === undefined) {
      problems.push(error(`x-podlike.args has args for template "${template}", which no template folder has${didYouMean(template, library.names())}`, where));
    } else {
      problems.push(warning(`x-podlike.args has args for template "${template}", which no pod applies: they are unused`, where));
    }
  }
  return problems;
}

/**
 * Outside args name what they are for: a per-service arg's service must be a pod (it cannot
 * make one), and stack-wide args for a template no pod applies do nothing, as unused stack
 * args do (a warning).
 */
export function outsideArgsProblems(stackConfig: StackConfig, pods: ReadonlySet<string>, applied: ReadonlySet<string>): Diagnostic[] {
  const { stackWide, perService } = stackConfig.outside;
  return [
    ...perService
      .filter((arg) => !pods.has(arg.service as string))
      .map((arg) => outsideDiagnostic(arg, 'error', `service "${arg.service}" is not a pod (it has no podlike.templates label nor x-podlike): its args would be unused`, 'service')),
    ...stackWide.filter((arg) => !applied.has(arg.template)).map((arg) => outsideDiagnostic(arg, 'warning', `no pod applies template "${arg.template}": the arg is unused`, 'template')),
  ];
}
