import { createHash } from 'node:crypto';
import { buildOutput } from '../build-output.js';
import type { PlainSection } from './plain-section.js';
import type { ArgSpec, PodDeclarations, SectionName } from './template.js';

/**
 * The built-in templates as the build compiled them (scripts/build-templates.mjs): what
 * loading a template file works out (its checked keys, section positions, Handlebars code),
 * done once at build time. A run renders them without parsing the template's YAML or
 * compiling Handlebars; a template file the build never saw (a user's, or an edited copy)
 * is compiled at run time as before.
 */
export interface PrebuiltSection {
  /** Where the section's text starts in the template file (the file is the one it is shown as). */
  line: number;
  col: number;
  block: boolean;
  /** The section's plain form (plain-section.ts), when it has one; otherwise the two below. */
  plain?: PlainSection;
  /** The helpers the section can name (handlebars-env.ts namesIn): its environment's. */
  helpers: string[];
  /** Handlebars.precompile's template spec, for `handlebars.template`. */
  spec?: TemplateSpecification;
}

export interface PrebuiltTemplate extends PodDeclarations {
  name: string;
  description: string;
  requires: string[];
  args: ArgSpec;
  /** The build-time args validator's name (dist/validators/<validator>.cjs). */
  validator: string;
  sections: Partial<Record<SectionName, PrebuiltSection>>;
}

/** The pack: prebuilt templates by the digest of their file's text. */
export type PrebuiltPack = Record<string, PrebuiltTemplate>;

/** Where the build writes the pack, under dist/. */
export const PREBUILT_PATH = 'templates/prebuilt.cjs';

let pack: PrebuiltPack | null | undefined;

/** The key of a template file's text in the pack. */
export function templateDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The prebuilt form of a template file's text, when the build made one for exactly this text. */
export function prebuiltTemplate(text: string): PrebuiltTemplate | undefined {
  if (pack === undefined) pack = (buildOutput(PREBUILT_PATH) as PrebuiltPack | undefined) ?? null;
  return pack === null ? undefined : pack[templateDigest(text)];
}
