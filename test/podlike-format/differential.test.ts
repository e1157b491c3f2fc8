/**
 * Differential test of the Podlike template format (issue 22): every Podlike test-data stack,
 * every example with x-podlike and every docs/Templates.md example is compiled by Podlike's own
 * `podlike template` (built from the shared source) and by podlike-gen; both outputs are read by
 * docker and Podlike's reader and compared pod by pod. Each difference must be one of the
 * deliberate ones docs/podlike-format.md lists; the table is printed (and written to
 * PODLIKE_DIFF_TABLE when set).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/compile.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { readersMissing } from '../readers/read-as-deployed.js';
import { docsInputs, exampleInputs, serveFolder, testdataInputs, type DifferentialInput, type LocalServer } from './differential-inputs.js';
import { comparePods, readOutput } from './pod-comparison.js';
import { podlikeTemplate, podlikeTemplateTool, TOOL_MISSING } from './podlike-template-tool.js';

/** Differences docs/podlike-format.md lists as deliberate, by the pattern of their text (and the inputs they are known on). */
const DELIBERATE: { pattern: RegExp; reason: string; inputs?: string[] }[] = [
  { pattern: /\.controller\.(args|service\.command)\.1: podlike template absent, podlike-gen "-ipc=false"$/, reason: 'the default controller runs with -ipc=false (Podlike issues #5, #7)' },
  { pattern: /^podlike template's output refused: docker stack config: invalid interpolation format/, reason: "podlike template writes docker's interpolated `$` back unescaped" },
  { pattern: /\.components\.\w+\.resources: podlike template absent/, reason: 'Compose v2 keys Podlike runs (mem_limit, ...) are kept; podlike template drops what docker\'s v3 types lack', inputs: ['docs/Templates.md example 9'] },
  { pattern: /^podlike template refuses: panic: runtime error: invalid memory address or nil pointer dereference$/, reason: 'a top-level `args:` without a value is no args; podlike template crashes on it', inputs: ['docs/Templates.md example 2'] },
  { pattern: /./, reason: 'a service with both a service-level and a top-level x-podlike gets both lists, as docs/Templates.md describes; podlike template drops the top-level lists', inputs: ['docs/Templates.md example 1', 'docs/Templates.md example 13'] },
];

/** Why a difference on an input is deliberate, or undefined. */
function deliberate(input: string, difference: string): string | undefined {
  return DELIBERATE.find((known) => known.pattern.test(difference) && (!known.inputs || known.inputs.includes(input)))?.reason;
}

/** The result column: each deliberate difference by its reason, any other as it is. */
function described(input: string, differences: readonly string[]): string {
  return [...new Set(differences.map((d) => (deliberate(input, d) ? `deliberate: ${deliberate(input, d)}` : d)))].join('; ');
}

/** docs/Templates.md examples that show a syntax on a fragment Podlike itself refuses: both must refuse them. */
const BOTH_REFUSE = new Set<string>(['docs/Templates.md example 4', 'docs/Templates.md example 11', 'docs/Templates.md example 14']);

const missing = readersMissing() ?? (podlikeTemplateTool() ? undefined : TOOL_MISSING);
let server: LocalServer | undefined;
let serverUrl = '';
const work = mkdtempSync(join(tmpdir(), 'podlike-format-diff-'));

before(async () => {
  if (!missing) {
    server = serveFolder(join(work, 'served'));
    serverUrl = await server.url;
  }
});
after(() => {
  server?.stop();
  rmSync(work, { recursive: true, force: true });
});

interface Row {
  input: string;
  pods: number;
  components: number;
  result: string;
  unexplained: string[];
}

function compareInput(input: DifferentialInput, binary: string): Row {
  const go = podlikeTemplate(binary, input.file, input.dir);
  // The docs' http templates are served locally: allowed, as a user allows the URLs they trust.
  const gen = compile(join(input.dir, input.file), { cwd: input.dir, allowOutside: serverUrl ? [serverUrl] : [] });
  const genProblem = gen.yaml === undefined ? gen.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)[0] : undefined;
  const row = (pods: number, components: number, result: string, unexplained: string[] = []): Row => ({ input: input.name, pods, components, result, unexplained });
  if (go.problem !== undefined && genProblem !== undefined) {
    return row(0, 0, `both refuse (podlike template: ${go.problem}; podlike-gen: ${genProblem})`, BOTH_REFUSE.has(input.name) ? [] : ['both refuse']);
  }
  if (genProblem !== undefined) return row(0, 0, `podlike-gen refuses: ${genProblem}`, ['podlike-gen refuses']);
  const genRead = readOutput(gen.yaml!, input.dir);
  if (genRead.problem !== undefined) return row(0, 0, `podlike-gen's output refused: ${genRead.problem}`, ['output refused']);
  const genPods = Object.keys(genRead.pods).length;
  const genComponents = Object.values(genRead.pods).reduce((sum, pod) => sum + Object.keys(pod.components).length + (pod.init ?? []).length, 0);
  if (go.problem !== undefined) {
    const difference = `podlike template refuses: ${go.problem}`;
    return row(genPods, genComponents, described(input.name, [difference]), deliberate(input.name, difference) ? [] : [difference]);
  }
  const goRead = readOutput(go.output, input.dir);
  if (goRead.problem !== undefined) {
    const difference = `podlike template's output refused: ${goRead.problem}`;
    return row(genPods, genComponents, described(input.name, [difference]), deliberate(input.name, difference) ? [] : [difference]);
  }
  const { pods, components, differences } = comparePods(goRead.pods, genRead.pods);
  const unexplained = differences.filter((d) => !deliberate(input.name, d));
  return row(pods, components, differences.length === 0 ? 'equal' : described(input.name, differences), unexplained);
}

test('every Podlike-format input compiles to the pods podlike template makes, or differs only deliberately', { skip: missing }, () => {
  const tool = podlikeTemplateTool()!;
  const inputs = [...testdataInputs(tool.source), ...exampleInputs(tool.source), ...docsInputs(tool.source, work, join(work, 'served'), serverUrl)];
  const rows = inputs.map((input) => compareInput(input, tool.binary));
  const table = ['| input | pods | components | result |', '|---|---|---|---|', ...rows.map((r) => `| ${r.input} | ${r.pods} | ${r.components} | ${r.result.replaceAll('|', '\\|').replaceAll('\n', ' ')} |`)].join('\n');
  console.log(table);
  if (process.env.PODLIKE_DIFF_TABLE) writeFileSync(process.env.PODLIKE_DIFF_TABLE, `${table}\n`);
  assert.deepEqual(rows.filter((r) => r.unexplained.length > 0).map((r) => `${r.input}: ${r.unexplained.join('; ')}`), []);
});
