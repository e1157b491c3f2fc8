import type { ValidateFunction } from 'ajv';
import type { SourcePosition } from '../diagnostics.js';
import type { SourceFile } from '../load/source-file.js';
import type { Rendered } from './value-tokens.js';

export const SECTION_NAMES = ['controller', 'app', 'components', 'init', 'copy', 'stack'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** One Handlebars section of a template, compiled once and rendered for every pod. */
export interface CompiledSection {
  name: SectionName;
  render: (context: object) => Rendered;
  /** Where the section's text starts in the template file, for render and YAML errors. */
  start: SourcePosition;
  /** Whether the section is a block scalar, whose text starts on the line after its key. */
  block: boolean;
}

export interface ArgSpec {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, ArgSpec>;
  items?: ArgSpec;
  additionalProperties?: boolean | ArgSpec;
  enum?: unknown[];
}

/** A port a component of the pod binds, as a template declares it (`listens:`). */
export interface Listener {
  /** `app` or a component's name. */
  component: string;
  /** The arg holding the port (0 or empty: none), or a fixed port. */
  port: string | number;
  protocol: 'tcp' | 'udp';
  /** An arg that must be truthy for the component to listen. */
  when?: string;
}

/** What a template declares about the pod it joins, for the whole-pod checks (src/checks/). */
export interface PodDeclarations {
  listens: Listener[];
  /** Components of earlier templates this template adds to on purpose. */
  extends: string[];
  /** Arg naming a service the pod sends to → the boolean arg that adds that service, or null. */
  targets: Record<string, string | null>;
}

export interface Template extends PodDeclarations {
  name: string;
  file: string;
  description: string;
  requires: string[];
  argsSchema: ArgSpec;
  /** Validates args and fills in defaults (mutates its input). */
  validateArgs: ValidateFunction;
  sections: Partial<Record<SectionName, CompiledSection>>;
  source: SourceFile;
}

/** A section's Handlebars text as the template file holds it (for placing what its render gives), when it is text. */
export function sectionText(template: Template, name: SectionName): string | undefined {
  const text = (template.source.value as Record<string, unknown> | null)?.[name];
  return typeof text === 'string' ? text : undefined;
}
