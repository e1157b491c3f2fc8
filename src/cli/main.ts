import { existsSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { GRAPH_FORMATS } from '../report/graph.js';
import { nearestName } from '../suggest.js';
import { runCompile } from './commands/compile.js';
import { runDeploy } from './commands/deploy.js';
import { runExplain } from './commands/explain.js';
import { runGraph } from './commands/graph.js';
import { runMigrate } from './commands/migrate.js';
import { runNewTemplate } from './commands/new-template.js';
import { runTemplatesList, runTemplatesShow } from './commands/templates.js';
import { runTests } from './commands/test.js';
import { runValidate, VALIDATE_FORMATS } from './commands/validate.js';
import { collect, DIAGNOSTIC_FORMATS, EXIT_ERRORS, EXIT_OK, EXIT_USAGE, flushDiagnostics } from './context.js';
import { packageVersion } from './package-version.js';

export { EXIT_ERRORS, EXIT_OK, EXIT_USAGE } from './context.js';

const COMMANDS = ['validate', 'templates', 'explain', 'graph', 'new-template', 'test', 'deploy', 'migrate'];

/** The options every command takes: template folders, colour, quiet. */
function withCommonOptions(command: Command): Command {
  return command
    .option('-t, --templates <dir>', 'extra template folder, searched first (repeatable)', collect, [])
    .option('--allow-outside <path>', "let the stack read PATH (a file, or a folder's tree) outside its own folder: an env_file or templates-path there; or fetch a Podlike-format http template from a URL (or below it) (repeatable)", collect, [])
    .option('-q, --quiet', 'show errors only, no warnings or notes')
    .addOption(new Option('--no-color', 'no colour (also NO_COLOR; colour only on a terminal)'))
    .addOption(new Option('--diagnostics <format>', 'how diagnostics on stderr read: text, sarif (one SARIF 2.1.0 log) or github (workflow commands)').choices(DIAGNOSTIC_FORMATS).default('text'));
}

/** `--format text|json` of the reports (explain, templates). */
function textOrJson(): Option {
  return new Option('--format <format>', 'report format (json: see schemas/)').choices(['text', 'json']).default('text');
}

const STACK_FILES = "stack files, merged in order like 'docker stack deploy -c a.yml -c b.yml' (a base and its overrides); '-' reads stdin";

/**
 * What every command that compiles takes, as compile() does: template folders, and args from
 * outside the stack. The stack files are each command's own arguments (STACK_FILES).
 */
function withCompileInputs(command: Command): Command {
  return withCommonOptions(command)
    .option('--set <[service:]template.arg=value>', 'an arg from outside the stack, typed by the template like a label; SERVICE: for one service only (repeatable; later wins)', collect, [])
    .option('--values <file>', 'a YAML file of args: template: {arg: value}, and services: {SERVICE: {template: {arg: value}}} (repeatable; later wins; --set wins over it)', collect, []);
}

function examples(command: Command, lines: string[], extra = ''): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n${extra}`);
}

/** A first argument that names no file but is near a command's name is a misspelt command. */
function misspeltCommand(paths: readonly string[]): string | undefined {
  const [first] = paths;
  if (first === undefined || first === '-' || existsSync(first) || /[./\\]/.test(first)) return undefined;
  const near = nearestName(first, COMMANDS);
  return near === undefined ? undefined : `error: unknown command "${first}" (did you mean "${near}"?)`;
}

/** Options of the compile command that do not go together. */
function usageProblem(paths: readonly string[], flags: { check?: boolean; watch?: boolean; output?: string }): string | undefined {
  if (flags.check && !flags.output) return '--check needs -o FILE: the file to check';
  if (flags.watch && !flags.output) return '--watch needs -o FILE: the file to keep up to date';
  if (flags.watch && flags.check) return '--watch and --check do not go together: --check runs once, in CI';
  if (flags.watch && paths.includes('-')) return '--watch cannot read stdin again: name the stack files';
  return undefined;
}

export function buildProgram(setExit: (code: number) => void, dockerOptions: readonly string[] = []): Command {
  const program = withCompileInputs(new Command('podlike-gen'))
    .description('Compile a Docker Swarm stack whose services carry pod-template labels into Podlike pods.')
    .version(packageVersion(), '-V, --version')
    .argument('<stack...>', STACK_FILES)
    .option('-o, --output <file>', 'write the stack to FILE (atomically; untouched after any error) instead of stdout; relative paths are rewritten to mean the same files from FILE\'s folder')
    .option('--check', 'with -o: exit 1 and show a diff when FILE is stale; never writes')
    .option('--strict', 'warnings fail the run')
    .option('--watch', 'with -o: compile again whenever a stack, values or template file changes (FILE written only when it changes); Ctrl-C stops')
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .showSuggestionAfterError(true)
    // Options after a command's name are that command's: `templates -t DIR`, `graph --format dot`.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) })
    .action((paths: string[], flags) => {
      const misspelt = misspeltCommand(paths);
      if (misspelt) {
        process.stderr.write(`${misspelt}\n`);
        return setExit(EXIT_USAGE);
      }
      const usage = usageProblem(paths, flags);
      if (usage) {
        process.stderr.write(`error: ${usage}\n`);
        return setExit(EXIT_USAGE);
      }
      setExit(runCompile(paths, flags));
    });
  examples(
    program,
    [
      'podlike-gen stack.yml > out.yml',
      'podlike-gen -o out.yml stack.yml stack.prod.yml',
      'podlike-gen --check -o out.yml stack.yml      # in CI',
      'cat stack.yml | podlike-gen -t ./pod-templates -',
      'podlike-gen --set with-logging.server=logs.prod:24224 --set web:http.port=8080 stack.yml',
      'podlike-gen --values prod.values.yml stack.yml stack.prod.yml',
      'podlike-gen --watch -o out.yml stack.yml      # while editing',
    ],
    '\nExit codes: 0 ok, 1 compile errors (or stale under --check), 2 usage errors.\n',
  );

  const validate = withCompileInputs(program.command('validate'))
    .description('report every diagnostic of a compile; write nothing')
    .argument('<stack...>', STACK_FILES)
    .option('--strict', 'warnings fail the run')
    .addOption(new Option('--format <format>', 'report on stdout instead of stderr: json, sarif or github').choices([...VALIDATE_FORMATS]).default('text'))
    .action((paths: string[], flags) => setExit(runValidate(paths, flags)));
  examples(validate, ['podlike-gen validate stack.yml', 'podlike-gen validate --strict stack.yml stack.prod.yml', 'podlike-gen validate --values prod.values.yml stack.yml', 'podlike-gen validate --format sarif stack.yml > podlike-gen.sarif', 'podlike-gen validate --format github stack.yml   # annotations in GitHub Actions']);

  const templates = withCommonOptions(program.command('templates'))
    .description('list the templates found: name, source file, description')
    .addOption(textOrJson())
    .action((flags) => setExit(runTemplatesList(flags)));
  examples(templates, ['podlike-gen templates', 'podlike-gen templates -t ./pod-templates', 'PODLIKE_TEMPLATES=./a:./b podlike-gen templates', 'podlike-gen templates --format json   # schemas/templates-report.schema.json']);
  const show = withCommonOptions(templates.command('show'))
    .description('show a template: description, args with types, defaults and descriptions, requires, sections')
    .argument('<name>', 'template name')
    .addOption(textOrJson())
    .action((name: string, flags) => setExit(runTemplatesShow(name, { ...templates.opts(), ...flags, templates: [...templates.opts().templates, ...flags.templates] })));
  examples(show, ['podlike-gen templates show http']);

  const explain = withCompileInputs(program.command('explain'))
    .description("for each arg and each key of a pod's output, the layer that set it: defaults, a template, the service, a --set or a values file")
    .argument('<stack...>', `${STACK_FILES}; a last argument that is no file is a service: only that pod`)
    .addOption(textOrJson())
    .action((args: string[], flags) => setExit(runExplain(args, flags)));
  examples(explain, ['podlike-gen explain stack.yml', 'podlike-gen explain stack.yml api', 'podlike-gen explain --set http.port=80 stack.yml stack.prod.yml api', 'podlike-gen explain --format json stack.yml api   # schemas/explain-report.schema.json']);

  const graph = withCompileInputs(program.command('graph'))
    .description('the whole stack as a picture: pods (controller, components), other services, volumes, networks, published ports, and the services templates point pods at')
    .argument('<stack...>', STACK_FILES)
    .addOption(new Option('--format <format>', 'picture format').choices([...GRAPH_FORMATS]).default('dot'))
    .action((stacks: string[], flags) => setExit(runGraph(stacks, flags)));
  examples(graph, ['podlike-gen graph stack.yml | dot -Tsvg > pods.svg', 'podlike-gen graph --format mermaid stack.yml', 'podlike-gen graph --format plantuml stack.yml > pods.puml']);

  const newTemplate = withCommonOptions(program.command('new-template'))
    .description('scaffold a template with every section commented, and a fixture test that passes')
    .argument('<name>', 'template name')
    .option('--dir <dir>', 'template folder to write into', '.')
    .action((name: string, flags) => setExit(runNewTemplate(name, flags)));
  examples(newTemplate, ['podlike-gen new-template with-cache --dir pod-templates', 'podlike-gen test pod-templates']);

  const test = withCommonOptions(program.command('test'))
    .description('run the fixture tests of a template folder (DIR/tests/<case>/stack.yml -> expected.yml)')
    .argument('[dir]', 'template folder', '.')
    .option('--update', 'rewrite the expectations from the current output')
    .option('--watch', 'run again whenever a template or fixture changes; Ctrl-C stops')
    .action((dir: string, flags) => setExit(runTests(dir, flags)));
  examples(test, ['podlike-gen test pod-templates', 'podlike-gen test --update pod-templates   # then review the diff', 'podlike-gen test --watch pod-templates']);

  const deploy = withCompileInputs(program.command('deploy'))
    .description('compile, then docker stack deploy -c - STACK; a compile error deploys nothing')
    .argument('<stack-name>', 'the Swarm stack to deploy to')
    .argument('[files...]', 'stack files (default stack.yml); options after -- go to docker stack deploy')
    .option('--strict', 'warnings fail the run')
    .action((name: string, files: string[], flags) => setExit(runDeploy(name, files, [...dockerOptions], flags)));
  examples(deploy, ['podlike-gen deploy shop stack.yml', 'podlike-gen deploy shop stack.yml stack.prod.yml -- --with-registry-auth --prune', 'podlike-gen deploy --values prod.values.yml shop stack.yml']);

  const migrate = withCommonOptions(program.command('migrate'))
    .description("rewrite a stack in Podlike's own template format (podlike template) in podlike-gen's format: DIR/stack.yml and DIR/templates/, checked to make the same pods")
    .argument('<stack>', 'the Podlike-format stack file')
    .option('-o, --output <dir>', 'folder to write into (no file in it is overwritten)', 'migrated')
    .action((stack: string, flags) => setExit(runMigrate(stack, flags)));
  examples(migrate, ['podlike-gen migrate stack-templated.yml', 'podlike-gen migrate -o pods stack-templated.yml']);

  for (const command of program.commands) command.exitOverride().showSuggestionAfterError(true);
  // Under --diagnostics sarif, the run's one SARIF log is written once its command is done.
  program.hook('postAction', (_program, command) => flushDiagnostics(command.opts()));
  return program;
}

/** Runs the CLI; returns the exit code rather than exiting, so tests and wrappers can call it. */
export function main(argv: readonly string[]): number {
  let exitCode = EXIT_OK;
  // `deploy ... -- OPTIONS`: what follows `--` belongs to docker stack deploy, untouched.
  const dashes = argv[0] === 'deploy' ? argv.indexOf('--') : -1;
  const own = dashes >= 0 ? argv.slice(0, dashes) : argv;
  const program = buildProgram((code) => (exitCode = code), dashes >= 0 ? argv.slice(dashes + 1) : []);
  try {
    program.parse([...own], { from: 'user' });
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
