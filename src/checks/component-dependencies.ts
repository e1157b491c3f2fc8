/**
 * A component's depends_on naming a component the pod does not have, or components that wait
 * on each other in a cycle: Podlike waits for them forever while the pod reports healthy.
 */
import { error, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { isObject, type Json, type JsonObject } from '../model/compose-lists.js';
import { didYouMean } from '../suggest.js';

/** The names a depends_on lists, in list or mapping form. */
function dependencies(value: Json | undefined): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return isObject(value) ? Object.keys(value) : [];
}

/** The first cycle of the graph, as the names along it (the first repeated at the end). */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'open') return [...path.slice(path.indexOf(name)), name];
    state.set(name, 'open');
    path.push(name);
    for (const next of graph.get(name) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const name of graph.keys()) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Errors for depends_on entries outside the pod and for a cycle between the pod's components. */
export function componentDependencyProblems(service: string, components: Record<string, JsonObject>, where: SourcePosition | undefined): Diagnostic[] {
  const names = Object.keys(components);
  const errors: Diagnostic[] = [];
  const graph = new Map<string, string[]>();
  for (const [name, component] of Object.entries(components)) {
    const needs = dependencies(component.depends_on);
    graph.set(name, needs.filter((need) => names.includes(need)));
    for (const need of needs.filter((need) => !names.includes(need))) {
      errors.push(error(`service "${service}", component "${name}": depends_on "${need}", which is not a component of the pod${didYouMean(need, names)}: Podlike would wait for it forever (components: ${names.join(', ')})`, where));
    }
  }
  const cycle = findCycle(graph);
  if (cycle) {
    errors.push(error(`service "${service}": components wait for each other in a cycle (${cycle.map((name) => `"${name}"`).join(' -> ')}): Podlike would wait forever; remove one of these depends_on`, where));
  }
  return errors;
}
