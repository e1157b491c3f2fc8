/**
 * Where a Podlike template's output goes in a podlike-gen template, and how its shape changes:
 * a `pod` template's one root key (renamed to the service by Podlike) is dropped and its body
 * becomes the controller section; a `transformer` template's root key names the main component
 * (the service's x-podlike.main-component in podlike-gen); an `init` template's root key is dropped and its body
 * becomes one item of the init list; `templates` and `copy` keep their shape.
 */
import type { TemplateKind } from '../podlike-config.js';

export const SECTION_OF: Record<TemplateKind, 'controller' | 'app' | 'components' | 'init' | 'copy'> = {
  pod: 'controller',
  transformer: 'app',
  templates: 'components',
  init: 'init',
  copy: 'copy',
};

/** The root key line a pod, transformer or init template starts with, and the indentation of its body. */
export interface RootKey {
  key: string;
  /** Length of the root key line, newline included. */
  lineLength: number;
  indent: number;
}

const ROOT_LINE = /^([A-Za-z0-9_.-]+):[ \t]*\n/;

/** The root key of a Go template text written as `key:` then an indented body, or why not. */
export function rootKey(kind: TemplateKind, text: string): RootKey | string {
  const match = ROOT_LINE.exec(text);
  if (!match) return `a ${kind} template is translated when its first line is its one root key (\`name:\`) with the body indented below it`;
  const body = text.slice(match[0].length).split('\n').find((line) => line.trim() !== '') ?? '';
  const indent = body.length - body.trimStart().length;
  if (indent === 0 || /^\t/.test(body)) return `the body of a ${kind} template is translated when it is indented with spaces below its root key`;
  return { key: match[1], lineLength: match[0].length, indent };
}

/** Removes up to `width` spaces from the start of every line. */
export function dedent(text: string, width: number): string {
  const strip = new RegExp(`^ {0,${width}}`, 'gm');
  return text.replace(strip, '');
}

/** The Handlebars section text for a kind, from the translation of the template's body (after its root key line). */
export function sectionText(kind: TemplateKind, body: string, root: RootKey | undefined): string {
  if (kind === 'pod' || kind === 'transformer') return dedent(body, root!.indent);
  if (kind === 'init') return `-\n${body}`;
  return body;
}
