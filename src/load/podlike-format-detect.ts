import { isObject } from '../model/compose-lists.js';

/**
 * Podlike's own template format (its docs/Templates.md, expanded by `podlike template`) also
 * lives under `x-podlike`: at the top level keyed by service name, and on a service, each with
 * `pod`, `init`, `transformer`, `templates`, `copy` and `args`. Read as podlike-gen's
 * x-podlike it fails key by key, with errors that send the author the wrong way; recognised,
 * it gets one message saying what it is (and can later be handed to a compiler for it).
 */

/** The keys of one service's entry in Podlike's format. */
const ENTRY_KEYS = new Set(['pod', 'init', 'transformer', 'templates', 'copy', 'args']);

/** podlike-gen's own stack-level x-podlike keys. */
const STACK_KEYS = new Set(['templates-path', 'defaults', 'controller', 'args']);

/** A Podlike template reference: a file path, or an `inline`, `http` or `file` mapping; podlike-gen's are bare names. */
function isTemplateReference(item: unknown): boolean {
  return isObject(item) || (typeof item === 'string' && (item.includes('/') || /\.ya?ml$/.test(item)));
}

/** One service's entry in Podlike's format: only its keys, and one podlike-gen's x-podlike does not have. */
export function isPodlikeServiceEntry(entry: unknown): boolean {
  if (!isObject(entry)) return false;
  const keys = Object.keys(entry);
  if (keys.length === 0 || !keys.every((key) => ENTRY_KEYS.has(key))) return false;
  if (keys.some((key) => key !== 'templates' && key !== 'args')) return true;
  const templates = entry.templates;
  return isObject(templates) || isTemplateReference(templates) || (Array.isArray(templates) && templates.some(isTemplateReference));
}

/** A stack-level x-podlike in Podlike's format: a key of its own (a service name) holding such an entry. */
export function isPodlikeTemplateFormat(xPodlike: unknown): boolean {
  if (!isObject(xPodlike)) return false;
  return Object.entries(xPodlike).some(([key, value]) => !STACK_KEYS.has(key) && isObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => ENTRY_KEYS.has(k)));
}
