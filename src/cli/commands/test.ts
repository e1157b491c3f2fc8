import { basename, resolve } from 'node:path';
import { findFixtures, FIXTURE_FOLDER, runFixture } from '../../fixtures/fixtures.js';
import { EXIT_ERRORS, EXIT_OK, stderrChalk, type CommonFlags } from '../context.js';

/**
 * `test [DIR]`: runs the fixtures of a template folder (DIR/tests/<case>/), each compiled
 * with DIR as a template folder; a failure shows its diff; --update rewrites expectations.
 */
export function runTests(dir: string, flags: CommonFlags & { update?: boolean }): number {
  const folder = resolve(dir);
  const fixtures = findFixtures(folder);
  const chalk = stderrChalk(flags);
  if (fixtures.length === 0) {
    process.stderr.write(`error: no fixtures in ${dir}/${FIXTURE_FOLDER}/ (each case is a folder with stack.yml and expected.yml)\n`);
    return EXIT_ERRORS;
  }
  let failed = 0;
  for (const fixture of fixtures) {
    const result = runFixture(fixture, basename(fixture), [folder, ...flags.templates], flags.update);
    if (result.updated) process.stdout.write(`${chalk.cyan('updated')} ${result.name}\n`);
    else if (result.passed) process.stdout.write(`${chalk.green('ok')} ${result.name}\n`);
    else {
      failed++;
      process.stdout.write(`${chalk.red('FAIL')} ${result.name}\n${result.diff ?? ''}`);
    }
  }
  process.stdout.write(`${fixtures.length - failed} passed, ${failed} failed\n`);
  return failed > 0 ? EXIT_ERRORS : EXIT_OK;
}
