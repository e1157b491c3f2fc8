/**
 * The text of one Podlike-format template, from where its configuration says (a file relative
 * to the stack's folder, an inline text or mapping, an http(s) URL), following `fallback`s as
 * Podlike does (pkg/template/template.go), with a map from a line and column of the text back
 * to the file where it was written, for diagnostics.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CompileError, error, type SourcePosition } from '../diagnostics.js';
import { scopedPath, urlAllowed, type ReadScope } from '../host-files/read-scope.js';
import { stackPosition, type LoadedStack } from '../load/read-stack.js';
import { fetchTextSync } from './fetch-sync.js';
import { goValueOf } from './go-template/index.js';
import { marshalYamlV2 } from './go-template/yaml-v2-encode.js';
import type { TemplateSource } from './podlike-config.js';

export interface TemplateText {
  /** The template's name as Podlike gives it: the file's base name, else `inline`. */
  name: string;
  text: string;
  /** What to call it in a message. */
  describe: string;
  /** Where a line and column of the text were written. */
  origin: (line: number, col: number) => SourcePosition | undefined;
}

/** An inline string's line and column in the stack file: a block scalar's lines follow its indicator. */
function inlineOrigin(stack: LoadedStack, source: TemplateSource): TemplateText['origin'] {
  const start = stackPosition(stack, source.at);
  const file = start && stack.files.find((f) => f.path === start.file);
  if (!start || !file) return () => start;
  const lines = file.text.split('\n');
  const first = lines[start.line - 1] ?? '';
  const isBlock = /^[|>]/.test(first.slice(start.col - 1));
  if (!isBlock) return (line, col) => (line === 1 ? { ...start, col: start.col + col } : start);
  const body = lines.slice(start.line).find((l) => l.trim() !== '') ?? '';
  const indent = body.length - body.trimStart().length;
  return (line, col) => ({ file: start.file, line: start.line + line, col: indent + col });
}

/** An inline mapping as the YAML text Podlike makes of it (yaml.v2's Marshal: keys sorted), which is then a template too. */
function mappingText(mapping: unknown): string {
  return marshalYamlV2(goValueOf(mapping));
}

function failAt(stack: LoadedStack, source: TemplateSource, message: string): never {
  throw new CompileError([error(message, stackPosition(stack, source.at))]);
}

/** The file's text, or why it is not read: absent, or where the stack may not read (host-files/read-scope.ts). */
function readTemplateFile(path: string, scope: ReadScope): { text?: string; absent?: boolean; problem?: string } {
  try {
    const scoped = scopedPath(path, scope);
    if (scoped.problem !== undefined) return { problem: scoped.problem };
    return { text: readFileSync(scoped.real, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { absent: true, problem: 'no such file' } : { problem: (e as Error).message };
  }
}

/** Reads the template text a configuration item names: files relative to the stack's folder, within what it may read. */
export function templateText(stack: LoadedStack, source: TemplateSource, scope: ReadScope): TemplateText {
  const at = () => stackPosition(stack, source.at);
  switch (source.kind) {
    case 'inline':
      if (source.mapping) return { name: 'inline', text: mappingText(source.mapping), describe: 'inline template', origin: at };
      return { name: 'inline', text: source.text, describe: source.builtIn ?? 'inline template', origin: inlineOrigin(stack, source) };
    case 'file': {
      const read = readTemplateFile(resolve(stack.baseDir, source.path), scope);
      if (read.absent && source.fallback) return templateText(stack, source.fallback, scope);
      if (read.text === undefined) {
        const hint = read.absent ? '; file templates are relative to the stack file\'s folder' : '';
        failAt(stack, source, `x-podlike: cannot read template file "${source.path}" (${read.problem}${hint})`);
      }
      const text = read.text;
      // Named beside the stack file as the stack was given, like every other diagnostic's file.
      const shown = join(dirname(stack.files[0].path), source.path);
      return { name: basename(source.path), text, describe: `template ${source.path}`, origin: (line, col) => ({ file: shown, line, col }) };
    }
    case 'http': {
      if (!urlAllowed(source.url, scope)) {
        if (source.fallback) return templateText(stack, source.fallback, scope);
        failAt(stack, source, `x-podlike: template ${source.url} is not fetched: a stack makes the compile fetch a URL only where the user allows it (--allow-outside ${source.url}, or a prefix of it), or give it a fallback: {file: ...}`);
      }
      const fetched = fetchTextSync(source.url, source.insecure);
      if (fetched.text !== undefined) return { name: 'inline', text: fetched.text, describe: `template ${source.url}`, origin: at };
      if (source.fallback) return templateText(stack, source.fallback, scope);
      failAt(stack, source, `x-podlike: cannot fetch template ${source.url}: ${fetched.problem} (give it a fallback: {file: ...} to compile without the network)`);
    }
  }
}
