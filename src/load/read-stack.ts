import { dirname, resolve } from 'node:path';
import { CompileError, error, fail, type SourcePosition } from '../diagnostics.js';
import { isObject, sameJson, type JsonObject } from '../model/compose-lists.js';
import { readProblem } from './file-problem.js';
import { checkSameVersion } from './file-versions.js';
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

  checkSameVersion(files);
  const model = mergeStackFiles(files.map((f) => (isObject(f.value) ? f.value : {})));
  const first = inputs[0].path;
  const baseDir = first === '-' ? cwd : dirname(resolve(cwd, first));
  return { files, model, baseDir };
}

/** The value at `path` in a plain value, or undefined. */
function valueAt(value: unknown, path: readonly PathKey[]): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, step)) return undefined;
    current = (current as Record<PathKey, unknown>)[step];
  }
  return current;
}

/**
 * Where the list item a path goes through was written. Files' lists merge (appended, or merged
 * by identity and sorted), so an item's index in the merged stack need not be its index in
 * the file that wrote it: the item is looked for in each file's list at the same place, the
 * last file first. Undefined when the path goes through no list, or the item was rewritten.
 */
function listItemSource(stack: LoadedStack, path: readonly PathKey[]): { file: SourceFile; path: PathKey[] } | undefined {
  const at = path.findIndex((step, i) => typeof step === 'number' && Array.isArray(valueAt(stack.model, path.slice(0, i))));
  if (at < 0 || stack.files.length < 2) return undefined;
  const item = valueAt(stack.model, path.slice(0, at + 1));
  for (const file of [...stack.files].reverse()) {
    const list = valueAt(file.value, path.slice(0, at));
    const index = Array.isArray(list) ? list.findIndex((written) => written === item || sameJson(written, item)) : -1;
    if (index >= 0) return { file, path: [...path.slice(0, at), index, ...path.slice(at + 1)] };
  }
  return undefined;
}

/** Whether the input stack (all files merged) has a value at a path: a problem there is the author's, not a template's. */
export function writtenInStack(stack: LoadedStack, path: readonly PathKey[]): boolean {
  return valueAt(stack.model, path) !== undefined;
}

/**
 * Position of a path in the file whose definition took effect: for a list item, the file
 * that wrote the item; else the last file that wrote the path with the value the merge kept
 * (a later `user: ""` does not replace an earlier user), or the last that wrote the path;
 * for a path no file wrote (a default, say), the nearest ancestor that one did.
 */
export function stackPosition(stack: LoadedStack, path: readonly PathKey[], key = false): SourcePosition | undefined {
  const item = listItemSource(stack, path);
  if (item) return positionOf(item.file, item.path, key);
  const merged = valueAt(stack.model, path);
  // The last file that wrote the longest prefix of the path, one that wrote the kept value first.
  let deepest: SourceFile | undefined;
  let deepestDepth = -1;
  let kept = false;
  for (const file of stack.files) {
    const depth = writtenDepth(file, path);
    const keeps = depth === path.length && sameJson(valueAt(file.value, path), merged);
    if (depth > deepestDepth || (depth === deepestDepth && (keeps || !kept))) {
      deepest = file;
      deepestDepth = depth;
      kept = keeps;
    }
  }
  return deepest && positionOf(deepest, path, key);
}
