import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { EXAMPLES } from '../helpers/paths.js';
import { compileText } from '../hardening/support.js';

const warningsOf = (text: string) =>
  compileText(text, EXAMPLES)
    .diagnostics.filter((d) => d.severity === 'warning')
    .map(formatDiagnostic);

describe('pod.* labels written on a service that becomes a pod', () => {
  it('are a warning at each label, in either form, saying where they land and which section to use instead', () => {
    const text = 'services:\n  a:\n    image: x\n    labels:\n      - podlike.templates=http\n      - pod.init.components=x\n      - pod.copy.app=/a:/b\n    deploy:\n      labels: { pod.component.y: "image: z", team: web }\n';
    assert.deepEqual(warningsOf(text), [
      'stack.yml:6:9: warning: service "a": label "pod.init.components" lands on the app container, where Podlike does not read it: a pod\'s pod.* labels come from its templates (write the init component in a template\'s init section)',
      'stack.yml:7:9: warning: service "a": label "pod.copy.app" lands on the app container, where Podlike does not read it: a pod\'s pod.* labels come from its templates (write the copy in a template\'s copy section)',
      'stack.yml:9:17: warning: service "a": label "pod.component.y" lands on the controller\'s service labels, where Podlike does not read it: a pod\'s pod.* labels come from its templates (write the component in a template\'s components section)',
    ]);
  });

  it('are no concern of a plain service, a hand-written Podlike controller included', () => {
    assert.deepEqual(warningsOf('services:\n  a:\n    image: rycus86/podlike:latest\n    labels:\n      pod.component.app: "image: x"\n'), []);
  });
});
