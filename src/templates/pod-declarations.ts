/**
 * A template's declarations about the pod it joins (`listens`, `extends`, `targets`): read
 * from its file and checked against its args, so that a declaration naming an arg the
 * template does not have is an error when the template loads, not a check that never fires.
 */
import { CompileError, error, type Diagnostic } from '../diagnostics.js';
import { positionOf, type SourceFile } from '../load/source-file.js';
import { didYouMean } from '../suggest.js';
import type { ArgSpec, Listener, PodDeclarations } from './template.js';

/** The declarations as the template schema lets a file write them. */
interface Written {
  listens?: { component: string; port: string | number; protocol?: 'tcp' | 'udp'; when?: string }[];
  extends?: string[];
  targets?: Record<string, string | null>;
}

function argTypes(spec: ArgSpec | undefined): string[] {
  if (!spec?.type) return [];
  return Array.isArray(spec.type) ? spec.type : [spec.type];
}

/** The declarations of a template file (already checked against the template schema). */
export function readPodDeclarations(file: SourceFile, written: Written, argsSchema: ArgSpec): PodDeclarations {
  const args = argsSchema.properties ?? {};
  const errors: Diagnostic[] = [];
  const needArg = (name: string, path: (string | number)[], what: string, types?: string[], atKey = false) => {
    const spec = args[name];
    if (!spec) errors.push(error(`invalid template: ${path.join('.')}: "${name}" is not an arg of this template${didYouMean(name, Object.keys(args))}; ${what}`, positionOf(file, path, atKey)));
    else if (types && !argTypes(spec).some((type) => types.includes(type))) errors.push(error(`invalid template: ${path.join('.')}: arg "${name}" must be ${types.join(' or ')}; ${what}`, positionOf(file, path, atKey)));
  };
  const listens: Listener[] = (written.listens ?? []).map((entry, i) => {
    if (typeof entry.port === 'string') needArg(entry.port, ['listens', i, 'port'], 'port names the arg holding the port, or is a number', ['integer', 'number', 'string']);
    if (entry.when !== undefined) needArg(entry.when, ['listens', i, 'when'], 'when names the arg that turns the listener on');
    return { component: entry.component, port: entry.port, protocol: entry.protocol ?? 'tcp', ...(entry.when === undefined ? {} : { when: entry.when }) };
  });
  const targets = written.targets ?? {};
  for (const [arg, adder] of Object.entries(targets)) {
    needArg(arg, ['targets', arg], 'a target is an arg holding a service name or host:port', ['string'], true);
    if (adder !== null) needArg(adder, ['targets', arg], 'a target maps to the boolean arg that adds its service, or null', ['boolean']);
  }
  if (errors.length > 0) throw new CompileError(errors);
  return { listens, extends: written.extends ?? [], targets };
}
