import { compile } from '../../compile.js';
import { podGraph, renderGraph, type GraphFormat } from '../../report/graph.js';
import { compileInputs, EXIT_ERRORS, EXIT_OK, report, stackInputs, type CompileInputFlags } from '../context.js';

/** The pods of a stack as a picture: DOT, Mermaid or PlantUML text. */
export function runGraph(stacks: string[], flags: CompileInputFlags & { format: GraphFormat }): number {
  const result = compile(stackInputs(stacks), { ...compileInputs(flags), keepPods: true });
  report(result.diagnostics, flags);
  if (!result.pods || !result.stack) return EXIT_ERRORS;
  process.stdout.write(renderGraph(podGraph(result.pods, result.stack), flags.format));
  return EXIT_OK;
}
