import { podGraph, renderGraph, type GraphFormat } from '../../report/graph.js';
import { compileInputs, compileWithProgress, EXIT_ERRORS, EXIT_OK, report, type CompileInputFlags } from '../context.js';

/** The whole stack as a picture: DOT, Mermaid or PlantUML text. */
export function runGraph(stacks: string[], flags: CompileInputFlags & { format: GraphFormat }): number {
  const result = compileWithProgress(stacks, { ...compileInputs(flags), keepPods: true }, flags);
  report(result.diagnostics, flags);
  if (!result.pods || !result.stack) return EXIT_ERRORS;
  process.stdout.write(renderGraph(podGraph(result.pods, result.stack), flags.format));
  return EXIT_OK;
}
