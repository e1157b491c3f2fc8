/**
 * One fuzz case: a mutated input stack compiled in-process, classified by what came back.
 * Shared by fuzz.test.ts (a few hundred cases in npm test) and fuzz-run.ts (`npm run fuzz`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { compile, type CompileOptions } from '../../src/compile.js';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics.js';
import { explainPod } from '../../src/report/explain.js';
import { GRAPH_FORMATS, podGraph, renderGraph } from '../../src/report/graph.js';
import { ROOT } from '../helpers/paths.js';
import { mutate, MUTATOR_NAMES, TEMPLATE_MUTATION_DRAW, type FuzzInput } from './mutators.js';

/** A case longer than this is slow, and worth a look (npm run fuzz reports it). */
export const SLOW_MS = 5000;

/**
 * A case longer than this is a hang: the tests fail it. It guards liveness, not speed (cases
 * take milliseconds; speed is the bench's business), so it is far above SLOW_MS for a busy CI machine.
 */
export const HANG_MS = 30_000;

export type OutcomeKind =
  /** output and no error diagnostics */
  | 'ok'
  /** error diagnostics, each with a file position or file name, and no output */
  | 'errors'
  /** an exception escaped compile(), or making the reports (explain, graph) */
  | 'crash'
  /** took longer than SLOW_MS (or the slowMs asked for) */
  | 'slow'
  /** a result that breaks compile()'s contract: errors and output, neither, an error that points nowhere, or another output when pods are kept */
  | 'bad-result'
  /** the output does not compile to itself */
  | 'not-idempotent';

export interface Outcome {
  kind: OutcomeKind;
  input: string;
  seed: number;
  mutation: string;
  ms: number;
  detail?: string;
}

export const FAILURE_KINDS: readonly OutcomeKind[] = ['crash', 'slow', 'bad-result', 'not-idempotent'];

const texts = new Map<string, string>();
function original(path: string): string {
  let text = texts.get(path);
  if (text === undefined) {
    text = readFileSync(path, 'utf8');
    texts.set(path, text);
  }
  return text;
}

/** The mutated text of a case, for writing a reproduction to disk. */
export function mutatedText(input: FuzzInput, seed: number, mutators: readonly string[] = input.template ? TEMPLATE_MUTATION_DRAW : MUTATOR_NAMES): { text: string; description: string } {
  return mutate(original(join(input.dir, input.mutated)), seed, mutators);
}

/**
 * Runs `run` with the stack files' texts and the template folders to compile with: for a
 * mutated template, a temporary folder holding it comes first, so it is found before the original.
 */
