import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { compile } from '../compile.js';
import type { StackInput } from '../load/read-stack.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { makeChalk, printDiagnostics } from './report.js';
import { writeFileAtomic } from './write-atomic.js';

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

interface CompileFlags {
  output?: string;
  templates: string[];
  strict?: boolean;
  color: boolean;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Reads stdin once for every `-` among the inputs. */
function stackInputs(paths: readonly string[]): StackInput[] {
  let stdin: string | undefined;
  return paths.map((path) => {
    if (path !== '-') return { path };
    stdin ??= readFileSync(0, 'utf8');
    return { path, text: stdin };
  });
}

function runCompile(paths: string[], flags: CompileFlags): number {
  const chalk = makeChalk(process.stderr, flags.color);
  const result = compile(stackInputs(paths), { templates: flags.templates, strict: flags.strict });
  printDiagnostics(result.diagnostics, chalk);
  if (result.yaml === undefined) return EXIT_ERRORS;
  if (flags.output) writeFileAtomic(flags.output, result.yaml);
  else process.stdout.write(result.yaml);
  return EXIT_OK;
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('podlike-gen');
  program
    .description('Compile a Docker Swarm stack whose services carry pod-template labels into Podlike pods.')
    .version(packageVersion(), '-V, --version')
    .argument('<stack...>', "stack files, merged in order like 'docker stack deploy -c a.yml -c b.yml'; '-' reads stdin")
    .option('-o, --output <file>', 'write the stack to FILE (atomically; untouched after any error) instead of stdout')
    .option('-t, --templates <dir>', 'extra template folder, searched first (repeatable)', collect, [])
    .option('--strict', 'warnings fail the run')
    .addOption(new Option('--no-color', 'no colour in diagnostics (also NO_COLOR)'))
    .showSuggestionAfterError(true)
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  $ podlike-gen stack.yml > out.yml
  $ podlike-gen -o out.yml stack.yml stack.prod.yml
  $ cat stack.yml | podlike-gen -t ./pod-templates -

Exit codes: 0 ok, 1 compile errors, 2 usage errors.`,
    )
    .action((paths: string[], flags: CompileFlags) => setExit(runCompile(paths, flags)));
  return program;
}

/** Runs the CLI; returns the exit code rather than exiting, so tests and wrappers can call it. */
export function main(argv: readonly string[]): number {
  let exitCode = EXIT_OK;
  const program = buildProgram((code) => (exitCode = code));
  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      const done = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help';
      return done ? EXIT_OK : EXIT_USAGE;
    }
    process.stderr.write(`podlike-gen: ${(e as Error).message}\n`);
    return EXIT_ERRORS;
  }
  return exitCode;
}
