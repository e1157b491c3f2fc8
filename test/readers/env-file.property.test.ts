/**
 * The env-file check (src/expand/env-file.ts) against the two real readers: every file it
 * accepts, `docker stack config` (for which the author writes it, on a plain service) and
 * Podlike's own variablesFromEnvFiles (which reads it in a pod) read to the same variables,
 * and those are the names the check reports. Files are drawn from the characters the two
 * readers treat differently: white space, CR, a byte-order mark, `#`, `=`, quotes, `$`.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
import { readEnvFile } from '../../src/expand/env-file.js';
import { dockerStackConfigFiles } from '../helpers/docker.js';
import { propertyParams, propertyRuns } from '../helpers/property-params.js';
import { workspace } from '../helpers/workspace.js';
import { readersMissing } from './read-as-deployed.js';
import { podlikeEnvFileVariables } from './podlike-reader.js';

const PIECES = ['A', 'b_1', 'KEY', 'É', 'ü=x', '=', '==', ' ', '\t', '#', '\r', '$', '${X}', '"q"', "'s'", '\u00a0', '\ufeff', 'x y', '1'];

const envFile = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((pieces) => pieces.join('')),
      { maxLength: 6 },
    ),
    fc.boolean(),
  )
  .map(([bom, lines, newline]) => `${bom ? '\ufeff' : ''}${lines.join('\n')}${newline ? '\n' : ''}`);

/** docker's environment for each of `files` (one plain service each), names and values as latin1 text of their bytes. */
function dockerVariables(dir: string, files: readonly string[]): Record<string, string>[] {
  const services = files.map((file, i) => `  s${i}:\n    image: x\n    env_file: ${file}\n`).join('');
  writeFileSync(join(dir, 'stack.yml'), `version: "3.8"\nservices:\n${services}`);
  const printed = dockerStackConfigFiles([join(dir, 'stack.yml')], {});
  if (printed.output === undefined) throw new Error(`docker refused a file the check accepts: ${printed.problem}`);
  const stack = parse(printed.output) as { services: Record<string, { environment?: Record<string, string> }> };
  const latin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
  return files.map((_, i) => Object.fromEntries(Object.entries(stack.services[`s${i}`].environment ?? {}).map(([k, v]) => [latin1(k), latin1(v)])));
}

describe('env files: what the check accepts, docker and Podlike read alike', () => {
  it('holds for drawn files', (t) => {
    const missing = readersMissing();
    if (missing) return t.skip(missing);
    const samples = fc.sample(envFile, propertyParams(propertyRuns(300)));
    const dir = workspace();
    const accepted: { file: string; keys: string[]; text: string }[] = [];
    samples.forEach((text, i) => {
      const read = readEnvFile(Buffer.from(text, 'utf8'));
      if (read.problems.length > 0) return;
      const file = `f${i}.env`;
      writeFileSync(join(dir, file), text);
      accepted.push({ file, keys: read.keys, text });
    });
    // Neither side may be empty, or the property says nothing.
    assert.ok(accepted.length >= samples.length / 10 && accepted.length <= samples.length * 0.9, `${accepted.length} of ${samples.length} accepted`);
    const docker = dockerVariables(dir, accepted.map((a) => a.file));
    accepted.forEach(({ file, keys, text }, i) => {
      const podlike = podlikeEnvFileVariables([join(dir, file)]);
      assert.deepEqual(podlike, docker[i], `docker and Podlike read ${JSON.stringify(text)} otherwise`);
      assert.deepEqual(new Set(keys.map((k) => Buffer.from(k).toString('latin1'))), new Set(Object.keys(docker[i])), JSON.stringify(text));
    });
  });
});
