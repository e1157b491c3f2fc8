import { note, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { isObject, type JsonObject } from '../model/compose-lists.js';

/** `'3.4'` → [3, 4]; a bare `'3'` has no minor version: docker reads it with its newest 3.x schema. */
function parseVersion(version: string): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

function hasNamed(section: unknown): boolean {
  return isObject(section) && Object.values(section).some((definition) => isObject(definition) && definition.name !== undefined);
}

function usesStartPeriod(services: unknown): boolean {
  return isObject(services) && Object.values(services).some((s) => isObject(s) && isObject(s.healthcheck) && s.healthcheck.start_period !== undefined);
}

/** The lowest Compose 3.x minor version whose schema accepts the stack's features, with the reason. */
export function requiredMinorVersion(model: JsonObject): { minor: number; reason: string } {
  const needs: { minor: number; reason: string }[] = [{ minor: 0, reason: '' }];
  if (model.secrets !== undefined) needs.push({ minor: 1, reason: 'top-level secrets' });
  if (model.configs !== undefined) needs.push({ minor: 3, reason: 'top-level configs' });
  if (hasNamed(model.volumes)) needs.push({ minor: 4, reason: 'a volume with an explicit name' });
  if (Object.keys(model).some((key) => key.startsWith('x-'))) needs.push({ minor: 4, reason: 'top-level x- extension fields' });
  if (usesStartPeriod(model.services)) needs.push({ minor: 4, reason: 'healthcheck start_period' });
  if (hasNamed(model.networks)) needs.push({ minor: 5, reason: 'a network with an explicit name' });
  if (hasNamed(model.configs) || hasNamed(model.secrets)) needs.push({ minor: 5, reason: 'a config or secret with an explicit name' });
  return needs.reduce((a, b) => (b.minor > a.minor ? b : a));
}

/** Raises `version` where the output needs a newer schema than the input declared, with a note. */
export function raiseVersion(model: JsonObject, diagnostics: Diagnostic[], where?: SourcePosition): JsonObject {
  if (model.version === undefined) return model;
  const declared = parseVersion(String(model.version));
  if (!declared || declared[0] !== 3) return model;
  const { minor, reason } = requiredMinorVersion(model);
  if (declared[1] >= minor) return model;
  const raised = `3.${minor}`;
  diagnostics.push(note(`version raised from ${String(model.version)} to ${raised}: the output has ${reason}`, where));
  return { ...model, version: raised };
}
