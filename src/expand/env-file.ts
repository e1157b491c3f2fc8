import { resolve } from 'node:path';
import { fail, type SourcePosition } from '../diagnostics.js';
import { readProblem } from '../load/file-problem.js';
import { readLimited } from '../load/read-limited.js';
import type { Json, JsonObject } from '../model/compose-lists.js';

/**
 * Variables of an env file as the stack file would need to write them: `docker stack deploy`
 * interpolates `$` in the stack but not in env files, so `$` is doubled; a bare `KEY` line
 * (take the deployer's value) becomes `${KEY}`, which asks the same of `docker stack deploy`.
 */
function parseEnvFile(text: string): JsonObject {
  const variables: JsonObject = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimStart();
    if (line === '' || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    if (at < 0) variables[line.trim()] = `\${${line.trim()}}`;
    else variables[line.slice(0, at)] = line.slice(at + 1).replace(/\$/g, '$$$$');
  }
  return variables;
}

/**
 * The variables of a service's env_file(s), read now: inside a pod, Podlike would look for the
 * file in the controller's own file system, where the author's file is not.
 */
export function readEnvFiles(envFile: Json, stackDir: string, where: SourcePosition | undefined, service: string): JsonObject {
  const files = Array.isArray(envFile) ? envFile.map(String) : [String(envFile)];
  let variables: JsonObject = {};
  for (const file of files) {
    let text: string;
    try {
      text = readLimited(resolve(stackDir, file));
    } catch (e) {
      fail(`service "${service}": cannot read env_file "${file}": ${readProblem(e)}`, where);
    }
    variables = { ...variables, ...parseEnvFile(text) };
  }
  return variables;
}
