/**
 * Tells a stack written for Podlike's own template processor (`podlike template`) from one
 * written for podlike-gen: both use `x-podlike`, with different shapes. Podlike's top-level
 * extension maps service names to template lists (plus stack-wide `args`); its service-level
 * extension lists `pod`, `transformer`, `init`, `copy` templates, or `templates` given as files,
 * URLs or inline texts where podlike-gen's `templates` are template names.
 */
import { isObject, type Json } from '../model/compose-lists.js';

/** podlike-gen's own top-level x-podlike keys. */
const PODLIKE_GEN_KEYS = new Set(['templates-path', 'defaults', 'controller', 'args']);
const PODLIKE_ONLY_KINDS = ['pod', 'transformer', 'init', 'copy'];

/** A `templates` item only Podlike's format has: a file path, a URL, or a file/inline/http mapping. */
function isPodlikeTemplateItem(item: Json): boolean {
  if (isObject(item)) return ['file', 'inline', 'http'].some((key) => Object.hasOwn(item, key));
  return typeof item === 'string' && (/^https?:\/\//i.test(item) || item.includes('/') || /\.ya?ml$/i.test(item));
}

/** Whether a service's (or a top-level per-service) x-podlike is written in Podlike's format. */
function isPodlikeServiceConfig(config: Json | undefined): boolean {
  if (!isObject(config)) return false;
  if (PODLIKE_ONLY_KINDS.some((kind) => Object.hasOwn(config, kind))) return true;
  const templates = config.templates;
  return (Array.isArray(templates) ? templates : templates === undefined || templates === null ? [] : [templates]).some(isPodlikeTemplateItem);
}

/** Whether the stack's x-podlike (top-level or on a service) is in Podlike's own template format. */
export function isPodlikeFormatStack(model: Record<string, Json>): boolean {
  const top = model['x-podlike'];
  const services = isObject(model.services) ? model.services : {};
  // A key naming a service, or holding Podlike's lists: a misspelt podlike-gen key is left to podlike-gen's own checks.
  const perService = (key: string) => !PODLIKE_GEN_KEYS.has(key) && isObject(top) && isObject(top[key]) && (Object.hasOwn(services, key) || isPodlikeServiceConfig(top[key]));
  if (isObject(top) && Object.keys(top).some(perService)) return true;
  return Object.values(services).some((service) => isObject(service) && isPodlikeServiceConfig(service['x-podlike']));
}
