/**
 * A Podlike-format stack compiled end to end: templates from files (relative to the stack's
 * folder), inline and http (a local server in its own process; an unreachable URL falls back),
 * and podlike-gen's guarantees on the output: same bytes twice, untouched services and
 * comments kept, `$` meaning the same to docker and Podlike as in the input.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { compile } from '../../src/compile.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { readAsDeployed, readersMissing } from '../readers/read-as-deployed.js';
import { workspace } from '../helpers/workspace.js';

let server: ChildProcess | undefined;
let url = '';

before(async () => {
  const script = `const s=require('http').createServer((q,r)=>{if(q.url==='/side.yml'){r.end('side:\\n  image: sample/served\\n');}else{r.statusCode=404;r.end();}});
    s.listen(0,'127.0.0.1',()=>console.log(s.address().port));`;
  server = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise((resolve) => server!.stdout!.once('data', (port) => resolve(`http://127.0.0.1:${String(port).trim()}`)));
});
after(() => server?.kill());

function compiled(dir: string, file = 'stack.yml', cwd = dir, allowOutside: string[] = []): string {
  const result = compile(join(dir, file), { cwd, allowOutside });
  assert.ok(result.yaml !== undefined, result.diagnostics.map(formatDiagnostic).join('\n'));
  return result.yaml;
}

test('an http template is fetched; an unreachable one falls back to its fallback', () => {
  const dir = workspace({
    'stack.yml': `services:\n  api:\n    image: a\n    x-podlike:\n      templates:\n        - ${url}/side.yml\n        - http: {url: "http://127.0.0.1:1/gone.yml", fallback: {inline: "extra: {image: sample/fallback}"}}\n`,
  });
  const yaml = compiled(dir, 'stack.yml', dir, [url, 'http://127.0.0.1:1/']);
  assert.match(yaml, /pod\.component\.side: \|\n\s+image: sample\/served\n/);
  assert.match(yaml, /pod\.component\.extra: \|\n\s+image: sample\/fallback\n/);
});

test('an http template answered with 404 and no fallback is an error naming the URL', () => {
  const dir = workspace({ 'stack.yml': `services:\n  api:\n    image: a\n    x-podlike:\n      templates: [${url}/missing.yml]\n` });
  const result = compile(join(dir, 'stack.yml'), { cwd: dir, allowOutside: [`${url}/`] });
  assert.deepEqual(result.diagnostics.map(formatDiagnostic), [
    `${join(dir, 'stack.yml')}:5:19: error: x-podlike: cannot fetch template ${url}/missing.yml: HTTP 404 (give it a fallback: {file: ...} to compile without the network)`,
  ]);
});

test('an http template is fetched only from a URL the user allowed: else its fallback, or an error naming the URL', () => {
  const stack = (fallback: string) => `services:\n  api:\n    image: a\n    x-podlike:\n      templates:\n        - http: {url: "${url}/side.yml"${fallback}}\n`;
  const refused = workspace({ 'stack.yml': stack('') });
  assert.deepEqual(compile(join(refused, 'stack.yml'), { cwd: refused, allowOutside: [`${url}/other`] }).diagnostics.map(formatDiagnostic), [
    `${join(refused, 'stack.yml')}:6:17: error: x-podlike: template ${url}/side.yml is not fetched: a stack makes the compile fetch a URL only where the user allows it (--allow-outside ${url}/side.yml, or a prefix of it), or give it a fallback: {file: ...}`,
  ]);
  const withFallback = workspace({ 'stack.yml': stack(', fallback: {inline: "side: {image: sample/local}"}') });
  assert.match(compiled(withFallback), /pod\.component\.side: \|\n\s+image: sample\/local\n/);
});

test('a file template outside the stack\'s folder is not read unless allowed', () => {
  const outside = workspace({ 'side.yml': 'side:\n  image: sample/outside\n' });
  const dir = workspace({ 'stack.yml': `services:\n  api:\n    image: a\nx-podlike:\n  api:\n    templates: ${join(outside, 'side.yml')}\n` });
  const result = compile(join(dir, 'stack.yml'), { cwd: dir });
  assert.equal(result.yaml, undefined);
  assert.match(result.diagnostics.map(formatDiagnostic).join('\n'), /cannot read template file ".*side\.yml" \(is outside the stack's folder/);
  assert.match(compiled(dir, 'stack.yml', dir, [outside]), /image: sample\/outside/);
});

test("file templates are found beside the stack file, whatever the current folder", () => {
  const dir = workspace({ 'deploy/stack.yml': 'services:\n  api:\n    image: a\nx-podlike:\n  api:\n    templates: templates/side.yml\n', 'deploy/templates/side.yml': 'side:\n  image: sample/side\n' });
  assert.match(compiled(dir, 'deploy/stack.yml', workspace()), /pod\.component\.side: \|\n\s+image: sample\/side\n/);
});

test('the output is the same bytes twice, and keeps the untouched services and their comments', () => {
  const dir = workspace({
    'stack.yml': '# the stack\nservices:\n  # the database\n  db:\n    image: postgres # pinned later\n  api:\n    image: a\n    x-podlike:\n      copy: {inline: "app: /a:/b"}\n',
  });
  const first = compiled(dir);
  assert.equal(compiled(dir), first);
  assert.match(first, /^# the stack\nservices:\n  # the database\n  db:\n    image: postgres # pinned later\n/);
  assert.doesNotMatch(first, /x-podlike/);
});

test('`$$`, `${VAR}` and a lone `$` in a template mean to docker and Podlike what they mean in a stack', { skip: readersMissing() }, () => {
  const dir = workspace({
    'stack.yml': [
      'services:',
      '  api:',
      '    image: a',
      '    x-podlike:',
      '      templates:',
      '        inline: |',
      '          side:',
      '            image: sample/side',
      "            command: [sh, -c, 'echo $$HOME ${GREETING} costs 5$$']",
      '',
    ].join('\n'),
  });
  const read = readAsDeployed(compiled(dir), dir, { GREETING: 'hi' });
  assert.deepEqual(read.problems, []);
  assert.deepEqual(read.pods.api.components.side?.command, ['sh', '-c', 'echo $HOME hi costs 5$']);
});

test(".Service is docker's ServiceConfig: Go field names, long ports, parsed durations, string labels; a wrong field fails as in Go", () => {
  const dir = workspace({
    'stack.yml': [
      'services:',
      '  api:',
      '    image: a',
      '    ports: ["8080:80"]',
      '    stop_grace_period: 1m30s',
      '    labels: {port: 15000}',
      '    x-podlike:',
      '      transformer:',
      '        inline: |',
      '          app:',
      "            command: ['{{ (index .Service.Ports 0).Published }}', '{{ .Service.StopGracePeriod }}', '{{ printf \"%s\" .Service.Labels.port }}']",
      '',
    ].join('\n'),
  });
  assert.match(compiled(dir), /command:\n\s+- "8080"\n\s+- 1m30s\n\s+- "15000"\n/);
  const wrong = workspace({ 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      transformer: {inline: "app: {image: \'{{ .Service.Imag }}\'}"}\n' });
  const result = compile(join(wrong, 'stack.yml'), { cwd: wrong });
  assert.match(result.diagnostics.map(formatDiagnostic).join('\n'), /stack\.yml:5:\d+: error: inline template: template: inline:1:\d+: executing "inline" at <\.Service\.Imag>: can't evaluate field Imag in type \*types\.ServiceConfig$/);
});
