import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { EXAMPLES } from '../helpers/paths.js';
import { compileText } from '../hardening/support.js';

/** A stack with one http pod (and a config-reload pod, which has init components, with `init`). */
function diagnosticsWith(controller: string, init = false): string[] {
  const pods = init
    ? '  web:\n    image: nginx\n    labels: { podlike.templates: config-reload, podlike.config-reload.repo: "https://example.com/c.git" }\n'
    : '  web:\n    image: nginx\n    labels: { podlike.templates: http }\n';
  return compileText(`x-podlike:\n  controller: ${controller}\nservices:\n${pods}`, EXAMPLES).diagnostics.map(formatDiagnostic);
}

describe('the controller image and flags', () => {
  it('default to a master build without IPC sharing, which starts pods on engines since 20.10', () => {
    const result = compileText('services:\n  web:\n    image: nginx\n    labels: { podlike.templates: http }\n', EXAMPLES);
    assert.deepEqual(result.diagnostics, []);
    assert.match(result.yaml ?? '', /image: rycus86\/podlike:latest\n {4}command:\n {6}- -logs\n {6}- -ipc=false\n/);
  });

  it('refuse a release that was never published', () => {
    assert.deepEqual(diagnosticsWith('{ image: rycus86/podlike:0.4.1 }'), [
      "stack.yml:2:24: error: controller image rycus86/podlike:0.4.1 does not exist: Podlike's releases are 0.4.0, 0.5.0, 0.5.1 and latest (master); use rycus86/podlike:latest with -ipc=false, or pin it by digest",
    ]);
  });

  it('refuse init components on a release before 0.5.0', () => {
    const errors = diagnosticsWith('{ image: rycus86/podlike:0.4.0, flags: [-logs] }', true).filter((d) => d.includes('error'));
    assert.deepEqual(errors, ['stack.yml:2:24: error: service "web": the pod has init components, which rycus86/podlike:0.4.0 does not run (they exist from Podlike 0.5.0): use rycus86/podlike:latest']);
  });

  it('refuse -ipc on a release, where only master builds define it', () => {
    assert.match(diagnosticsWith('{ image: rycus86/podlike:0.5.1, flags: [-logs, -ipc=false] }')[0], /^stack\.yml:2:54: error: controller flag "-ipc=false": rycus86\/podlike:0\.5\.1 does not define -ipc and stops at start: -ipc exists only on master builds/);
  });

  it('refuse what Go\'s flag package stops at: unknown flags, non-boolean values, arguments', () => {
    const errors = diagnosticsWith('{ flags: [-logs, -debug, -pull=sometimes, extra] }');
    assert.equal(errors.length, 3, errors.join('\n'));
    assert.match(errors[0], /^stack\.yml:2:24: error: controller flag "-debug": rycus86\/podlike:latest does not define -debug and stops at start \(it has -pids, -volumes, -logs, -pull, -ipc\)$/);
    assert.match(errors[1], /error: controller flag "-pull=sometimes": -pull takes true or false/);
    assert.match(errors[2], /error: controller flag "extra" is not a flag/);
  });

  it('warn where the pod would start no component on a current engine: a release, or master sharing IPC', () => {
    assert.match(diagnosticsWith('{ image: rycus86/podlike:0.5.1, flags: [-logs] }')[0], /warning: controller rycus86\/podlike:0\.5\.1 always shares its IPC namespace.*non-shareable IPC/);
    assert.match(diagnosticsWith('{ flags: [-logs] }')[0], /warning: controller rycus86\/podlike:latest shares its IPC namespace.*add -ipc=false/);
  });

  it('leave an image pinned by digest, or of another repository, to its author', () => {
    assert.deepEqual(diagnosticsWith('{ image: "rycus86/podlike@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", flags: [-logs, -ipc=false] }'), []);
    assert.deepEqual(diagnosticsWith('{ image: registry.example.com/podlike:0.4.1, flags: [-anything] }'), []);
  });
});
