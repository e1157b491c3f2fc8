import { dirname, resolve } from 'node:path';
import { CompileError, error, fail, type SourcePosition } from '../diagnostics.js';
import { isObject, type JsonObject } from '../model/compose-lists.js';
import { readProblem } from './file-problem.js';
import { mergeStackFiles } from './merge-files.js';
import { refuseGoYamlUnsafeCharacters } from './go-yaml-characters.js';
import { FileTooLargeError, readLimited } from './read-limited.js';
import { parseSource, positionOf, writtenDepth, type PathKey, type SourceFile } from './source-file.js';

/** An input file: a path to read, or text already read (stdin, an editor buffer, a test). */
export interface StackInput {
  path: string;
  text?: string;
}

/** The input stack after loading: the merged model and the files it came from. */
export interface LoadedStack {
  files: SourceFile[];
  model: JsonObject;
  /** Folder that relative paths resolve against: the first file's. */
  baseDir: string;
}

const STDIN_NAME = '<stdin>';

/** The text of an input: given, stdin for `-`, or the file; size-limited either way. */
function readText(input: StackInput, cwd: string, shownAs: string): string {
  if (input.text !== undefined) return input.text;
  try {
    return readLimited(input.path === '-' ? 0 : resolve(cwd, input.path));
  } catch (e) {
    if (e instanceof FileTooLargeError) throw new CompileError([{ severity: 'error', message: e.message, file: shownAs }]);
    throw new CompileError([{ severity: 'error', message: `cannot read stack file: ${readProblem(e)}`, file: shownAs }]);
  }
}

export function loadStack(inputs: readonly StackInput[], cwd = process.cwd()): LoadedStack {
  if (inputs.length === 0) fail('no stack file given');
  const errors: CompileError[] = [];
  const files: SourceFile[] = [];
  for (const input of inputs) {
    const name = input.path === '-' ? STDIN_NAME : input.path;
    try {
      const text = readText(input, cwd, name);
      refuseGoYamlUnsafeCharacters(name, text);
      const file = parseSource(name, text);
      if (file.value !== null && file.value !== undefined && !isObject(file.value)) {
        throw new CompileError([error('a stack file must be a mapping (services:, volumes:, ...)', positionOf(file, []))]);
      }
      files.push(file);
    } catch (e) {
      if (e instanceof CompileError) errors.push(e);
      else throw e;
    }
  }
  if (errors.length > 0) throw new CompileError(errors.flatMap((e) => e.diagnostics));

  const model = mergeStackFiles(files.map((f) => (isObject(f.value) ? f.value : {})));
  const first = inputs[0].path;
  const baseDir = first === '-' ? cwd : dirname(resolve(cwd, first));
  return { files, model, baseDir };
}

/**
 * Position of a path in the last file that wrote it, the definition that took effect; for a
 * path no file wrote (a default, say), the nearest ancestor that one did.
 */
export function stackPosition(stack: LoadedStack, path: readonly PathKey[], key = false): SourcePosition | undefined {
  // The last file that wrote the longest prefix of the path.
  let deepest: SourceFile | undefined;
  let deepestDepth = -1;
  for (const file of stack.files) {
    const depth = writtenDepth(file, path);
    if (depth >= deepestDepth) {
      deepest = file;
      deepestDepth = depth;
    }
  }
  return deepest && positionOf(deepest, path, key);
}
