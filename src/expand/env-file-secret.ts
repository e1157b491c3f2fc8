/**
 * A pod's env_file, deployed as a Swarm secret rather than read into the output. Podlike reads
 * a component's env_file itself, in the controller's file system (pkg/component/create.go), so
 * each file of the service's env_file becomes a top-level secret (`file:` as written: docker
 * reads it when it deploys, as any secret), mounted on the controller, and the app gets
 * `env_file: [/run/secrets/<name>]`. The values never enter the output, a diff or a
 * diagnostic, and `docker service inspect` does not show a secret. The file is still read once
 * here, inside the stack's folder tree (read-scope.ts), to check it as Podlike will read it.
 */
import { createHash } from 'node:crypto';
import { basename, isAbsolute, posix, relative, resolve } from 'node:path';
import { CompileError, error, fail, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { readProblem } from '../load/file-problem.js';
import { FileTooLargeError, readLimitedBytes } from '../load/read-limited.js';
import type { Json, JsonObject } from '../model/compose-lists.js';
import { scopedPath, type ReadScope, type ScopedPath } from '../host-files/read-scope.js';
import { readEnvFile } from './env-file.js';

/** Where Swarm mounts a secret given a plain target; the daemon makes the folder, even in Podlike's FROM scratch image. */
const SECRETS_DIR = '/run/secrets/';

/** The most bytes Swarm keeps in one secret (swarmkit's MaxSecretSize): a larger file fails the deploy. */
const MAX_SECRET_BYTES = 500 * 1024;

/** Letters of the file's name kept in the secret's name, so that `stack_name` stays within Swarm's 64. */
const NAME_LETTERS = 16;

export interface EnvFileSecret {
  /** The top-level secret's name (also its target). */
  name: string;
  /** Its definition: the file as docker will read it, from the stack's folder. */
  definition: JsonObject;
  /** Where Podlike reads it, in the controller. */
  path: string;
  /** The variable names it sets. */
  keys: string[];
}

export interface EnvFileInputs {
  service: string;
  stackDir: string;
  scope: ReadScope;
  /** Where the service's env_file is written. */
  where: SourcePosition | undefined;
  /** Secret names the stack defines: a made name never takes one. */
  taken: ReadonlySet<string>;
}

/** The path as docker resolves it, written one way for each file: `./x.env`, `../x.env`, `/abs/x.env`. */
function normalized(file: string): string {
  const path = posix.normalize(file);
  return isAbsolute(path) || path.startsWith('../') ? path : `./${path}`;
}

/**
 * A secret name docker takes (`[a-zA-Z0-9]`, then `[a-zA-Z0-9_.-]`, ending in a letter or
 * digit): `env-<file's name>-<hash of its path>`. The same file has one name in every pod.
 */
function secretName(file: string, taken: ReadonlySet<string>): string {
  const letters = basename(file).replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, NAME_LETTERS);
  for (let attempt = 0; ; attempt++) {
    const hash = createHash('sha256').update(attempt === 0 ? file : `${file}\0${attempt}`).digest('hex').slice(0, 8);
    const name = `env-${letters}-${hash}`;
    if (!taken.has(name)) return name;
  }
}

/** An env file's path as diagnostics show it: relative to the current folder when it is below it. */
function shownPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? path : shown;
}

function readBytes(file: string, inputs: EnvFileInputs): { bytes: Buffer; path: string } {
  const cannot: (why: string) => never = (why) => fail(`service "${inputs.service}": cannot read env_file ${JSON.stringify(file)}: ${why}`, inputs.where);
  let scoped: ScopedPath;
  try {
    scoped = scopedPath(resolve(inputs.stackDir, file), inputs.scope);
  } catch (e) {
    cannot(readProblem(e));
  }
  if (scoped.problem !== undefined) fail(`service "${inputs.service}": env_file ${JSON.stringify(file)} ${scoped.problem}`, inputs.where);
  try {
    return { bytes: readLimitedBytes(scoped.real, MAX_SECRET_BYTES), path: scoped.real };
  } catch (e) {
    if (e instanceof FileTooLargeError) cannot(`it is larger than ${MAX_SECRET_BYTES} bytes, the most Swarm keeps in a secret`);
    cannot(readProblem(e));
  }
}

/** Each file of a pod service's env_file as a secret; a line Podlike would read otherwise than docker is an error at that line. */
export function envFileSecrets(envFile: Json, inputs: EnvFileInputs): EnvFileSecret[] {
  const files = Array.isArray(envFile) ? envFile.map(String) : [String(envFile)];
  const errors: Diagnostic[] = [];
  const secrets = files.map((written) => {
    const file = normalized(written);
    const { bytes, path } = readBytes(written, inputs);
    const read = readEnvFile(bytes);
    for (const { line, col, message } of read.problems) {
      errors.push(error(`service "${inputs.service}": env_file ${JSON.stringify(written)}, line ${line}: ${message}`, { file: shownPath(path), line, col }));
    }
    const name = secretName(file, inputs.taken);
    return { name, definition: { file }, path: `${SECRETS_DIR}${name}`, keys: read.keys };
  });
  if (errors.length > 0) throw new CompileError(errors);
  return secrets;
}
