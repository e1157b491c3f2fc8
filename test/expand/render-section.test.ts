import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { compileText, describeDiagnostics, errorsOf, removeFolder, tempFolder } from '../hardening/support.js';

const STACK = 'services:\n  api:\n    image: acme/api:1.4\n    labels:\n      podlike.templates: probe\n';
const folders: string[] = [];
after(() => folders.forEach(removeFolder));

/** The probe component as Podlike reads it from the controller's label. */
function probeComponent(components: string): Record<string, unknown> {
  const dir = tempFolder({ 'probe.yml': `name: probe\ndescription: d\ncomponents: |\n${components.replace(/^/gm, '  ')}\n` });
  folders.push(dir);
  const result = compileText(STACK, dir, { templates: ['.'] });
  assert.deepEqual(errorsOf(result), [], describeDiagnostics(result.diagnostics));
  const labels = (result.stack as { services: { api: { labels: Record<string, string> } } }).services.api.labels;
  return parse(labels['pod.component.probe']) as Record<string, unknown>;
}

describe('rendered sections are read as stack files are', () => {
  it('a leading-zero number is octal, as docker reads it, whether the section is read the fast way or not', () => {
    // A file mode: 0440 is 288. An anchor sends the section to the full reader.
    const plain = probeComponent('probe:\n  image: busybox:1.36\n  environment:\n    MODE: 0440');
    const anchored = probeComponent('probe:\n  image: busybox:1.36\n  environment: &e\n    MODE: 0440\n  labels: *e');
    assert.deepEqual(plain.environment, { MODE: '288' });
    assert.deepEqual(anchored.environment, { MODE: '288' });
  });

  it('a number too large for a float64 is its text', () => {
    assert.deepEqual(probeComponent('probe:\n  image: busybox:1.36\n  environment:\n    BIG: 1e400').environment, { BIG: '1e400' });
  });
});
