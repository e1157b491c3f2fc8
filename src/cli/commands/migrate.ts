/**
 * `migrate STACK [-o DIR]`: a Podlike-format stack rewritten in podlike-gen's format
 * (DIR/stack.yml and DIR/templates/), checked to make the same pods; all or nothing, and
 * never over an existing file.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompileError } from '../../diagnostics.js';
import { writeProblem } from '../../load/file-problem.js';
// In the CLI bundle, a chunk loaded on first use (podlike-format/podlike-format-chunk.ts).
import { migrateStack, type Migration } from '../../podlike-format/migrate/migrate-stack.js';
import { EXIT_ERRORS, EXIT_OK, report, type CommonFlags } from '../context.js';

/** The files a migration writes, by path. */
function outputFiles(migration: Migration, dir: string): Map<string, string> {
  const files = new Map([[join(dir, 'stack.yml'), migration.stack]]);
  for (const [name, text] of migration.templates) files.set(join(dir, migration.templatesFolder, name), text);
  return files;
}

export function runMigrate(stackFile: string, flags: CommonFlags & { output: string }): number {
  let migration: Migration;
  try {
    migration = migrateStack(stackFile, { allowOutside: flags.allowOutside });
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    report(e.diagnostics, flags);
    return EXIT_ERRORS;
  }
  report(migration.notes, flags);
  const files = outputFiles(migration, flags.output);
  const existing = [...files.keys()].filter((path) => existsSync(path));
  if (existing.length > 0) {
    process.stderr.write(`${existing[0]}: error: already exists; migrate writes no file over another (choose an empty folder with -o DIR); nothing was written\n`);
    return EXIT_ERRORS;
  }
  try {
    mkdirSync(migration.templates.size > 0 ? join(flags.output, migration.templatesFolder) : flags.output, { recursive: true });
    for (const [path, text] of files) writeFileSync(path, text, { flag: 'wx' });
  } catch (e) {
    process.stderr.write(`${flags.output}: error: cannot write the migrated stack: ${writeProblem(e)}\n`);
    return EXIT_ERRORS;
  }
  if (migration.templates.size === 0) process.stdout.write(`wrote ${stackFile} unchanged to ${join(flags.output, 'stack.yml')}\n`);
  else process.stdout.write(`migrated ${stackFile} to ${join(flags.output, 'stack.yml')} with ${files.size - 1} template(s) in ${join(flags.output, migration.templatesFolder)}\ncheck: podlike-gen explain ${join(flags.output, 'stack.yml')}\n`);
  return EXIT_OK;
}
