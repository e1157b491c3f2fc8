/**
 * Two components of one pod binding one port: they share the controller's network namespace,
 * so the second fails to start at run time (or, worse, the app is told to listen on the
 * port a sidecar took). Found from what each template declares it listens on (`listens:`).
 */
import { error, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { PodLayer } from '../model/pod-layer.js';
import type { Json } from '../model/compose-lists.js';

interface Bound {
  component: string;
  template: string;
  /** The arg the port came from; undefined for a fixed port. */
  arg?: string;
}

/** An arg value read as a condition: true, a non-empty text, a non-zero number. */
function isOn(value: Json | undefined): boolean {
  return value !== undefined && value !== null && value !== false && value !== '' && value !== 0;
}

/** A port number from a declaration's fixed port or its arg's value; undefined for none (0, empty, a ${VAR}). */
function portOf(port: string | number, args: Record<string, Json>): number | undefined {
  const value = typeof port === 'number' ? port : args[port];
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : undefined;
}

function describe(bound: Bound): string {
  return bound.arg === undefined ? `template "${bound.template}"` : `template "${bound.template}" arg ${bound.arg}`;
}

/** What to change: the later template's port arg, else the earlier one's. */
function fix(earlier: Bound, later: Bound): string {
  const movable = later.arg !== undefined ? later : earlier.arg !== undefined ? earlier : undefined;
  if (!movable) return `templates "${earlier.template}" and "${later.template}" cannot be used in one pod`;
  const other = movable === later ? earlier : later;
  const alternative = other.arg !== undefined && other !== movable ? ` (or podlike.${other.template}.${other.arg})` : '';
  return `set podlike.${movable.template}.${movable.arg}${alternative} to a free port`;
}

/** An error for each port two components of the pod bind, naming both templates and args. */
export function portClashes(service: string, layers: readonly PodLayer[], components: readonly string[], where: SourcePosition | undefined): Diagnostic[] {
  const bound = new Map<string, Bound>();
  const errors: Diagnostic[] = [];
  for (const layer of layers) {
    if (!layer.template || !layer.args) continue;
    const args = layer.args.values;
    for (const listener of layer.template.listens) {
      if (!components.includes(listener.component)) continue;
      if (listener.when !== undefined && !isOn(args[listener.when])) continue;
      const port = portOf(listener.port, args);
      if (port === undefined) continue;
      const key = `${port}/${listener.protocol}`;
      const here: Bound = { component: listener.component, template: layer.template.name, ...(typeof listener.port === 'string' ? { arg: listener.port } : {}) };
      const first = bound.get(key);
      if (!first) bound.set(key, here);
      else if (first.component !== here.component) {
        const protocol = listener.protocol === 'udp' ? '/udp' : '';
        errors.push(
          error(
            `service "${service}": components "${first.component}" (${describe(first)}) and "${here.component}" (${describe(here)}) both listen on port ${port}${protocol}, in one network namespace: ${fix(first, here)}`,
            where,
          ),
        );
      }
    }
  }
  return errors;
}
