import { parse } from 'yaml';
import { componentProblems } from '../../src/validate/validate-components.js';

/**
 * Every `pod.*` label of a compiled stack checked as Podlike's controller reads it:
 * components against the component schema, init components likewise, copy specs as
 * `/src:/dst` strings. Returns the problems found (empty when all parse).
 */
export function podLabelProblems(yaml: string): string[] {
  const stack = parse(yaml) as { services?: Record<string, { labels?: Record<string, string> | string[] }> };
  const problems: string[] = [];
  for (const [service, definition] of Object.entries(stack.services ?? {})) {
    const labels = definition.labels;
    if (!labels || Array.isArray(labels)) continue;
    for (const [key, text] of Object.entries(labels)) {
      if (!key.startsWith('pod.')) continue;
      const where = `${service}: ${key}`;
      if (typeof text !== 'string') {
        problems.push(`${where}: not a string`);
        continue;
      }
      const value: unknown = parse(text);
      if (key.startsWith('pod.component.')) {
        problems.push(...componentProblems(value).map((p) => `${where}: ${p}`));
      } else if (key === 'pod.init.components') {
        if (!Array.isArray(value)) problems.push(`${where}: not a list`);
        else value.forEach((c, i) => problems.push(...componentProblems(c).map((p) => `${where}[${i}]: ${p}`)));
      } else if (key.startsWith('pod.copy.')) {
        const specs = Array.isArray(value) ? value : [value];
        for (const spec of specs) if (typeof spec !== 'string' || !/^\/[^:]*:\/[^:]*$/.test(spec)) problems.push(`${where}: bad copy spec ${JSON.stringify(spec)}`);
      } else {
        problems.push(`${where}: unknown pod label`);
      }
    }
  }
  return problems;
}