function withMutatedInput<T>(input: FuzzInput, text: string, run: (stacks: { path: string; text: string }[], templates: string[]) => T): T {
  const stackFile = (file: string) => ({ path: file, text: !input.template && file === input.mutated ? text : original(join(input.dir, file)) });
  const stacks = input.files.map(stackFile);
  if (!input.template) return run(stacks, input.templates);
  const folder = mkdtempSync(join(tmpdir(), 'podlike-fuzz-template-'));
  try {
    writeFileSync(join(folder, `${input.template}.yml`), text);
    return run(stacks, [folder, ...input.templates]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Compiles one mutated input with cwd at its folder; never throws. With `idempotence`, a
 * successful output must also compile to itself, and a compile keeping its pods must give the
 * same output and reports that build.
 */
export function runFuzzCase(input: FuzzInput, seed: number, options: { idempotence?: boolean; mutators?: readonly string[]; slowMs?: number } = {}): Outcome {
  const { text, description } = mutatedText(input, seed, options.mutators);
  return withMutatedInput(input, text, (stackInputs, templates) => classify(stackInputs, { cwd: input.dir, templates, env: {} }, { input: input.name, seed, mutation: description }, options));
}

/**
 * A message that is JavaScript's (or Handlebars' generated code's) rather than ours: a
 * TypeError or RangeError passed on as it was.
 */
const JAVASCRIPT_TEXT = /is not a function|Cannot read propert|Cannot convert|is not iterable|undefined is not|lookupProperty|\bdepth0\b|\bstack1\b|Maximum call stack|Invalid string length/;

/** Whether a diagnostic's line and column are inside the file it names, where that file can be read. */
function insideItsFile(d: Diagnostic, stackInputs: readonly { path: string; text: string }[], cwd: string): boolean {
  if (!d.position) return true;
  const { file, line, col } = d.position;
  let text = stackInputs.find((input) => input.path === file)?.text;
  try {
    text ??= readFileSync(file.startsWith('podlike-gen/') ? join(ROOT, file.slice('podlike-gen/'.length)) : isAbsolute(file) ? file : join(cwd, file), 'utf8');
  } catch {
    return true;
  }
  // A CR alone ends a line too, in YAML and in the positions.
  const lines = text.split(/\r\n|\r|\n/);
  if (line < 1 || line > lines.length || col < 1) return false;
  // A section's first line may be blank: what is placed at the section's start keeps the section's column.
  return col <= lines[line - 1].length + 1 || lines[line - 1].trim() === '';
}

/** Compiles the stack files (and the output again, for idempotence) and says what came back. */
function classify(stackInputs: { path: string; text: string }[], compileOptions: CompileOptions, base: Pick<Outcome, 'input' | 'seed' | 'mutation'>, options: { idempotence?: boolean; slowMs?: number }): Outcome {
  const started = performance.now();
  let result: ReturnType<typeof compile>;
  try {
    result = compile(stackInputs, compileOptions);
  } catch (e) {
    return { ...base, kind: 'crash', ms: performance.now() - started, detail: (e as Error)?.stack ?? String(e) };
  }
  const ms = performance.now() - started;
  if (ms > (options.slowMs ?? SLOW_MS)) return { ...base, kind: 'slow', ms, detail: `${Math.round(ms)} ms` };

  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) {
    if (result.yaml === undefined) return { ...base, kind: 'bad-result', ms, detail: 'no error diagnostics and no output' };
    if (options.idempotence) {
      let again: ReturnType<typeof compile>;
      try {
        again = compile([{ path: 'out.yml', text: result.yaml }], compileOptions);
      } catch (e) {
        return { ...base, kind: 'crash', ms, detail: `compiling the output: ${(e as Error)?.stack ?? String(e)}` };
      }
      if (again.yaml !== result.yaml) {
        const why = again.yaml === undefined ? again.diagnostics.map(formatDiagnostic).join('\n') : firstDifference(result.yaml, again.yaml);
        return { ...base, kind: 'not-idempotent', ms, detail: why };
      }
      const reports = reportProblem(stackInputs, compileOptions, result.yaml);
      if (reports) return { ...base, kind: reports.startsWith('the output') ? 'bad-result' : 'crash', ms, detail: reports };
    }
    return { ...base, kind: 'ok', ms };
  }
  if (result.yaml !== undefined) return { ...base, kind: 'bad-result', ms, detail: `output despite errors:\n${errors.map(formatDiagnostic).join('\n')}` };
  const nowhere = errors.filter((d) => !d.position && !d.file);
  if (nowhere.length > 0) return { ...base, kind: 'bad-result', ms, detail: `an error with no file position or file name: ${nowhere.map(formatDiagnostic).join('\n')}` };
  const outside = errors.filter((d) => !insideItsFile(d, stackInputs, compileOptions.cwd!));
  if (outside.length > 0) return { ...base, kind: 'bad-result', ms, detail: `a position outside its file: ${outside.map(formatDiagnostic).join('\n')}` };
  const internal = errors.filter((d) => JAVASCRIPT_TEXT.test(d.message));
  if (internal.length > 0) return { ...base, kind: 'bad-result', ms, detail: `an error in JavaScript's words, not the user's: ${internal.map(formatDiagnostic).join('\n')}` };
  return { ...base, kind: 'errors', ms, detail: formatDiagnostic(errors[0]) };
}

/**
 * What goes wrong making the reports (explain, graph in every format) of a compile that
 * succeeded, whose pods are kept for them: an exception, or an output other than the plain compile's.
 */
function reportProblem(stackInputs: { path: string; text: string }[], compileOptions: CompileOptions, yaml: string): string | undefined {
  try {
    const kept = compile(stackInputs, { ...compileOptions, keepPods: true });
    if (kept.yaml !== yaml) return `the output with keepPods differs: ${kept.yaml === undefined ? kept.diagnostics.map(formatDiagnostic).join('\n') : firstDifference(yaml, kept.yaml)}`;
    kept.pods!.forEach(explainPod);
    const graph = podGraph(kept.pods!, kept.stack!);
    for (const format of GRAPH_FORMATS) renderGraph(graph, format);
    return undefined;
  } catch (e) {
    return `making the reports: ${(e as Error)?.stack ?? String(e)}`;
  }
}

function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  const i = la.findIndex((line, n) => line !== lb[n]);
  return `first difference at output line ${i + 1}:\n- ${JSON.stringify(la[i])}\n+ ${JSON.stringify(lb[i])}`;
}

/** How to reproduce a case from the shell (`mutators`: the run's FUZZ_MUTATORS). */
export function reproduction(outcome: Pick<Outcome, 'input' | 'seed' | 'mutation'>, mutators?: readonly string[]): string {
  const only = mutators ? ` FUZZ_MUTATORS=${mutators.join(',')}` : '';
  return `${outcome.input} seed ${outcome.seed} (${outcome.mutation}); rerun: FUZZ_INPUT=${outcome.input} FUZZ_SEED=${outcome.seed}${only} FUZZ_CASES=1 npm run fuzz`;
}
