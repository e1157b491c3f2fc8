/**
 * Code scanning (SARIF) groups results by rule, so each diagnostic needs a stable rule id.
 * Diagnostics carry only their text; the kind is read from that text here, in one ordered
 * table, and a diagnostic no entry matches falls back to a rule per severity.
 */
import type { Diagnostic, Severity } from '../diagnostics.js';

export interface DiagnosticRule {
  id: string;
  description: string;
}

interface RuleMatch extends DiagnosticRule {
  pattern: RegExp;
}

const RULES: readonly RuleMatch[] = [
  { id: 'invalid-yaml', pattern: /invalid YAML|not valid YAML|YAML errors? not shown|nesting is too deep/, description: 'A file or a rendered section is not valid YAML' },
  { id: 'unknown-template', pattern: /unknown template "|is not a plain name/, description: 'A pod names a template no template folder holds' },
  { id: 'unknown-arg', pattern: /unknown arg "|has args for template "/, description: 'An arg a template does not declare, or args for a template no pod applies' },
  { id: 'missing-arg', pattern: /arg "[^"]+" is required/, description: 'A required template arg is not set' },
  { id: 'invalid-arg', pattern: /: arg "[^"]+" /, description: "An arg value does not match the template's schema" },
  { id: 'template-error', pattern: /template (syntax )?error|invalid template|invalid args schema|render failed|template name "|section "|rendered text is too long|require each other in a cycle/, description: 'A template cannot be read or rendered' },
  { id: 'unsupported-component-key', pattern: /is not supported in a pod component|unknown component key "|cannot go into the pod's/, description: 'A component key Podlike cannot run' },
  { id: 'moved-to-controller', pattern: /moved to the controller/, description: 'A component key moved to the controller service' },
  { id: 'conflicting-definitions', pattern: /two different definitions|differently|both set/, description: 'Two templates set one thing to different values' },
  { id: 'pod-label', pattern: /label "[^"]+" (is not of the form|uses |lands on )/, description: 'A podlike.* or pod.* label that no template arg or Podlike reads' },
  { id: 'deploy-time-value', pattern: /uses the Swarm placeholder|which docker stack deploy fills in/, description: 'A ${VAR} or Swarm placeholder inside a component label' },
  { id: 'output-layout', pattern: /written afresh|alias \*/, description: "How the output's text was written where the input's could not be kept" },
  { id: 'dropped-key', pattern: /dropped: docker stack deploy ignores it/, description: 'A key docker stack deploy ignores, dropped from a component' },
  { id: 'copied-file', pattern: /is copied into the app at/, description: 'A config or secret copied into the app by Podlike' },
  { id: 'controller-release', pattern: /^controller /, description: 'The Podlike controller image or its flags cannot run these pods' },
  { id: 'template-folder', pattern: /^template folder /, description: 'A template folder that is not there' },
  { id: 'env-file', pattern: /env_file/, description: 'An env_file that cannot be read or is read into the pod' },
  { id: 'host-path', pattern: /host path/, description: 'A bind mount host path and how it resolves' },
  { id: 'version-raised', pattern: /^version raised/, description: "The output's compose version was raised" },
  { id: 'stale-output', pattern: / is stale: compile the stack again/, description: 'The compiled file checked with --check is not what the stack compiles to now' },
  { id: 'file-access', pattern: /^cannot (read|write)/, description: 'A file that cannot be read or written' },
];

const FALLBACK: Record<Severity, DiagnosticRule> = {
  error: { id: 'other-error', description: 'An error of another kind' },
  warning: { id: 'other-warning', description: 'A warning of another kind' },
  note: { id: 'other-note', description: 'A note of another kind' },
};

/** Every rule, in a stable order: what a SARIF log's tool.driver.rules lists. */
export const ALL_RULES: readonly DiagnosticRule[] = [...RULES, ...Object.values(FALLBACK)].map(({ id, description }) => ({ id, description }));

/** The rule a diagnostic belongs to. */
export function ruleOf(diagnostic: Diagnostic): DiagnosticRule {
  return RULES.find((rule) => rule.pattern.test(diagnostic.message)) ?? FALLBACK[diagnostic.severity];
}
