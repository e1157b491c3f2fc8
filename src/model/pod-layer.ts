import type { JsonObject } from './compose-lists.js';
import type { Template } from '../templates/template.js';

/** Top-level stack sections a template may add to. */
export const STACK_SECTIONS = ['services', 'volumes', 'configs', 'secrets', 'networks'] as const;
export type StackSection = (typeof STACK_SECTIONS)[number];

/** The name of the main component: the service's own container. */
export const APP = 'app';

/** One layer of a pod: the defaults, one template, or the service as its author wrote it. */
export interface PodLayer {
  /** `defaults`, `template <name>` or `service`. */
  source: string;
  /** The template a template layer comes from. */
  template?: Template;
  /** A template layer's args as resolved for the pod, and the names of those the stack or the service set. */
  args?: { values: JsonObject; set: ReadonlySet<string> };
  controller: JsonObject;
  /** Component name → component; `app` is the main component. */
  components: Record<string, JsonObject>;
  init: JsonObject[];
  /** Component → `src:dst` copy specs. */
  copy: Record<string, string[]>;
  /** Stack section → name → definition. */
  stack: Partial<Record<StackSection, JsonObject>>;
}

export function emptyLayer(source: string, template?: Template): PodLayer {
  return { source, template, controller: {}, components: {}, init: [], copy: {}, stack: {} };
}
