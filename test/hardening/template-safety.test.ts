/**
 * What a template can reach: only files named `<name>.yml` inside the template folders,
 * and only the documented rendering context (service, args, pod, stack). No prototype
 * access, no environment, no file system, and no endless recursion.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { compile } from '../../src/compile.js';
import { BIN } from '../helpers/paths.js';
import { workspace } from '../helpers/workspace.js';

interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}


/** The CLI as a separate process, killed after `timeoutMs` (a hang is a failure, not a stuck suite). */
function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}, timeoutMs = 30_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', PODLIKE_TEMPLATES: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

function assertNoStackTrace(run: CliRun): void {
  assert.doesNotMatch(run.stderr, /\n\s+at .+[:(]\d+:\d+\)?$/m, `stack trace printed:\n${run.stderr}`);
  assert.doesNotMatch(run.stderr, /\b(TypeError|RangeError|ReferenceError|SyntaxError):/, `JavaScript error printed:\n${run.stderr}`);
}

const pod = (templates: string, more = '') => `services:\n  api:\n    image: acme/api:1.4\n    labels:\n      podlike.templates: ${templates}\n${more}`;

/** A valid template that would be accepted if it were reached. */
const template = (name: string) => `name: ${name}\ndescription: must never be loaded\ncomponents: |\n  leaked:\n    image: evil/${name}:1\n`;

describe('template names never leave the template folders', { concurrency: 4 }, () => {
  for (const [name, spec] of [
    ['parent folder', '../outside'],
    ['absolute path', '/etc/passwd'],
    ['sub-folder', 'sub/inner'],
    ['parent folder, with an extension', '../outside.yml'],
  ] as const) {
    it(`${name}: ${spec} is refused as not a plain name`, async () => {
      const dir = workspace({ 'stack.yml': pod(spec), 'outside.yml': template('outside'), 'tpl/sub/inner.yml': template('inner'), 'tpl/keep.yml': template('keep') });
      const run = await runCli(['-t', 'tpl', 'stack.yml'], dir);
      assertNoStackTrace(run);
      assert.equal(run.status, 1);
      assert.equal(
        run.stderr,
        `stack.yml:5:26: error: service "api": template name "${spec}" is not a plain name (letters, digits, - and _ only): templates are looked up by name inside the template folders\n`,
      );
      assert.doesNotMatch(run.stdout, /evil/);
    });

    it(`${name}: templates show ${spec} is refused too`, async () => {
      const dir = workspace({ 'outside.yml': template('outside'), 'tpl/sub/inner.yml': template('inner') });
      const run = await runCli(['templates', 'show', spec, '-t', 'tpl'], dir);
      assertNoStackTrace(run);
      assert.equal(run.status, 1);
      assert.match(run.stderr, /^error: template name ".*" is not a plain name/);
      assert.doesNotMatch(run.stdout, /must never be loaded/);
    });
  }

  it('a template given as a label arg prefix cannot name a path either (podlike.../x.arg)', async () => {
    const dir = workspace({ 'stack.yml': pod('keep', '      podlike.../outside.port: "1"\n'), 'outside.yml': template('outside'), 'tpl/keep.yml': template('keep') });
    const run = await runCli(['-t', 'tpl', 'stack.yml'], dir);
    assertNoStackTrace(run);
    assert.equal(run.status, 1);
    assert.doesNotMatch(run.stdout + run.stderr, /must never be loaded|evil\/outside/);
  });

  describe('a symlink inside a template folder pointing outside it', () => {
    function linked(): string {
      const dir = workspace({ 'outside/evil.yml': template('evil'), 'tpl/good.yml': template('good') });
      symlinkSync(join(dir, 'outside', 'evil.yml'), join(dir, 'tpl', 'evil.yml'));
      symlinkSync(join(dir, 'outside'), join(dir, 'tpl', 'linked-dir'));
      writeFileSync(join(dir, 'stack.yml'), pod('evil'));
      return dir;
    }

    it('is not followed: the name is unknown', async () => {
      const dir = linked();
      const run = await runCli(['-t', 'tpl', 'stack.yml'], dir);
      assertNoStackTrace(run);
      assert.equal(run.status, 1);
      assert.equal(run.stderr, 'stack.yml:5:26: error: service "api": unknown template "evil"\n');
      assert.doesNotMatch(run.stdout, /evil\/evil/);
    });

    it('is not listed by templates, and templates show refuses it', async () => {
      const dir = linked();
      const list = await runCli(['templates', '-t', 'tpl'], dir);
      assert.equal(list.status, 0, list.stderr);
      assert.match(list.stdout, /\bgood\b/, 'the real file in the folder is listed');
      assert.doesNotMatch(list.stdout, /\bevil\b/);
      assert.doesNotMatch(list.stdout, /linked-dir/);
      const show = await runCli(['templates', 'show', 'evil', '-t', 'tpl'], dir);
      assert.equal(show.status, 1);
      assert.equal(show.stderr, 'error: unknown template "evil"\n');
    });

    it('a template folder that is itself a symlink still works (only links out of a folder are refused)', async () => {
      const dir = workspace({ 'real/good.yml': template('good'), 'stack.yml': pod('good') });
      symlinkSync(join(dir, 'real'), join(dir, 'tpl'));
      const run = await runCli(['-t', 'tpl', 'stack.yml'], dir);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /image: evil\/good:1/);
    });
  });
});

