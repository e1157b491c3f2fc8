/**
 * Args given from outside the stack for one run (`--set`, `--values`), as Helm takes values:
 * the deployer's choices (a production log server, a port), kept with where they were given
 * so that diagnostics point there and `explain` names the flag or file that set an arg.
 */
import { error, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { Json } from '../model/compose-lists.js';

/** Where a values file wrote an arg: its service and template keys, its own key and its value. */
export interface ValuesPlace {
  service?: SourcePosition;
  template: SourcePosition;
  arg: SourcePosition;
  value: SourcePosition;
}

export interface OutsideArg {
  /** The one service it is for (`--set web:http.port=80`); undefined: every pod that applies the template. */
  service?: string;
  template: string;
  /** `http.cache.size` → `['cache', 'size']`. */
  path: string[];
  value: Json;
  /** A `--set` value: text, read as the type the arg's schema declares, as a label's is. */
  isText: boolean;
  /** The layer's name in `explain`: `--set http.port=80`, `values.yml:3:5`. */
  shownAs: string;
  /** Where a values file wrote it; a `--set` has no file, and its diagnostics start with the flag. */
  place?: ValuesPlace;
}

/** Every outside arg, by scope; each list in the order given, values files before `--set` (later wins). */
export interface OutsideArgs {
  /** For every pod that applies the template: above the stack's `x-podlike.args`, below a service's own. */
  stackWide: OutsideArg[];
  /** For one service: above everything the stack says of it, labels included. */
  perService: OutsideArg[];
}

export const NO_OUTSIDE_ARGS: OutsideArgs = { stackWide: [], perService: [] };

/**
 * A diagnostic about an outside arg: at its place in the values file (`part` chooses which),
 * or, for a `--set`, with the flag as written leading the message.
 */
export function outsideDiagnostic(arg: OutsideArg, severity: Diagnostic['severity'], message: string, part: keyof ValuesPlace = 'arg'): Diagnostic {
  if (!arg.place) return { severity, message: `${arg.shownAs}: ${message}` };
  return { ...error(message, arg.place[part] ?? arg.place.template), severity };
}
