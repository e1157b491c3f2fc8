/**
 * A template's target left at its default (logs to `logging-server:24224`, Consul joining
 * `consul-server`) in a stack that has no such service: the pod deploys and its sidecar
 * retries a name nothing answers to. An arg set explicitly may name anything (a host
 * outside the stack), so only defaults are checked.
 */
import { warning, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { PodLayer } from '../model/pod-layer.js';
import { didYouMean } from '../suggest.js';

/** One pod's use of a target at its default. */
export interface TargetUse {
  service: string;
  template: string;
  arg: string;
  value: string;
  /** The boolean arg that adds the service, if the template can. */
  adder: string | null;
  where?: SourcePosition;
}

/** The targets a pod's templates left at their defaults, with the service each names. */
export function defaultTargets(service: string, layers: readonly PodLayer[], where: SourcePosition | undefined): TargetUse[] {
  const uses: TargetUse[] = [];
  for (const layer of layers) {
    if (!layer.template || !layer.args) continue;
    for (const [arg, adder] of Object.entries(layer.template.targets)) {
      const value = layer.args.values[arg];
      if (layer.args.set.has(arg) || typeof value !== 'string' || value === '') continue;
      // An added service is in the stack, and so checked below; a set adder names it too.
      uses.push({ service, template: layer.template.name, arg, value, adder, where });
    }
  }
  return uses;
}

/** The service a target names: the host part of host:port. */
function hostOf(value: string): string {
  return value.split(':')[0];
}

/** A warning for each default target no service of the output stack answers to, once for all pods that use it. */
export function unreachableTargets(uses: readonly TargetUse[], services: readonly string[]): Diagnostic[] {
  const defined = new Set(services);
  const byTarget = new Map<string, TargetUse[]>();
  for (const use of uses) {
    if (defined.has(hostOf(use.value))) continue;
    const key = JSON.stringify([use.template, use.arg, use.value]);
    byTarget.set(key, [...(byTarget.get(key) ?? []), use]);
  }
  return [...byTarget.values()].map((group) => {
    const [first] = group;
    const host = hostOf(first.value);
    const others = group.length > 1 ? ` (and ${group.length - 1} more pod${group.length > 2 ? 's' : ''})` : '';
    const add = first.adder ? `set podlike.${first.template}.${first.adder}: "true" to add one, or ` : 'set ';
    return warning(
      `service "${first.service}"${others}, template "${first.template}": arg ${first.arg} is "${first.value}" (its default), but the stack has no service "${host}"${didYouMean(host, services)}: ${add}podlike.${first.template}.${first.arg} to the one to use`,
      first.where,
    );
  });
}