/** A template whose component `side` gets `V: '<expression>'` in its environment. */
function probe(expression: string): string {
  return [
    'name: probe',
    'description: renders one expression',
    'args:',
    '  type: object',
    '  properties:',
    '    s: { type: string, default: hi }',
    'components: |',
    '  side:',
    '    image: alpine:3.20',
    '    environment:',
    `      V: '${expression}'`,
    '',
  ].join('\n');
}

/** Text that only shows up when a function, a prototype or a host object leaked into the output. */
const LEAK = /function|native code|\[object|=>|prototype|constructor|Object|process|require|import|\/root|\/home|leak-marker/;

/** The V a probe rendered, or undefined when the compile failed (cleanly). */
async function render(expression: string, env: Record<string, string> = {}): Promise<{ run: CliRun; value?: string }> {
  const dir = workspace({ 'stack.yml': pod('probe'), 'tpl/probe.yml': probe(expression) });
  const run = await runCli(['-t', 'tpl', 'stack.yml'], dir, { HOME: '/root/leak-marker-home', PODLIKE_SECRET: 'leak-marker-secret', ...env });
  assertNoStackTrace(run);
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}, signal ${run.signal}`);
  if (run.status !== 0) {
    assert.match(run.stderr, /^tpl\/probe\.yml:\d+:\d+: error: /m, 'a failure is a diagnostic in the template');
    assert.doesNotMatch(run.stderr.replace(/^.*?: error: .*?: /gm, ''), /leak-marker/, 'a failure does not print the secret either');
    return { run };
  }
  const stack = parse(run.stdout) as { services: { api: { labels: Record<string, string> } } };
  const side = parse(stack.services.api.labels['pod.component.side']) as { environment: Record<string, string> };
  return { run, value: side.environment.V };
}

describe('Handlebars prototype access stays disabled: nothing leaks', { concurrency: 4 }, () => {
  const expressions = [
    '{{constructor.name}}',
    '{{constructor}}',
    '{{__proto__}}',
    '{{__proto__.constructor.name}}',
    '{{lookup this "constructor"}}',
    '{{lookup (lookup this "constructor") "name"}}',
    '{{#with (lookup args "constructor")}}[{{name}}]{{/with}}',
    '{{#with (lookup args "constructor")}}{{toJson this}}{{/with}}',
    '{{#each (lookup args "__proto__")}}{{@key}}{{/each}}',
    '{{#with args.s}}{{#with constructor}}{{name}}{{/with}}{{/with}}',
    '{{lookup (lookup args.s "constructor") "constructor"}}',
    '{{args.s.constructor}}',
    '{{args.__proto__.toString}}',
    '{{lookup args "__defineGetter__"}}',
    '{{lookup args "hasOwnProperty"}}',
    '{{@root.constructor}}',
    '{{toJson (lookup args "constructor")}}',
    '{{toYaml (lookup this "constructor")}}',
    '{{join (lookup args "constructor") ","}}',
    '{{quote (lookup service "__proto__")}}',
    '{{indent 2 (lookup args "constructor")}}',
    '{{default (lookup args "constructor") "fallback"}}',
    // The published Handlebars RCE gadget chain: it must stay inert.
    '{{#with "s" as |string|}}{{#with "e"}}{{#with split as |conslist|}}{{this.pop}}{{this.push (lookup string.sub "constructor")}}{{this.pop}}{{#with string.split as |codelist|}}{{this.pop}}{{this.push "return process.env.PODLIKE_SECRET;"}}{{this.pop}}{{#each conslist}}{{#with (string.sub.apply 0 codelist)}}{{this}}{{/with}}{{/each}}{{/with}}{{/with}}{{/with}}{{/with}}',
  ];
  for (const expression of expressions) {
    it(expression.length > 80 ? `${expression.slice(0, 77)}...` : expression, async () => {
      const { value } = await render(expression);
      if (value !== undefined) {
        assert.doesNotMatch(value, LEAK, `leaked: ${JSON.stringify(value)}`);
        assert.ok(['', 'null', '""', 'fallback'].includes(value) || /^\[?\]?$/.test(value), `renders nothing: ${JSON.stringify(value)}`);
      }
    });
  }
});

describe('templates see the documented context only', { concurrency: 4 }, () => {
  it('the context has exactly service, args, pod and stack', async () => {
    const { value } = await render('{{#each this}}{{@key}},{{/each}}');
    assert.equal(value, 'service,args,pod,stack,');
  });

  it('toJson of the whole context holds plain data only, no host object', async () => {
    const dir = workspace({
      'stack.yml': pod('probe'),
      'tpl/probe.yml': 'name: probe\ndescription: d\ncomponents: |\n  side:\n    image: alpine:3.20\n    environment:\n      V: {{quote (toJson this)}}\n',
    });
    const run = await runCli(['-t', 'tpl', 'stack.yml'], dir, { PODLIKE_SECRET: 'leak-marker-secret' });
    assert.equal(run.status, 0, run.stderr);
    const stack = parse(run.stdout) as { services: { api: { labels: Record<string, string> } } };
    const side = parse(stack.services.api.labels['pod.component.side']) as { environment: Record<string, string> };
    const context = JSON.parse(side.environment.V) as Record<string, unknown>;
    assert.deepEqual(Object.keys(context), ['service', 'args', 'pod', 'stack']);
    assert.deepEqual(context.pod, { app: 'app', components: ['app'] });
    assert.doesNotMatch(side.environment.V, /leak-marker/);
  });

  for (const expression of [
    '{{process.env.HOME}}',
    '{{env.HOME}}',
    '{{process.env.PODLIKE_SECRET}}',
    '{{env.PODLIKE_SECRET}}',
    '{{@root.process.env.PODLIKE_SECRET}}',
    '{{lookup (lookup this "process") "env"}}',
    '{{global.process.env.HOME}}',
    '{{globalThis.process.env.HOME}}',
    '{{require "fs"}}',
  ]) {
    it(`no environment: ${expression} renders empty or fails cleanly`, async () => {
      const { value } = await render(expression);
      if (value !== undefined) assert.equal(value, '');
    });
  }

  for (const partial of ['{{> /etc/passwd}}', '{{> "/etc/passwd"}}', '{{> ../stack.yml}}', '{{> "../stack.yml"}}', '{{> stack}}', '{{> (lookup args "s")}}']) {
    it(`no file system: ${partial} fails cleanly (there are no partials but inline ones)`, async () => {
      const { run, value } = await render(partial);
      assert.equal(value, undefined, 'a partial that is not defined inline cannot render');
      assert.match(run.stderr, /render failed: The partial .* could not be found|template syntax error|template error in section "components": partial ".*" is not defined/);
      assert.doesNotMatch(run.stderr, /root:x:0:0|services:/);
    });
  }

  for (const [name, expression] of [
    ['an inline partial that includes itself', '{{#*inline "p"}}{{> p}}{{/inline}}{{> p}}'],
    ['an inline partial that grows output as it recurses', '{{#*inline "p"}}x{{> p}}{{/inline}}{{> p}}'],
    ['two inline partials that include each other', '{{#*inline "a"}}{{> b}}{{/inline}}{{#*inline "b"}}{{> a}}{{/inline}}{{> a}}'],
  ] as const) {
    it(`endless recursion is stopped with an error, not a hang: ${name}`, async () => {
      const dir = workspace({ 'stack.yml': pod('probe'), 'tpl/probe.yml': probe(expression) });
      const run = await runCli(['-t', 'tpl', 'stack.yml'], dir, {}, 20_000);
      assert.equal(run.signal, null, `killed after ${run.ms} ms: a hang`);
      assertNoStackTrace(run);
      assert.equal(run.status, 1);
      assert.match(run.stderr, /^tpl\/probe\.yml:8:3: error: service "api", template "probe", section "components": render failed: it calls itself without end \(a partial that renders itself\?\)\n$/);
    });
  }
});

/**
 * Bugs: these assert the right behaviour and fail until fixed (see the accompanying report).
 */
describe('template safety problems found', () => {
  it('a label arg path through __proto__ does not pollute Object.prototype of the compiling process', () => {
    const dir = workspace({
      'tpl/side.yml': 'name: side\ndescription: d\nargs:\n  type: object\n  additionalProperties: false\n  properties:\n    port: { type: integer, default: 80 }\n',
    });
    const text = pod('side', '      podlike.side.__proto__.podlikePolluted: "yes"\n');
    try {
      const result = compile({ path: 'stack.yml', text }, { cwd: dir, env: {}, templates: [join(dir, 'tpl')] });
      assert.ok(result.diagnostics.some((d) => d.severity === 'error'), 'the label is refused');
      // Today: Object.prototype.podlikePolluted === 'yes' after this compile (resolve-args.ts setIn()).
      assert.equal(({} as Record<string, unknown>).podlikePolluted, undefined, 'Object.prototype was polluted by a stack label');
    } finally {
      delete (Object.prototype as Record<string, unknown>).podlikePolluted;
    }
  });

  it('... nor changes what another service compiles to, and the error points at the label', async () => {
    const dir = workspace({
      'tpl/side.yml': 'name: side\ndescription: d\nargs:\n  type: object\n  additionalProperties: false\n  properties:\n    port: { type: integer, default: 80 }\n',
      'stack.yml': 'services:\n  api:\n    image: a\n    labels:\n      podlike.templates: side\n      podlike.side.__proto__.image: evil/image\n  web:\n    image: nginx\n    labels:\n      podlike.templates: side\n',
    });
    const run = await runCli(['-t', 'tpl', 'stack.yml'], dir);
    assertNoStackTrace(run);
    assert.equal(run.status, 1);
    // Today: two errors, `unknown arg "image"` for api at 2:3 and for web (which has no such label) at 7:3.
    const lines = run.stderr.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, 1, `one error, for api only:\n${run.stderr}`);
    assert.match(lines[0], /^stack\.yml:6:7: error: service "api"/);
  });

  it('a denied property access is reported as a diagnostic of the template (or not at all), not as Handlebars console text', async () => {
    const dir = workspace({ 'stack.yml': pod('probe'), 'tpl/probe.yml': probe('{{#with "s" as |x|}}{{x.sub}}{{/with}}') });
    const run = await runCli(['-t', 'tpl', 'stack.yml'], dir);
    assert.equal(run.status, 0, run.stderr);
    // Today: "Handlebars: Access has been denied to resolve the property "sub" ..." and two more lines, even with -q.
    for (const line of run.stderr.split('\n').filter((l) => l !== '')) {
      assert.match(line, /^tpl\/probe\.yml:\d+:\d+: (warning|note): /, `stray stderr line: ${line}`);
    }
    const quiet = await runCli(['-q', '-t', 'tpl', 'stack.yml'], dir);
    assert.equal(quiet.stderr, '', '--quiet shows errors only');
  });
});
