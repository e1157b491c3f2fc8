/**
 * The text outside rewritten pods keeps its bytes (DESIGN, Output): each case is a stack with
 * a pod `api` between text that must come out as it went in, compiled for real, and the
 * output checked by `docker stack config`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compile } from '../../src/compile.js';
import { DOCKER_MISSING, dockerAvailable, dockerStackConfigProblem } from '../helpers/docker.js';

const POD = '  api:\n    image: acme/api:1.4\n    labels:\n      podlike.templates: http\n';

function compiled(text: string): string {
  const result = compile([{ path: 'stack.yml', text }], { env: {} });
  assert.ok(result.yaml !== undefined, result.diagnostics.map((d) => d.message).join('\n'));
  return result.yaml;
}

function assertDeploys(yaml: string): void {
  if (!dockerAvailable()) return;
  assert.equal(dockerStackConfigProblem(yaml), undefined);
}

/** The output is `before`, a rewritten pod, then `after`, byte for byte. */
function assertKept(before: string, pod: string, after: string): string {
  const out = compiled(before + pod + after);
  assert.ok(out.startsWith(before), `text before the pod changed:\n${JSON.stringify(out.slice(0, before.length + 40))}`);
  assert.ok(out.endsWith(after), `text after the pod changed:\n${JSON.stringify(out.slice(-after.length - 40))}`);
  assert.ok(out.length > before.length + after.length + pod.length, 'the pod was not rewritten');
  assertDeploys(out);
  return out;
}

describe('text outside rewritten pods keeps its bytes', { skip: dockerAvailable() ? false : DOCKER_MISSING }, () => {
  it('an alias of an anchor in a pod becomes its value in place; the rest of the plain service is untouched', () => {
    const pod = '  api:\n    image: &img acme/api:1.4\n    labels:\n      podlike.templates: http\n';
    const rest = '    command: >\n      folded\n      text\n\n    # about db\n  db:\n    image: postgres\n';
    const out = compiled(`services:\n${pod}  web:\n    image: *img\n${rest}`);
    // Before: every plain service re-written: `>` text re-flowed to `folded text`, the blank line before the comment gone.
    assert.ok(out.endsWith(`  web:\n    image: "acme/api:1.4"\n${rest}`), out);
    assertDeploys(out);
    const result = compile([{ path: 'stack.yml', text: `services:\n${pod}  web:\n    image: *img\n` }], { env: {} });
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.position?.line}:${d.position?.col} ${d.severity}: ${d.message}`),
      ['7:12 note: alias *img is written as the value it stood for: its anchor\'s text was rewritten'],
    );
  });

  it('an alias of an anchored mapping that was patched stands for the value it had, not the new one', () => {
    const out = compiled(`services: &svc\n  web:\n    image: nginx\n${POD}x-copy: *svc\n`);
    // Before: `x-copy: *svc`, which now stood for the rewritten services.
    assert.ok(out.endsWith('x-copy: {web: {image: "nginx"}, api: {image: "acme/api:1.4", labels: {podlike.templates: "http"}}}\n'), out);
    assertDeploys(out);
  });

  it('a UTF-8 byte-order mark stays, with or without a pod', () => {
    // Before: dropped.
    assertKept('\uFEFFservices:\n  web:\n    image: nginx\n', POD, '  db:\n    image: postgres\n');
    const plain = '\uFEFFservices:\n  web:\n    image: nginx\n';
    assert.equal(compiled(plain), plain);
  });

  it('a CRLF file comes out CRLF throughout, its rewritten pods too', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    // Before: the pod's lines ended in LF alone, the rest in CRLF.
    const out = assertKept(crlf('services:\n  web:\n    image: nginx\n'), crlf(POD), crlf('  db:\n    image: postgres\n'));
    assert.doesNotMatch(out, /(^|[^\r])\n/);
  });

  it('a CRLF file re-written whole (an explicit key) is CRLF too', () => {
    const out = compiled('services:\r\n  ? web\r\n  : image: nginx\r\n' + POD.replace(/\n/g, '\r\n'));
    assert.doesNotMatch(out, /(^|[^\r])\n/);
    assertDeploys(out);
  });

  it('a file without a final newline still ends without one when its end is kept', () => {
    // Before: a newline was added after `postgres`.
    assertKept('services:\n  web:\n    image: nginx\n', POD, '  db:\n    image: postgres');
    assertKept('services:\r\n  web:\r\n    image: nginx\r\n', POD.replace(/\n/g, '\r\n'), '  db:\r\n    image: postgres');
  });

  it('says so in a note where a pod is in text that cannot be patched entry by entry', () => {
    const notes = (text: string) => compile([{ path: 'stack.yml', text }], { env: {} }).diagnostics.map((d) => `${d.position?.line}:${d.position?.col} ${d.message}`);
    // Before: no word of why the plain services lost their layout.
    assert.deepEqual(notes('services: {web: {image: nginx}, api: {image: a, labels: {podlike.templates: http}}}\n'), [
      '1:1 services is written afresh whole (it is in flow style, or merges with "<<", which the output cannot patch entry by entry): its own layout and comments are not kept',
    ]);
    assert.deepEqual(notes('services:\n  ? web\n  : image: nginx\n' + POD), [
      '1:1 the output is the whole file written afresh (its top level is in flow style, or has a key written as "? key" or not alone at the start of its line): comments are kept where they attach, the layout is not',
    ]);
    assert.deepEqual(notes('services:\n  web: {image: nginx}\n' + POD), []);
  });

  it('a file re-written whole with a << merge of an anchor in a pod compiles, the merge written as its value', () => {
    // Before: the compile threw "Merge sources must be maps or map aliases".
    const out = compiled('{services: {api: &api {image: acme/api, labels: {podlike.templates: http}}, web: {<<: *api, labels: {}}}}\n');
    assert.match(out, /web: \{<<: \{image: acme\/api, labels: \{podlike\.templates: http\}\}, labels: \{\}\}/);
    assertDeploys(out);
  });

  const kept: [string, string, string][] = [
    ['merge keys in a plain service', 'x-d: &d\n  restart_policy: {condition: any}\nservices:\n  web:\n    image: nginx\n    deploy:\n      <<: *d\n', ''],
    ['an alias between top-level sections', 'x-env: &env\n  A: "1"\nservices:\n  web:\n    image: nginx\n    environment: *env\n', ''],
    ['a tag', 'services:\n  web:\n    image: !!str nginx\n', ''],
    ['flow style in a plain service', 'services:\n  web: {image: nginx, command: [a, b]}\n', ''],
    ['document markers', '%YAML 1.1\n---\nservices:\n  web:\n    image: nginx\n', '...\n'],
    ['comments at odd places', 'services: # the services\n  web: # web\n    image: nginx # img\n# about api\n', '# about db\n  db:\n    image: postgres\n# end\n'],
    ['tabs and trailing white space', 'services:  \n  web:   \n    image: nginx\t# tab\n    command:\t[a,\tb]\n   \n', '\n  \n  db:\n    image: postgres  \n'],
  ];
  for (const [name, before, after] of kept) {
    it(name, () => {
      assertKept(before, POD, after);
    });
  }
});
