import { basename, join, relative, resolve } from 'node:path';
import { findFixtures, FIXTURE_FOLDER, FixtureFileError, runFixture, type FixtureResult } from '../../fixtures/fixtures.js';
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, stderrChalk, type CommonFlags } from '../context.js';
import { watchAndRerun, type Watched } from '../watch.js';

/**
 * `test [DIR]`: runs the fixtures of a template folder (DIR/tests/<case>/), each compiled
 * with DIR as a template folder; a failure shows its diff; --update rewrites expectations.
 */
export function runTests(dir: string, flags: CommonFlags & { update?: boolean; watch?: boolean }): number {
  if (!flags.watch) return runTestsOnce(dir, flags).code;
  if (flags.update) {
    process.stderr.write('error: --watch and --update do not go together: each update would be a change to run again for\n');
    return EXIT_USAGE;
  }
  watchAndRerun(() => runTestsOnce(dir, flags).watched);
  return EXIT_OK;
}

/** One run of every fixture; what it read: the template folders, the fixtures folder and each fixture's. */
function runTestsOnce(dir: string, flags: CommonFlags & { update?: boolean }): { code: number; watched: Watched } {
  const folder = resolve(dir);
  const read = (fixtures: readonly string[]): Watched => ({ files: [], folders: [folder, join(folder, FIXTURE_FOLDER), ...fixtures, ...flags.templates] });
  const done = (code: number, fixtures: readonly string[] = []) => ({ code, watched: read(fixtures) });
  const chalk = stderrChalk(flags);
  let fixtures: string[];
  try {
    fixtures = findFixtures(folder);
  } catch (e) {
    if (!(e instanceof FixtureFileError)) throw e;
    process.stderr.write(fileError(e));
    return done(EXIT_ERRORS);
  }
  if (fixtures.length === 0) {
    process.stderr.write(`error: no fixtures in ${dir}/${FIXTURE_FOLDER}/ (each case is a folder with stack.yml and expected.yml)\n`);
    return done(EXIT_ERRORS);
  }
  let failed = 0;
  for (const fixture of fixtures) {
    let result: FixtureResult;
    try {
      result = runFixture(fixture, basename(fixture), [folder, ...flags.templates], flags.update);
    } catch (e) {
      if (!(e instanceof FixtureFileError)) throw e;
      failed++;
      process.stdout.write(`${chalk.red('FAIL')} ${basename(fixture)}\n`);
      process.stderr.write(fileError(e));
      continue;
    }
    if (result.updated) process.stdout.write(`${chalk.cyan('updated')} ${result.name}\n`);
    else if (result.passed) process.stdout.write(`${chalk.green('ok')} ${result.name}\n`);
    else {
      failed++;
      process.stdout.write(`${chalk.red('FAIL')} ${result.name}\n${result.diff ?? ''}`);
    }
  }
  process.stdout.write(`${fixtures.length - failed} passed, ${failed} failed\n`);
  return done(failed > 0 ? EXIT_ERRORS : EXIT_OK, fixtures);
}

/** A fixture file problem as a diagnostic line, its path relative to the working folder. */
function fileError(e: FixtureFileError): string {
  return `${relative(process.cwd(), e.path) || '.'}: error: ${e.message}\n`;
}
