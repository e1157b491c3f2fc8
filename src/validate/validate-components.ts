import { error, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { Pod } from '../model/pod.js';
import type { JsonObject } from '../model/compose-lists.js';
import { componentDependencyProblems } from '../checks/component-dependencies.js';
import { dockerSocketProblems } from '../checks/docker-socket.js';
import { describeSchemaError, instancePath, simplifySchemaErrors } from './ajv.js';
import { precompiled } from './precompiled.js';


/** Problems Podlike's strict parser would find in one component, as `key: problem` sentences. */
export function componentProblems(component: unknown): string[] {
  const validateComponent = precompiled('component');
  if (validateComponent(component)) return [];
  const problems = simplifySchemaErrors(validateComponent.errors).map((e) => {
      const path = instancePath(e).join('.');
      return path ? `${path}: ${describeSchemaError(e)}` : describeSchemaError(e);
    });
  return [...new Set(problems)];
}

/** Every component of a pod against the component schema (Podlike's parser rules). */
export function validatePod(pod: Pod, where: (service: string) => SourcePosition | undefined): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // Checked as the label holds it, after the string maps are written as strings.
  const { components, init } = pod.labeled;
  const named: [string, JsonObject][] = [...Object.entries(components), ...init.map((c, i): [string, JsonObject] => [`init[${i}]`, c])];
  for (const [name, component] of named) {
    for (const problem of componentProblems(component)) {
      diagnostics.push(error(`service "${pod.service}", component "${name}": ${problem}`, where(pod.service)));
    }
  }
  diagnostics.push(...componentDependencyProblems(pod.service, components, where(pod.service)));
  diagnostics.push(...dockerSocketProblems(pod.service, pod.controller, where(pod.service)));
  return diagnostics;
}
