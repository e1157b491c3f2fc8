/**
 * Every class of diagnostic the compiler can produce, run through the real CLI on real files
 * in a temporary folder: the exact text of the diagnostic line (a regex only where the text
 * comes from a library: YAML and Handlebars parse errors, ajv, Node's errno text), its
 * `file:line:col` position (or `file: ` when it has none), the exit code, and no stack trace.
 *
 * The classes were enumerated from src/ (every error(), warning(), note(), fail() and
 * `new CompileError([...])`, and every stderr write of the CLI layer).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BIN } from '../helpers/paths.js';
import { workspace } from '../helpers/workspace.js';

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a separate process (as run-cli.ts does), asynchronously so that cases can run side by side. */
function runCli(args: readonly string[], options: { cwd?: string; input?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', PODLIKE_TEMPLATES: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}


/** A template file: name on line 1, description on line 2, `body` from line 3. */
function tpl(name: string, body = ''): string {
  return `name: ${name}\ndescription: a test template\n${body}`;
}

/**
 * A stack with one service `api` whose `podlike.templates` value is `templates`:
 *   1 services:  2 api:  3 image  4 labels:  5 podlike.templates (value at col 26)  6.. `more`
 */
function pod(templates: string, more = ''): string {
  return `services:\n  api:\n    image: acme/api:1.4\n    labels:\n      podlike.templates: ${templates}\n${more}`;
}

/** A small template with two typed args and a sidecar, used where the case is about args. */
const SIDE = tpl(
  'side',
  `args:
  type: object
  additionalProperties: false
  properties:
    port: { type: integer, default: 80, description: a port }
    name: { type: string, default: x }
components: |
  side:
    image: alpine:3.20
    command: ["sleep", "{{args.port}}"]
`,
);

const DIAGNOSTIC_LINE = /^(?<file>[^\s:][^:]*?)(?::(?<line>\d+):(?<col>\d+))?: (?<severity>error|warning|note): \S/;

function assertNoStackTrace(run: CliRun): void {
  assert.doesNotMatch(run.stderr, /\n\s+at .+[:(]\d+:\d+\)?$/m, `stack trace printed:\n${run.stderr}`);
  assert.doesNotMatch(run.stderr, /\b(TypeError|RangeError|ReferenceError|SyntaxError):/, `JavaScript error printed:\n${run.stderr}`);
}

/** Every stderr line is a diagnostic, and every position is inside the file it names. */
function assertDiagnosticLines(run: CliRun, dir: string): string[] {
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  for (const line of lines) {
    const m = DIAGNOSTIC_LINE.exec(line);
    assert.ok(m, `not a diagnostic line: ${JSON.stringify(line)}`);
    if (m.groups?.line) {
      const line = Number(m.groups.line);
      const col = Number(m.groups.col);
      assert.ok(line >= 1 && col >= 1, `position ${line}:${col} must be 1-based`);
      let text: string | undefined;
      try {
        text = readFileSync(join(dir, m.groups.file), 'utf8');
      } catch {
        text = undefined;
      }
      if (text !== undefined) {
        const fileLines = text.split('\n');
        assert.ok(line <= fileLines.length, `${m.groups.file} has ${fileLines.length} lines; position line ${line} is outside it`);
        const width = fileLines[line - 1].length;
        assert.ok(col <= width + 1, `${m.groups.file}:${line} has ${width} characters; position column ${col} is past its end`);
      }
    }
  }
  return lines;
}

interface Case {
  /** What is wrong, as the catalog names it. */
  name: string;
  files: Record<string, string>;
  /** CLI args (run in the workspace folder); default `-t tpl stack.yml`. */
  args?: string[];
  /** The diagnostic line, exactly, or a regex for the line where a library writes part of it. */
  expect: string | RegExp;
  exit: 0 | 1;
  /** Other lines allowed besides the expected one (default: none). */
  more?: number;
  /** Runs before the CLI, with the workspace folder. */
  setup?: (dir: string) => void;
}

/** A stack with the pod `api` (template side) and the plain service `db`; `tpl/other.yml` is a second template no pod applies. */
const OUTSIDE_FILES = { 'stack.yml': pod('side', '  db:\n    image: postgres:16\n'), 'tpl/side.yml': SIDE, 'tpl/other.yml': SIDE.replace('name: side', 'name: other') };

/** `--values values.yml` with `text` as the file, over OUTSIDE_FILES. */
function valuesCases(): Case[] {
  const args = ['-t', 'tpl', '--values', 'values.yml', 'stack.yml'];
  const make = (name: string, text: string, expect: string, exit: 0 | 1 = 1): Case => ({ name: `--values: ${name}`, files: { ...OUTSIDE_FILES, 'values.yml': text }, args, expect, exit });
  return [
    { name: '--values: missing file', files: OUTSIDE_FILES, args, expect: 'values.yml: error: cannot read values file: no such file', exit: 1 },
    make('not a mapping', '- a\n', 'values.yml:1:1: error: a values file must be a mapping of template to args (http: {port: 80}), with per-service args under services:'),
    make("a template's args not a mapping", 'side: 3\n', 'values.yml:1:7: error: values file: "side" must be a mapping of arg to value (template: {arg: value})'),
    make('services not a mapping', 'services: 3\n', 'values.yml:1:11: error: values file: services must be a mapping of service to its args by template (services: {web: {http: {port: 80}}})'),
    make('a service not a mapping', 'services: {api: 3}\n', 'values.yml:1:17: error: values file: services.api must be a mapping of template to args (api: {http: {port: 80}})'),
    make('a name that would reach a prototype', 'side: {__proto__: 1}\n', 'values.yml:1:8: error: values file: "__proto__" is not a valid template or arg name'),
    make('unknown template, with a suggestion', 'sied:\n  port: 1\n', 'values.yml:1:1: error: unknown template "sied" (did you mean "side"?)'),
    make('unknown arg, with a suggestion', 'side:\n  prot: 1\n', 'values.yml:2:3: error: template "side" (tpl/side.yml): unknown arg "prot" (did you mean "port"?)'),
    make('wrong type', 'side:\n  port: abc\n', 'values.yml:2:9: error: template "side" (tpl/side.yml): arg "port" must be a whole number'),
    make('unknown service, with a suggestion', 'services:\n  apo:\n    side: {port: 1}\n', 'values.yml:2:3: error: service "apo" is not in the stack (did you mean "api"?)'),
    make('a service that is not a pod', 'services:\n  db:\n    side: {port: 1}\n', 'values.yml:2:3: error: service "db" is not a pod (it has no podlike.templates label nor x-podlike): its args would be unused'),
    make('a template the service does not apply', 'services:\n  api:\n    other: {port: 1}\n', 'values.yml:3:5: error: service "api": args given for template "other", which this pod does not apply'),
    make('a template no pod applies (warning)', 'other:\n  port: 1\n', 'values.yml:1:1: warning: no pod applies template "other": the arg is unused', 0),
  ];
}

const CASES: Case[] = [
  // ---- load: reading and parsing the stack file ----
  {
    name: 'invalid YAML',
    files: { 'stack.yml': 'services:\n  api:\n    image: acme/api:1.4\n    labels: [a, b\n  db: {}\n' },
    expect: /^stack\.yml:5:3: error: invalid YAML: \S.*$/,
    exit: 1,
  },
  {
    name: 'duplicate key',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n  web:\n    image: b\n  api:\n    image: c\n' },
    expect: 'stack.yml:6:3: error: duplicate key "api": a key may appear once in a mapping',
    exit: 1,
  },
  {
    name: 'alias bomb',
    files: {
      'stack.yml': (() => {
        const levels = ['a: &a [x,x,x,x,x,x,x,x,x]'];
        for (let i = 1; i < 9; i++) {
          const name = String.fromCharCode(97 + i);
          levels.push(`${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
        }
        return `${levels.join('\n')}\nservices: {}\n`;
      })(),
    },
    expect: 'stack.yml:7:17: error: alias expansion is too large (an alias bomb?): the document would grow past 2,000,000 nodes',
    exit: 1,
  },
  {
    name: 'alias bomb of long strings (few nodes, much text)',
    files: { 'stack.yml': `x-big: &big "${'x'.repeat(1 << 20)}"\nservices:\n  web:\n    image: nginx\n    command:\n${'      - *big\n'.repeat(20_000)}` },
    expect: "stack.yml:22:9: error: alias expansion is too large (an alias bomb?): the document's text would grow past 16,777,216 characters; write the repeated value once, or fewer times",
    exit: 1,
  },
  {
    name: 'too many aliases (of a short value)',
    files: { 'stack.yml': `x-a: &a b\nservices:\n  web:\n    image: nginx\n    command:\n${'      - *a\n'.repeat(10_001)}` },
    expect: 'stack.yml:10006:9: error: too many aliases (an alias bomb?): more than 10,000 in one document, each of which the YAML reader resolves by a scan; share values through fewer aliases',
    exit: 1,
  },
  {
    name: 'an output larger than a stack file may be (a template applied to many pods multiplies its text)',
    files: {
      'stack.yml': `services:\n${Array.from({ length: 17 }, (_, i) => `  s${i}:\n    image: nginx\n    labels:\n      podlike.templates: big\n`).join('')}`,
      'tpl/big.yml': tpl('big', `components: |\n  side:\n    image: alpine\n    labels:\n      big: ${'x'.repeat(1 << 20)}\n`),
    },
    expect: 'stack.yml:1:1: error: the output would be larger than 16777216 bytes, more than podlike-gen reads in a stack file: fewer pods, or smaller values, per stack',
    exit: 1,
  },
  {
    name: 'nesting too deep (block mappings)',
    files: {
      'stack.yml': (() => {
        let text = 'services:\n';
        let indent = '  ';
        for (let i = 0; i < 150; i++) {
          text += `${indent}k${i}:\n`;
          indent += '  ';
        }
        return `${text}${indent}x: 1\n`;
      })(),
    },
    expect: 'stack.yml:102:203: error: nesting is too deep: more than 100 levels',
    exit: 1,
  },
  {
    name: 'nesting too deep (flow, deeper than the YAML reader can go)',
    files: { 'stack.yml': `services: ${'['.repeat(20000)}${']'.repeat(20000)}\n` },
    expect: /^stack\.yml:1:\d+: error: nesting is too deep to read \(more than 100 levels\)$/,
    exit: 1,
  },
  {
    name: 'file too large (> 16 MiB)',
    files: { 'stack.yml': `services: {}\n# ${'x'.repeat(17 * 1024 * 1024)}\n` },
    expect: 'stack.yml: error: file is too large: more than 16777216 bytes',
    exit: 1,
  },
  {
    name: 'missing stack file',
    files: {},
    args: ['nope.yml'],
    expect: 'nope.yml: error: cannot read stack file: no such file',
    exit: 1,
  },
  {
    name: 'stack file is a directory',
    files: { 'dir.yml/keep': '' },
    args: ['dir.yml'],
    expect: 'dir.yml: error: cannot read stack file: it is a directory',
    exit: 1,
  },
  {
    name: 'stack not a mapping',
    files: { 'stack.yml': '- a\n- b\n' },
    expect: 'stack.yml:1:1: error: a stack file must be a mapping (services:, volumes:, ...)',
    exit: 1,
  },
  {
    name: 'services not a mapping',
    files: { 'stack.yml': 'services: [a]\n' },
    expect: 'stack.yml:1:11: error: services must be a mapping of service name to service',
    exit: 1,
  },
  {
    name: 'volumes not a mapping, in a stack whose pods add and declare volumes',
    files: {
      'stack.yml': 'services:\n  api:\n    image: acme/api:1\n    volumes: [data:/data]\n    labels:\n      podlike.templates: with-logging\nvolumes: oops\n',
    },
    expect: 'stack.yml:7:10: error: volumes must be a mapping of volume name to definition',
    exit: 1,
  },
  {
    name: 'error in the second of several stack files names that file',
    files: { 'stack.yml': 'services: {}\n', 'stack.prod.yml': 'services:\n  a: {image: x}\n  a: {image: y}\n' },
    args: ['stack.yml', 'stack.prod.yml'],
    expect: 'stack.prod.yml:3:3: error: duplicate key "a": a key may appear once in a mapping',
    exit: 1,
  },

  // ---- x-podlike (stack and service) ----
  {
    name: 'stack x-podlike: misspelt key, with a suggestion',
    files: { 'stack.yml': 'x-podlike:\n  defualts: [side]\nservices: {}\n' },
    expect: 'stack.yml:2:3: error: x-podlike: unknown key "defualts" (did you mean "defaults"?)',
    exit: 1,
  },
  {
    name: 'stack x-podlike: wrong type',
    files: { 'stack.yml': 'x-podlike:\n  controller: {image: 3}\nservices: {}\n' },
    expect: 'stack.yml:2:23: error: x-podlike.controller.image: must be a string',
    exit: 1,
  },
  {
    name: 'stack x-podlike: not a mapping',
    files: { 'stack.yml': 'x-podlike: 5\nservices: {}\n' },
    expect: 'stack.yml:1:12: error: x-podlike: must be a mapping',
    exit: 1,
  },
  {
    name: 'stack x-podlike: a templates-path folder that is not there, at its entry',
    files: { 'stack.yml': 'x-podlike:\n  templates-path: [./tpl, ./pod-templates]\nservices: {}\n', 'tpl/side.yml': SIDE },
    args: ['stack.yml'],
    expect: 'stack.yml:2:27: warning: template folder "./pod-templates" (in x-podlike.templates-path) does not exist',
    exit: 0,
  },
  {
    name: 'a -t folder that is a file',
    files: { 'stack.yml': 'services: {}\n', 'tpl.yml': SIDE },
    args: ['-t', 'tpl.yml', 'stack.yml'],
    expect: 'tpl.yml: warning: template folder (given with -t) is not a folder',
    exit: 0,
  },
  {
    name: 'service x-podlike: misspelt key, with a suggestion',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      tempaltes: [side]\n', 'tpl/side.yml': SIDE },
    expect: 'stack.yml:5:7: error: services.api.x-podlike: unknown key "tempaltes" (did you mean "templates"?)',
    exit: 1,
  },
  {
    name: 'service x-podlike: not a mapping',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike: http\n' },
    expect: 'stack.yml:4:16: error: services.api.x-podlike: must be a mapping',
    exit: 1,
  },
  {
    name: 'service x-podlike: args of a template not a mapping',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike: {templates: [side], args: {side: 5}}\n', 'tpl/side.yml': SIDE },
    expect: 'stack.yml:4:49: error: services.api.x-podlike.args.side: must be a mapping',
    exit: 1,
  },

  // ---- labels and template names ----
  {
    name: 'label not of the form podlike.<template>.<arg>',
    files: { 'stack.yml': pod('side', '      podlike.side: "1"\n'), 'tpl/side.yml': SIDE },
    expect: 'stack.yml:6:7: error: service "api": label "podlike.side" is not of the form podlike.<template>.<arg>',
    exit: 1,
  },
  {
    name: 'podlike.templates misspelt, with a suggestion',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    labels:\n      podlike.template: side\n', 'tpl/side.yml': SIDE },
    expect: 'stack.yml:5:7: error: service "api": label "podlike.template" is not of the form podlike.<template>.<arg> (did you mean "podlike.templates"?)',
    exit: 1,
  },
  {
    name: 'label with an empty arg path part (list form)',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    labels:\n      - podlike.templates=side\n      - podlike.side..port=1\n', 'tpl/side.yml': SIDE },
    expect: 'stack.yml:6:9: error: service "api": label "podlike.side..port" is not of the form podlike.<template>.<arg>',
    exit: 1,
  },
  {
    name: 'unknown template, with a suggestion',
    files: { 'stack.yml': pod('sied'), 'tpl/side.yml': SIDE },
    expect: 'stack.yml:5:26: error: service "api": unknown template "sied" (did you mean "side"?)',
    exit: 1,
  },
  {
    name: 'unknown template in x-podlike.defaults',
    files: { 'stack.yml': 'x-podlike:\n  defaults: [nope]\nservices:\n  api:\n    image: a\n    labels: {podlike.templates: side}\n', 'tpl/side.yml': SIDE },
    expect: 'stack.yml:2:14: error: service "api": unknown template "nope"',
    exit: 1,
  },
  {
    name: 'non-plain template name',
    files: { 'stack.yml': pod('../x'), 'x.yml': tpl('x') },
    expect:
      'stack.yml:5:26: error: service "api": template name "../x" is not a plain name (letters, digits, - and _ only): templates are looked up by name inside the template folders',
    exit: 1,
  },
  {
    name: 'requires cycle',
    files: { 'stack.yml': pod('cyc-a'), 'tpl/cyc-a.yml': tpl('cyc-a', 'requires: [cyc-b]\n'), 'tpl/cyc-b.yml': tpl('cyc-b', 'requires: [cyc-a]\n') },
    expect: 'stack.yml:5:26: error: service "api": templates require each other in a cycle: cyc-a -> cyc-b -> cyc-a',
    exit: 1,
  },
  {
    name: 'requires an unknown template',
    files: { 'stack.yml': pod('needs'), 'tpl/needs.yml': tpl('needs', 'requires: [nope]\n') },
    expect: 'stack.yml:5:26: error: service "api": template "needs" requires unknown template "nope"',
    exit: 1,
  },

  // ---- template files ----
  {
    name: 'template file: unknown key',
    files: { 'stack.yml': pod('unk'), 'tpl/unk.yml': tpl('unk', 'requirez: []\n') },
    expect: 'tpl/unk.yml:3:1: error: invalid template: unknown key "requirez" (did you mean "requires"?)',
    exit: 1,
  },
  {
    name: 'template file: missing description',
    files: { 'stack.yml': pod('nodesc'), 'tpl/nodesc.yml': 'name: nodesc\n' },
    expect: 'tpl/nodesc.yml:1:1: error: invalid template: missing required key "description"',
    exit: 1,
  },
  {
    name: 'template file: name differs from the file name',
    files: { 'stack.yml': pod('wrongname'), 'tpl/wrongname.yml': tpl('other') },
    expect: 'tpl/wrongname.yml:1:7: error: template name "other" must equal its file name "wrongname"',
    exit: 1,
  },
  {
    name: 'template file: a default that fails its own args schema',
    files: { 'stack.yml': pod('baddefault'), 'tpl/baddefault.yml': tpl('baddefault', 'args:\n  type: object\n  properties:\n    port: { type: integer, default: "80" }\n') },
    expect: 'tpl/baddefault.yml:6:37: error: invalid args schema: the default of arg "port" ("80") does not pass its own schema: must be a whole number',
    exit: 1,
  },
  {
    name: 'template file: an args pattern RE2 cannot read (a lookahead)',
    files: { 'stack.yml': pod('look'), 'tpl/look.yml': tpl('look', "args:\n  type: object\n  properties:\n    name: { type: string, pattern: '^(?!x)a$' }\n") },
    expect:
      'tpl/look.yml:6:36: error: invalid args schema: properties.name.pattern: pattern cannot be used: RE2 cannot read it (invalid or unsupported Perl syntax: `(?!`): patterns are matched with RE2, in time linear in the value, so lookarounds, back-references and repeats over 1000 are not available',
    exit: 1,
  },
  {
    name: 'template file: an arg named __proto__, constructor or prototype',
    files: { 'stack.yml': pod('ctor'), 'tpl/ctor.yml': tpl('ctor', 'args:\n  type: object\n  properties:\n    constructor: { type: integer, default: 80 }\n') },
    expect: 'tpl/ctor.yml:6:5: error: invalid args schema: arg "constructor" cannot be named so: the name reaches a JavaScript object\'s prototype; rename it',
    exit: 1,
  },
  {
    name: 'x-podlike.args: an arg named __proto__',
    files: { 'stack.yml': pod('side', '    x-podlike:\n      args:\n        side:\n          __proto__: { port: 1 }\n'), 'tpl/side.yml': SIDE },
    expect: 'stack.yml:9:11: error: services.api.x-podlike.args.side: "__proto__" is not a valid arg name: it names a JavaScript object\'s prototype',
    exit: 1,
  },
  {
    name: 'x-podlike.args: args for a template named __proto__',
    files: { 'stack.yml': pod('side', '    x-podlike:\n      args:\n        __proto__: { port: 1 }\n'), 'tpl/side.yml': SIDE },
    expect: 'stack.yml:8:20: error: service "api": x-podlike.args has args for template "__proto__", which this pod does not apply',
    exit: 1,
  },
  {
    name: 'a section whose text holds every private-use character (no token pair is left)',
    files: {
      'stack.yml': pod('pua'),
      'tpl/pua.yml': (() => {
        let every = '';
        for (let c = 0xe000; c <= 0xf8ff; c++) every += String.fromCharCode(c);
        for (let c = 0xf0000; c <= 0xffffd; c++) every += String.fromCodePoint(c);
        return tpl('pua', `components: |\n  side:\n    image: alpine\n    labels:\n      all: "${every}{{service.name}}"\n`);
      })(),
    },
    expect: 'tpl/pua.yml:4:3: error: service "api", template "pua", section "components": its text holds every private-use character, which value tokens are made of',
    exit: 1,
  },
  {
    name: 'a typed arg given as a variable docker stack deploy fills in later',
    files: { 'stack.yml': pod('side', '      podlike.side.port: ${PORT:-8080}\n'), 'tpl/side.yml': SIDE },
    expect: 'stack.yml:6:7: error: service "api", template "side" (tpl/side.yml): arg "port" must be a whole number (${PORT:-8080} is filled in by docker stack deploy, after podlike-gen has used this value: write the value itself)',
    exit: 1,
  },
  {
    name: 'a template named by a variable docker stack deploy fills in later',
    files: { 'stack.yml': pod('${TEMPLATES}') },
    expect: 'stack.yml:5:26: error: service "api": template name "${TEMPLATES}" is not a plain name (letters, digits, - and _ only): templates are looked up by name inside the template folders (${TEMPLATES} is filled in by docker stack deploy, after podlike-gen has used this value: write the value itself)',
    exit: 1,
  },
  {
    name: 'a required arg the service does not give',
    files: { 'stack.yml': pod('needs'), 'tpl/needs.yml': tpl('needs', 'args:\n  type: object\n  required: [token]\n  properties:\n    token: { type: string }\n') },
    expect: 'stack.yml:2:3: error: service "api", template "needs" (tpl/needs.yml): arg "token" is required: set it with the label podlike.needs.token, or in x-podlike.args',
    exit: 1,
  },
  {
    name: 'template file: args schema invalid',
    files: { 'stack.yml': pod('badargs'), 'tpl/badargs.yml': tpl('badargs', 'args:\n  type: object\n  properties:\n    port: { type: integr }\n') },
    expect: /^tpl\/badargs\.yml:3:1: error: invalid args schema: schema is invalid: \S.*$/,
    exit: 1,
  },
  {
    name: 'template file: not valid YAML',
    files: { 'stack.yml': pod('ybad'), 'tpl/ybad.yml': tpl('ybad', 'components: [a\n') },
    expect: /^tpl\/ybad\.yml:4:1: error: invalid YAML: \S.*$/,
    exit: 1,
  },
  {
    name: 'template file: cannot be read (a directory)',
    files: { 'stack.yml': pod('dir'), 'tpl/dir.yml/keep': '' },
    expect: 'tpl/dir.yml: error: cannot read template: it is a directory',
    exit: 1,
  },
  {
    name: 'template file: a section written as a mapping, not as text',
    files: { 'stack.yml': pod('mapped'), 'tpl/mapped.yml': tpl('mapped', 'app:\n  image: x\n') },
    expect: 'tpl/mapped.yml:3:1: error: invalid template: app: must be a string (a section is Handlebars text that renders to YAML: write it as a block scalar, "app: |", with the text indented below)',
    exit: 1,
  },
  {
    name: 'template file: Handlebars outside a section\'s text, which does not read as YAML',
    files: { 'stack.yml': pod('blocks'), 'tpl/blocks.yml': tpl('blocks', 'app:\n  {{#if args.x}}\n  image: x\n  {{/if}}\n') },
    expect: /^tpl\/blocks\.yml:4:\d+: error: invalid YAML: \S.* \(a section is Handlebars text that renders to YAML: write it as a block scalar, "app: \|", with the text indented below\)$/,
    more: 9,
    exit: 1,
  },
  {
    name: 'template syntax error, at its line in the template file',
    files: { 'stack.yml': pod('syn'), 'tpl/syn.yml': tpl('syn', 'components: |\n  side:\n    image: alpine\n    command: "{{foo (}}"\n') },
    expect: /^tpl\/syn\.yml:6:3: error: template syntax error in section "components": Handlebars expects a name or a value here, not "\}\}"$/,
    exit: 1,
  },

  // ---- rendering ----
  {
    name: 'a block helper without its value, found when the template loads',
    files: { 'stack.yml': pod('helper'), 'tpl/helper.yml': tpl('helper', 'components: |\n  side:\n    image: alpine\n    command: "{{#each}}{{/each}}"\n') },
    expect: 'tpl/helper.yml:6:15: error: template error in section "components": {{#each}} takes 1 value, not 0',
    exit: 1,
  },
  {
    name: 'a value called as a helper, found when the template loads',
    files: { 'stack.yml': pod('helper'), 'tpl/helper.yml': tpl('helper', 'components: |\n  side:\n    image: alpine\n    command: {{quote (service.name)}}\n') },
    expect: 'tpl/helper.yml:6:22: error: template error in section "components": (service.name): service.name is a value, not a helper; only a helper takes values or goes inside ( )',
    exit: 1,
  },
  {
    name: 'an unknown helper, with a suggestion, found when the template loads',
    files: { 'stack.yml': pod('helper'), 'tpl/helper.yml': tpl('helper', 'components: |\n  side:\n    image: alpine\n    command: {{qoute service.name}}\n') },
    expect: 'tpl/helper.yml:6:14: error: template error in section "components": {{qoute ...}}: unknown helper "qoute" (did you mean "quote"?)',
    exit: 1,
  },
  {
    name: 'an arg the template does not have, with a suggestion, found when the template loads',
    files: { 'stack.yml': pod('side'), 'tpl/side.yml': SIDE.replace('{{args.port}}', '{{args.prot}}') },
    expect: 'tpl/side.yml:12:27: error: template error in section "components": {{args.prot}}: the template has no arg "prot" (did you mean "port"?)',
    exit: 1,
  },
  {
    name: 'a name the context does not hold, with a suggestion, found when the template loads',
    files: { 'stack.yml': pod('helper'), 'tpl/helper.yml': tpl('helper', 'components: |\n  side:\n    image: alpine\n    command: {{serivce.name}}\n') },
    expect: 'tpl/helper.yml:6:16: error: template error in section "components": {{serivce.name}}: "serivce" is not in a section\'s context, which holds service, args, pod and stack (did you mean "service"?)',
    exit: 1,
  },
  {
    name: 'render failure: a helper given a value it cannot take, at the call',
    files: { 'stack.yml': pod('helper'), 'tpl/helper.yml': tpl('helper', 'components: |\n  side:\n    image: alpine\n    command: "{{indent service.name "x"}}"\n') },
    expect: 'tpl/helper.yml:6:15: error: service "api", template "helper", section "components": render failed: helper "indent": the width must be a whole number from 0 to 100, not "api"',
    exit: 1,
  },
  {
    name: 'a partial the template does not define, found when it loads',
    files: { 'stack.yml': pod('part'), 'tpl/part.yml': tpl('part', 'components: |\n  side:\n    image: alpine\n    command: "{{> nope}}"\n') },
    expect: 'tpl/part.yml:6:15: error: template error in section "components": partial "nope" is not defined: a template has only the partials it defines with {{#*inline "nope"}}',
    exit: 1,
  },
  {
    name: 'render failure: a partial computed at render time that does not exist',
    files: { 'stack.yml': pod('part'), 'tpl/part.yml': tpl('part', 'components: |\n  side:\n    image: alpine\n    command: "{{> (lookup service "name")}}"\n') },
    expect: 'tpl/part.yml:4:3: error: service "api", template "part", section "components": render failed: The partial api could not be found',
    exit: 1,
  },
  {
    name: 'render failure: nested loops past the block budget, at the loop that went past it',
    files: {
      'stack.yml': pod('loops', `      podlike.loops.list: "${Array.from({ length: 1000 }, (_, i) => i).join(',')}"\n`),
      'tpl/loops.yml': tpl('loops', 'args:\n  type: object\n  properties:\n    list: { type: array }\ncomponents: |\n  side:\n    image: alpine\n    command: "{{#each args.list}}{{#each ../args.list}}{{#each ../../args.list}}{{/each}}{{/each}}{{/each}}"\n'),
    },
    expect: 'tpl/loops.yml:10:56: error: service "api", template "loops", section "components": render failed: more than 1,000,000 block steps ({{#each}} iterations, {{#if}} and {{#with}} blocks) for one pod: nested loops over a large list, or a partial that calls itself?',
    exit: 1,
  },
  {
    name: 'render failure: helpers nested in themselves past the text budget, at the call that went past it',
    files: { 'stack.yml': pod('quotes'), 'tpl/quotes.yml': tpl('quotes', `components: |\n  side:\n    image: alpine\n    command: {{${'quote ('.repeat(27)}quote service.name${')'.repeat(27)}}}\n`) },
    expect: 'tpl/quotes.yml:6:57: error: service "api", template "quotes", section "components": render failed: helper "quote" took the helpers\' text for one pod past 16,777,216 characters: a helper nested in itself, or called in a large loop?',
    exit: 1,
  },
  {
    name: 'render failure: a partial that calls itself without end',
    files: { 'stack.yml': pod('self'), 'tpl/self.yml': tpl('self', 'components: |\n  side:\n    image: alpine\n    command: "{{#*inline \'p\'}}{{> p}}{{/inline}}{{> p}}"\n') },
    expect: 'tpl/self.yml:4:3: error: service "api", template "self", section "components": render failed: it calls itself without end (a partial that renders itself?)',
    exit: 1,
  },
  {
    name: 'rendered YAML invalid',
    files: { 'stack.yml': pod('badyaml'), 'tpl/badyaml.yml': tpl('badyaml', 'components: |\n  side:\n    image: alpine\n   command: [a\n') },
    expect: /^tpl\/badyaml\.yml:6:3: error: service "api", template "badyaml", section "components": rendered text is not valid YAML: \S.*$/,
    exit: 1,
  },
  {
    name: 'a mapping written inside a string',
    files: {
      'stack.yml': pod('instr'),
      'tpl/instr.yml': tpl('instr', 'args:\n  type: object\n  properties:\n    m: { type: object, default: {a: 1} }\ncomponents: |\n  side:\n    image: "alpine:{{args.m}}"\n'),
    },
    expect: 'tpl/instr.yml:9:20: error: service "api", template "instr", section "components": a mapping value ({"a":1}) was written inside a longer string; use toYaml or toJson to insert it',
    exit: 1,
  },

  // ---- section shapes ----
  {
    name: 'controller section not a mapping',
    files: { 'stack.yml': pod('ctl'), 'tpl/ctl.yml': tpl('ctl', 'controller: |\n  - a\n') },
    expect: 'tpl/ctl.yml:4:3: error: service "api", template "ctl", section "controller": the controller section must be a mapping, not a list',
    exit: 1,
  },
  {
    name: 'init section not a list',
    files: { 'stack.yml': pod('ini'), 'tpl/ini.yml': tpl('ini', 'init: |\n  image: alpine\n') },
    expect: 'tpl/ini.yml:4:3: error: service "api", template "ini", section "init": the init section must be a list of components',
    exit: 1,
  },
  {
    name: 'bad component name',
    files: { 'stack.yml': pod('cname'), 'tpl/cname.yml': tpl('cname', 'components: |\n  "bad name":\n    image: alpine\n') },
    expect: 'tpl/cname.yml:4:3: error: service "api", template "cname", section "components": component name "bad name" must be letters, digits, ., - and _',
    exit: 1,
  },
  {
    name: 'component not a mapping',
    files: { 'stack.yml': pod('cstr'), 'tpl/cstr.yml': tpl('cstr', 'components: |\n  side: alpine\n') },
    expect: 'tpl/cstr.yml:4:3: error: service "api", template "cstr", section "components": component "side" must be a mapping, not "alpine"',
    exit: 1,
  },
  {
    name: 'bad copy spec',
    files: { 'stack.yml': pod('cpy'), 'tpl/cpy.yml': tpl('cpy', 'copy: |\n  app: 5\n') },
    expect: 'tpl/cpy.yml:4:3: error: service "api", template "cpy", section "copy": copy spec for "app" must be "/src:/dst", a list of those, or a src: dst mapping',
    exit: 1,
  },
  {
    name: 'unknown stack section, with a suggestion',
    files: { 'stack.yml': pod('stk'), 'tpl/stk.yml': tpl('stk', 'stack: |\n  volume:\n    v: {}\n') },
    expect:
      'tpl/stk.yml:4:3: error: service "api", template "stk", section "stack": "volume" cannot be added to the stack; use one of services, volumes, configs, secrets, networks (did you mean "volumes"?)',
    exit: 1,
  },
  {
    name: 'stack section entries not a mapping',
    files: { 'stack.yml': pod('stkl'), 'tpl/stkl.yml': tpl('stkl', 'stack: |\n  volumes: [a]\n') },
    expect: 'tpl/stkl.yml:4:3: error: service "api", template "stkl", section "stack": stack section "volumes" must be a mapping, not a list',
    exit: 1,
  },

  // ---- component keys ----
  {
    name: 'unknown component key, with a suggestion',
    files: { 'stack.yml': pod('ckey'), 'tpl/ckey.yml': tpl('ckey', 'components: |\n  side:\n    image: alpine\n    comand: [a]\n') },
    expect: 'tpl/ckey.yml:6:5: error: service "api", template "ckey", component "side": unknown component key "comand" (did you mean "command"?)',
    exit: 1,
  },
  {
    name: 'unsupported component key (error)',
    files: { 'stack.yml': pod('unsup'), 'tpl/unsup.yml': tpl('unsup', 'components: |\n  side:\n    image: alpine\n    restart: always\n') },
    expect:
      'tpl/unsup.yml:6:5: error: service "api", template "unsup", component "side": "restart" is not supported in a pod component: restarts are Swarm\'s job (deploy.restart_policy on the service)',
    exit: 1,
  },
  {
    name: 'component key moved to the controller (note)',
    files: { 'stack.yml': pod('moved'), 'tpl/moved.yml': tpl('moved', 'components: |\n  side:\n    image: alpine\n    ports: ["80:80"]\n') },
    expect: 'tpl/moved.yml:6:5: note: service "api", template "moved", component "side": "ports" moved to the controller: ports are published on the Swarm service (the controller)',
    exit: 0,
  },
  {
    name: 'component schema error (mem_reservation: 64m)',
    files: { 'stack.yml': pod('memr'), 'tpl/memr.yml': tpl('memr', 'components: |\n  side:\n    image: alpine\n    mem_reservation: 64m\n') },
    expect: 'stack.yml:2:3: error: service "api", component "side": mem_reservation: must be a whole number',
    exit: 1,
  },
  {
    name: 'component schema error on the app, from the service as written',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    healthcheck: 5\n    x-podlike: {templates: [side]}\n', 'tpl/side.yml': SIDE },
    expect: 'stack.yml:2:3: error: service "api", component "app": healthcheck: must be a mapping',
    exit: 1,
  },

  // ---- args ----
  {
    name: 'unknown arg, with a suggestion (deploy.labels)',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    deploy:\n      labels:\n        podlike.templates: side\n        podlike.side.prot: "1"\n', 'tpl/side.yml': SIDE },
    expect: 'stack.yml:7:9: error: service "api", template "side" (tpl/side.yml): unknown arg "prot" (did you mean "port"?)',
    exit: 1,
  },
  {
    name: 'wrong arg type (label)',
    files: { 'stack.yml': pod('side', '      podlike.side.port: eighty\n'), 'tpl/side.yml': SIDE },
    expect: 'stack.yml:6:7: error: service "api", template "side" (tpl/side.yml): arg "port" must be a whole number',
    exit: 1,
  },
  {
    name: 'wrong arg type (stack x-podlike.args)',
    files: { 'stack.yml': 'x-podlike:\n  args:\n    side: {port: x}\nservices:\n  api:\n    image: a\n    labels: {podlike.templates: side}\n', 'tpl/side.yml': SIDE },
    expect: 'stack.yml:3:11: error: service "api", template "side" (tpl/side.yml): arg "port" must be a whole number',
    exit: 1,
  },
  {
    name: 'arg label for a template the pod does not apply, with a suggestion',
    files: { 'stack.yml': pod('side', '      podlike.sied.port: "1"\n'), 'tpl/side.yml': SIDE },
    expect: 'stack.yml:6:7: error: service "api": label "podlike.sied.port" sets an arg of template "sied", which this pod does not apply (did you mean "side"?)',
    exit: 1,
  },
  {
    name: 'arg label with a word before the template name',
    files: { 'stack.yml': pod('side', '      podlike.args.side.port: "1"\n'), 'tpl/side.yml': SIDE },
    expect: 'stack.yml:6:7: error: service "api": label "podlike.args.side.port" sets an arg of template "args", which this pod does not apply (the template\'s name comes right after "podlike.": "podlike.side.port")',
    exit: 1,
  },
  {
    name: 'x-podlike args for a template the pod does not apply, with a suggestion',
    files: { 'stack.yml': pod('side', '    x-podlike:\n      args:\n        sid: {port: 1}\n'), 'tpl/side.yml': SIDE },
    expect: 'stack.yml:8:14: error: service "api": x-podlike.args has args for template "sid", which this pod does not apply (did you mean "side"?)',
    exit: 1,
  },
  {
    name: "a template's own check ({{fail}}) refusing a service's args, at the service, naming the check's line",
    files: {
      'stack.yml': pod('check', '      podlike.check.port: "80"\n'),
      'tpl/check.yml': tpl('check', 'args:\n  type: object\n  properties:\n    port: { type: integer, default: 8080 }\n    listen: { type: integer, default: 80 }\ncomponents: |\n  {{#if (eq args.port args.listen)}}\n  {{fail "port and listen must differ"}}\n  {{/if}}\n  side:\n    image: x\n'),
    },
    expect: 'stack.yml:2:3: error: service "api", template "check" (tpl/check.yml:10): port and listen must differ',
    exit: 1,
  },
  {
    name: 'the built-in http template with port and listen the same',
    files: { 'stack.yml': pod('http', '      podlike.http.port: "80"\n') },
    expect: /^stack\.yml:2:3: error: service "api", template "http" \(podlike-gen\/templates\/http\.yml:\d+\): port and listen are the same port: /,
    exit: 1,
  },
  {
    name: 'a pod.* label written on a service that becomes a pod (warning)',
    files: { 'stack.yml': pod('side', '      pod.component.extra: "image: busybox"\n'), 'tpl/side.yml': SIDE },
    expect: 'stack.yml:6:7: warning: service "api": label "pod.component.extra" lands on the app container, where Podlike does not read it: a pod\'s pod.* labels come from its templates (write the component in a template\'s components section)',
    exit: 0,
  },
  {
    name: 'stack x-podlike args for a template no folder has, with a suggestion',
    files: { 'stack.yml': `x-podlike:\n  args:\n    sied: { port: 1 }\n${pod('side')}`, 'tpl/side.yml': SIDE },
    expect: 'stack.yml:3:5: error: x-podlike.args has args for template "sied", which no template folder has (did you mean "side"?)',
    exit: 1,
  },
  {
    name: 'stack x-podlike args for a template no pod applies (warning)',
    files: { 'stack.yml': `x-podlike:\n  args:\n    http: { port: 1 }\n${pod('side')}`, 'tpl/side.yml': SIDE },
    expect: 'stack.yml:3:5: warning: x-podlike.args has args for template "http", which no pod applies: they are unused',
    exit: 0,
  },

  // ---- merging, stack additions ----
  {
    name: 'conflicting scalars (warning)',
    files: {
      'stack.yml': pod('c1 c2'),
      'tpl/c1.yml': tpl('c1', 'components: |\n  side:\n    image: alpine:1\n'),
      // c2 adds to c1's component on purpose: the conflict is on one key, not a second component.
      'tpl/c2.yml': tpl('c2', 'extends: [side]\ncomponents: |\n  side:\n    image: alpine:2\n'),
    },
    expect: 'stack.yml:2:3: warning: service "api": template "c1" and template "c2" both set components.side.image ("alpine:1" and "alpine:2"); template "c2" wins',
    exit: 0,
  },
  {
    name: 'conflicting scalars under --strict (error)',
    files: {
      'stack.yml': pod('c1 c2'),
      'tpl/c1.yml': tpl('c1', 'components: |\n  side:\n    image: alpine:1\n'),
      // c2 adds to c1's component on purpose: the conflict is on one key, not a second component.
      'tpl/c2.yml': tpl('c2', 'extends: [side]\ncomponents: |\n  side:\n    image: alpine:2\n'),
    },
    args: ['--strict', '-t', 'tpl', 'stack.yml'],
    expect: 'stack.yml:2:3: error: service "api": template "c1" and template "c2" both set components.side.image ("alpine:1" and "alpine:2"); template "c2" wins [--strict]',
    exit: 1,
  },
  {
    name: 'output stack schema error (passes through to an invalid v3 stack)',
    files: { 'stack.yml': pod('outbad'), 'tpl/outbad.yml': tpl('outbad', 'controller: |\n  deploy:\n    replicas: many\n') },
    expect: 'stack.yml:3:5: error: output stack: services.api.deploy.replicas: must be a whole number',
    exit: 1,
  },
  {
    name: 'output stack schema error on a plain service, at its key',
    files: { 'stack.yml': 'services:\n  web:\n    image: nginx\n    deploy: {replicas: many}\n' },
    // The value is the input's, as written: "output stack" would send the author to the wrong file.
    expect: 'stack.yml:4:24: error: services.web.deploy.replicas: must be a whole number',
    exit: 1,
  },

  // ---- env_file, placeholders, version ----
  {
    name: 'env_file missing',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    env_file: nope.env\n    labels:\n      podlike.templates: side\n', 'tpl/side.yml': SIDE },
    expect: 'stack.yml:4:15: error: service "api": cannot read env_file "nope.env": no such file',
    exit: 1,
  },
  {
    name: 'env_file a directory',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    env_file: envs\n    labels:\n      podlike.templates: side\n', 'envs/keep': '', 'tpl/side.yml': SIDE },
    expect: 'stack.yml:4:15: error: service "api": cannot read env_file "envs": it is a directory',
    exit: 1,
  },
  {
    name: 'env_file too large to read',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    env_file: huge.env\n    labels:\n      podlike.templates: side\n', 'huge.env': '', 'tpl/side.yml': SIDE },
    // Sparse: 17 MiB of zero bytes without writing them.
    setup: (dir) => truncateSync(join(dir, 'huge.env'), 600 * 1024),
    expect: 'stack.yml:4:15: error: service "api": cannot read env_file "huge.env": it is larger than 512000 bytes, the most Swarm keeps in a secret',
    exit: 1,
  },
  {
    name: 'env_file line docker refuses (a key with a space), at its line, without its value',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    env_file: [ok.env]\n    labels:\n      podlike.templates: side\n', 'ok.env': 'A=1\nexport TOKEN=s3cret\n', 'tpl/side.yml': SIDE },
    // Before: exit 0, and the app got a variable named "export TOKEN".
    expect: 'ok.env:2:1: error: service "api": env_file "ok.env", line 2: variable name "export TOKEN" contains a space or tab, which docker refuses',
    exit: 1,
  },
  {
    name: 'env_file deployed as a secret (note)',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    env_file: [ok.env]\n    labels:\n      podlike.templates: side\n', 'ok.env': 'A=1\n', 'tpl/side.yml': SIDE },
    // Before: a note that the file was read into the app's environment, its values written in the output.
    expect: 'stack.yml:4:15: note: service "api": env_file deployed as secret "env-ok.env-65c3c88a" on the controller, where Podlike reads it for the app; its values are not written in the output',
    exit: 0,
  },
  {
    name: 'env_file in /proc',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    env_file: /proc/self/environ\n    labels:\n      podlike.templates: side\n', 'tpl/side.yml': SIDE },
    // Before: exit 0, and the CI job's environment (its tokens) in the output or the --check diff.
    expect: 'stack.yml:4:15: error: service "api": env_file "/proc/self/environ" is in /proc, which holds this machine\'s state, not a stack\'s files; move it into the stack\'s folder, or allow this path with --allow-outside PATH',
    exit: 1,
  },
  {
    name: 'env_file outside the stack\'s folder',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    env_file: ../other.env\n    labels:\n      podlike.templates: side\n', 'tpl/side.yml': SIDE },
    expect: 'stack.yml:4:15: error: service "api": env_file "../other.env" is outside the stack\'s folder: a stack may name only files in the folders of the stack files given, so that it cannot put a file of the machine that compiles it into the output; move it into the stack\'s folder, or allow this path with --allow-outside PATH',
    exit: 1,
  },
  {
    name: 'env_file through a symbolic link out of the stack\'s folder',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    env_file: app.env\n    labels:\n      podlike.templates: side\n', 'tpl/side.yml': SIDE },
    setup: (dir) => symlinkSync('/etc/hostname', join(dir, 'app.env')),
    expect: 'stack.yml:4:15: error: service "api": env_file "app.env" leads through a symbolic link to /etc/hostname, which is outside the stack\'s folder: a stack may name only files in the folders of the stack files given, so that it cannot put a file of the machine that compiles it into the output; move it into the stack\'s folder, or allow this path with --allow-outside PATH',
    exit: 1,
  },
  {
    name: 'env_file that is a FIFO (reading it would hang)',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    env_file: app.env\n    labels:\n      podlike.templates: side\n', 'tpl/side.yml': SIDE },
    setup: (dir) => execFileSync('mkfifo', [join(dir, 'app.env')]),
    expect: 'stack.yml:4:15: error: service "api": env_file "app.env" is not a regular file',
    exit: 1,
  },
  {
    name: 'env_file line Podlike reads otherwise than docker (CR LF)',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    env_file: [ok.env]\n    labels:\n      podlike.templates: side\n', 'ok.env': 'A=1\r\n', 'tpl/side.yml': SIDE },
    expect: 'ok.env:1:1: error: service "api": env_file "ok.env", line 1: the line ends with CR LF, and Podlike keeps the CR in the value (docker drops it); save the file with LF line ends',
    exit: 1,
  },
  {
    name: 'env_file line without "=", which Podlike skips',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    env_file: [ok.env]\n    labels:\n      podlike.templates: side\n', 'ok.env': 'A=1\nTOKEN\n', 'tpl/side.yml': SIDE },
    expect: 'ok.env:2:1: error: service "api": env_file "ok.env", line 2: a line without "=" takes the variable from the deploying shell in docker, and Podlike, which reads the file in a pod, skips it; write NAME=value, or set it in the service\'s environment as NAME: ${NAME}',
    exit: 1,
  },
  {
    name: 'env_file setting a variable a template sets in the environment (warning)',
    files: {
      'stack.yml': 'services:\n  api:\n    image: a\n    env_file: [ok.env]\n    labels:\n      podlike.templates: envy\n',
      'ok.env': 'MODE=fast\n',
      'tpl/envy.yml': tpl('envy', 'components: |\n  app:\n    environment:\n      MODE: slow\n'),
    },
    expect: 'stack.yml:4:15: warning: service "api": env_file sets MODE, which template "envy" sets in the app\'s environment too; the environment wins over env_file (in Podlike as in docker), so set MODE in the service\'s environment to override the template',
    exit: 0,
    more: 1,
  },
  {
    name: 'x-podlike.templates-path holding a NUL character',
    files: { 'stack.yml': 'x-podlike:\n  templates-path: ["a\\0b"]\nservices: {}\n' },
    // Before: a crash, "TypeError [ERR_INVALID_ARG_VALUE]: The argument 'path' must be ... without null bytes" (found by the templatesPathEscape mutator).
    expect: 'stack.yml:2:20: error: template folder "a\\u0000b" (in x-podlike.templates-path) holds a NUL character, which no file name can',
    exit: 1,
  },
  {
    name: 'x-podlike.templates-path outside the stack\'s folder',
    files: { 'stack.yml': 'x-podlike:\n  templates-path: [/etc]\nservices: {}\n' },
    expect: 'stack.yml:2:20: error: template folder "/etc" (in x-podlike.templates-path) is outside the stack\'s folder: a stack may name only files in the folders of the stack files given, so that it cannot put a file of the machine that compiles it into the output; move it into the stack\'s folder, or allow this path with --allow-outside PATH (or give it with -t)',
    exit: 1,
  },
  // ---- host paths in components ----
  {
    name: 'relative bind mount in a component made absolute (note)',
    files: { 'stack.yml': pod('side', '    volumes:\n      - ./data:/data\n'), 'tpl/side.yml': SIDE },
    expect: /^stack\.yml:7:9: note: service "api", component "app": volume "\.\/data:\/data": host path "\.\/data" resolved against the stack's folder, as docker would, to \/\S+\/data on this machine; it must exist on every node the pod runs on$/,
    exit: 0,
  },
  {
    name: 'bind mount under ~ in a component',
    files: { 'stack.yml': pod('side', '    volumes:\n      - ~/data:/data\n'), 'tpl/side.yml': SIDE },
    expect:
      'stack.yml:7:9: error: service "api", component "app": volume "~/data:/data": a host path under "~" is expanded by docker with the deploying user\'s HOME, which podlike-gen cannot know, and Podlike reads a source not starting with "/" as a volume name; write the absolute path instead of "~/data" (it must exist on every node the pod runs on)',
    exit: 1,
  },
  {
    name: 'volume subpath on a pod: a component cannot hold it, at its place',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    volumes:\n      - {type: volume, source: data, target: /x, volume: {subpath: sub}}\n    labels:\n      podlike.templates: side\nvolumes:\n  data: {}\n', 'tpl/side.yml': SIDE },
    // Before: `volumes.0: must be a string` and `volumes.0.volume: unknown key "subpath"` at the service line.
    expect: 'stack.yml:5:59: error: service "api": volumes.0.volume.subpath cannot go into the pod\'s app component: Podlike mounts a whole volume: its mounts have no subpath',
    exit: 1,
  },
  {
    name: 'healthcheck.start_interval (Compose 3.13) on a pod: a component cannot hold it, at its place',
    files: { 'stack.yml': 'version: "3.13"\nservices:\n  api:\n    image: a\n    healthcheck: {test: ["CMD", "true"], start_interval: 5s}\n    labels:\n      podlike.templates: side\n', 'tpl/side.yml': SIDE },
    expect:
      'stack.yml:5:42: error: service "api": healthcheck.start_interval cannot go into the pod\'s app component: Podlike\'s health check has no start_interval (it reads test, interval, timeout, start_period, retries, disable)',
    exit: 1,
  },
  {
    name: 'tmpfs.mode on a pod volume: dropped, as docker drops it (note)',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    volumes: [{type: tmpfs, target: /x, tmpfs: {mode: 0755}}]\n    labels:\n      podlike.templates: side\n', 'tpl/side.yml': SIDE },
    expect: 'stack.yml:4:49: note: service "api": volumes.0.tmpfs.mode dropped: docker stack deploy ignores it too',
    exit: 0,
  },
  {
    name: 'an unknown key in a long-syntax volume: that one error, not "must be a string" of the short syntax',
    files: { 'stack.yml': 'services:\n  web:\n    image: a\n    volumes: [{type: bind, source: /tmp, target: /x, x-foo: 1}]\n' },
    // Before: `services.web.volumes.0: must be a string` alone.
    expect: 'stack.yml:4:15: error: services.web.volumes.0: unknown key "x-foo"',
    exit: 1,
  },
  {
    name: 'Swarm placeholder in a component (warning)',
    files: { 'stack.yml': pod('ph'), 'tpl/ph.yml': tpl('ph', "components: |\n  side:\n    image: alpine\n    environment:\n      ID: '\\{{.Task.ID}}'\n") },
    expect:
      'stack.yml:2:3: warning: service "api", component "side": environment.ID uses the Swarm placeholder {{.Task.ID}}, which Swarm does not expand inside a pod component\'s label; the component sees it as written',
    exit: 0,
  },
  {
    name: 'version raised (note)',
    files: {
      'stack.yml': `version: '3.2'\n${pod('vol')}`,
      'tpl/vol.yml': tpl('vol', "stack: |\n  volumes:\n    logs:\n      name: 'logs-\\{{.Task.ID}}'\ncomponents: |\n  side:\n    image: alpine\n    volumes: [\"logs:/logs\"]\n"),
    },
    expect: 'stack.yml:1:10: note: version raised from 3.2 to 3.4: the output has a volume with an explicit name',
    exit: 0,
  },
  // ---- whole-pod checks (issue 20): what only shows when the pod runs ----
  {
    name: 'two components of a pod listen on one port (http and healthz at their defaults)',
    files: { 'stack.yml': pod('http healthz', '      podlike.healthz.process: api\n') },
    args: ['stack.yml'],
    // Before: exit 0; the app is told PORT=8080 and goss listens on :8080.
    expect:
      'stack.yml:2:3: error: service "api": components "app" (template "http" arg port) and "healthz" (template "healthz" arg port) both listen on port 8080, in one network namespace: set podlike.healthz.port (or podlike.http.port) to a free port',
    exit: 1,
  },
  {
    name: 'two templates add a component of one name',
    files: {
      'stack.yml': pod('s1 s2'),
      'tpl/s1.yml': tpl('s1', 'components: |\n  side:\n    image: busybox:1.37.0\n'),
      'tpl/s2.yml': tpl('s2', 'components: |\n  side:\n    image: fluent/fluent-bit:3.2.10\n    entrypoint: ["/fluent-bit/bin/fluent-bit"]\n'),
    },
    // Before: exit 0 with two conflict warnings, and busybox run with fluent-bit's entrypoint.
    expect:
      'tpl/s2.yml:4:3: error: service "api": templates "s1" and "s2" both add a component "side", which would be merged into one container: rename one of them, or, if "s2" adds to "s1"\'s component on purpose, declare extends: [side] in template "s2"',
    exit: 1,
  },
  {
    name: "a service's own mount replaces a template's shared volume (warning)",
    files: {
      'stack.yml': 'services:\n  api:\n    image: acme/api:1.4\n    volumes:\n      - applogs:/var/log/app\n    labels:\n      podlike.templates: with-logging\n      podlike.with-logging.server: logs.example.com:24224\n',
    },
    args: ['stack.yml'],
    // Before: silent; Fluent Bit tails an empty volume.
    expect:
      'stack.yml:5:9: warning: service "api": volume "applogs:/var/log/app" replaces the volume "api-logs" template "with-logging" mounts at /var/log/app in the app, which component "logging" also mounts: it would read an empty volume; remove this mount, or give it another target',
    exit: 0,
  },
  {
    name: 'a target left at its default names no service of the stack (warning)',
    files: { 'stack.yml': pod('with-logging') },
    args: ['stack.yml'],
    expect:
      'stack.yml:2:3: warning: service "api", template "with-logging": arg server is "logging-server:24224" (its default), but the stack has no service "logging-server": set podlike.with-logging.add_server: "true" to add one, or podlike.with-logging.server to the one to use',
    exit: 0,
  },
  {
    name: 'an override file misspells a service: a service without an image',
    files: { 'stack.yml': 'services:\n  web:\n    image: acme/web:1.0\n', 'stack.prod.yml': 'services:\n  webb:\n    deploy:\n      replicas: 6\n' },
    args: ['stack.yml', 'stack.prod.yml'],
    // Before: exit 0, and `docker stack config` accepts it too.
    expect:
      'stack.prod.yml:2:3: error: service "webb" has no image, so docker stack deploy cannot create it: did you mean "web"? (a service in an override file changes the service of the same name)',
    exit: 1,
  },
  {
    name: 'a service with build and no image',
    files: { 'stack.yml': 'services:\n  web:\n    build: .\n' },
    args: ['stack.yml'],
    expect: 'stack.yml:2:3: error: service "web" has no image, so docker stack deploy cannot create it (it ignores build): build and push the image, and name it in image:',
    exit: 1,
  },
  {
    name: 'a component depends on one the pod does not have',
    files: { 'stack.yml': pod('side'), 'tpl/side.yml': tpl('side', 'components: |\n  side:\n    image: busybox:1.37.0\n    depends_on: [ap]\n') },
    expect:
      'stack.yml:2:3: error: service "api", component "side": depends_on "ap", which is not a component of the pod (did you mean "app"?): Podlike would wait for it forever (components: app, side)',
    exit: 1,
  },
  {
    name: 'components depend on each other in a cycle',
    files: { 'stack.yml': pod('side'), 'tpl/side.yml': tpl('side', 'app: |\n  depends_on: [side]\ncomponents: |\n  side:\n    image: busybox:1.37.0\n    depends_on: [app]\n') },
    expect: 'stack.yml:2:3: error: service "api": components wait for each other in a cycle ("app" -> "side" -> "app"): Podlike would wait forever; remove one of these depends_on',
    exit: 1,
  },
  {
    name: 'two mounts at one container path in a service',
    files: { 'stack.yml': 'services:\n  web:\n    image: acme/web:1.0\n    volumes:\n      - data:/data\n      - ./data:/data/\n' },
    args: ['stack.yml'],
    // docker refuses it at deploy; in a pod with a template's volumes, the second used to be dropped silently.
    expect: 'stack.yml:6:9: error: service "web": volumes "data:/data" and "./data:/data/" both mount at /data (docker refuses a duplicate mount point): keep one',
    exit: 1,
  },
  {
    name: 'two mounts at one container path in a pod service',
    files: { 'stack.yml': 'services:\n  api:\n    image: acme/api:1.4\n    volumes: ["a:/d", "b:/d"]\n    labels:\n      podlike.templates: http\n' },
    args: ['stack.yml'],
    expect: 'stack.yml:4:23: error: service "api": volumes "a:/d" and "b:/d" both mount at /d (docker refuses a duplicate mount point): keep one',
    exit: 1,
  },
  {
    name: 'two mounts at one container path in a template component',
    files: { 'stack.yml': pod('side'), 'tpl/side.yml': tpl('side', 'components: |\n  side:\n    image: busybox:1.37.0\n    volumes: ["a:/d", "b:/d"]\n') },
    expect: 'tpl/side.yml:4:3: error: service "api", template "side", component "side": volumes "a:/d" and "b:/d" both mount at /d (docker refuses a duplicate mount point): keep one',
    exit: 1,
  },
  {
    name: 'a listens: declaration names an arg the template does not have',
    files: { 'stack.yml': pod('side'), 'tpl/side.yml': tpl('side', 'args:\n  type: object\n  properties:\n    port: { type: integer, default: 80 }\nlistens:\n  - { component: side, port: prot }\ncomponents: |\n  side:\n    image: busybox:1.37.0\n') },
    expect: 'tpl/side.yml:8:30: error: invalid template: listens.0.port: "prot" is not an arg of this template (did you mean "port"?); port names the arg holding the port, or is a number',
    exit: 1,
  },
  {
    name: 'a targets: declaration maps to an arg that is not a boolean',
    files: { 'stack.yml': pod('side'), 'tpl/side.yml': tpl('side', 'args:\n  type: object\n  properties:\n    server: { type: string, default: "logs:24224" }\n    add: { type: string, default: "" }\ntargets:\n  server: add\ncomponents: |\n  side:\n    image: busybox:1.37.0\n') },
    expect: 'tpl/side.yml:9:11: error: invalid template: targets.server: arg "add" must be boolean; a target maps to the boolean arg that adds its service, or null',
    exit: 1,
  },
  // ---- args from outside the stack: --values files (--set below: it has no file) ----
  ...valuesCases(),

  // ---- messages as a new user meets them (issue 20) ----
  {
    name: 'a choice of required args (healthz: at least one check) is one error, not one "required" per arg',
    files: { 'stack.yml': pod('healthz') },
    args: ['stack.yml'],
    // Before: four errors, 'arg "process" is required', 'arg "file" is required', ...
    expect: 'stack.yml:2:3: error: service "api", template "healthz" (podlike-gen/templates/healthz.yml): set at least one of process, file, tcp_port, url (with the label podlike.healthz.<arg>, or in x-podlike.args)',
    exit: 1,
  },
  {
    name: 'a oneOf of required args, none set: one error',
    files: {
      'stack.yml': pod('pick'),
      'tpl/pick.yml': tpl('pick', 'args:\n  type: object\n  properties:\n    a: { type: string, description: one }\n    b: { type: string, description: other }\n  oneOf:\n    - required: [a]\n    - required: [b]\n'),
    },
    expect: 'stack.yml:2:3: error: service "api", template "pick" (tpl/pick.yml): set one of a, b (with the label podlike.pick.<arg>, or in x-podlike.args)',
    exit: 1,
  },
  {
    name: 'a pattern failure echoes the value (cut) and what the arg is',
    files: { 'stack.yml': pod('healthz', '      podlike.healthz.process: "this is not a process name at all, really not at all"\n') },
    args: ['stack.yml'],
    // Before: 'arg "process" must match pattern "^([A-Za-z0-9._+-]{1,15})?$"' alone.
    expect:
      'stack.yml:6:7: error: service "api", template "healthz" (podlike-gen/templates/healthz.yml): arg "process" is "this is not a process name at all, reall…", which must match pattern "^([A-Za-z0-9._+-]{1,15})?$" (what it is: Name of the executable that must be running, e.g. java (Goss `process`: the kernel\'s process name, at most 15 characters, not the command line))',
    exit: 1,
  },
  {
    name: 'podlike.templates written at a service\'s root: a label to move under labels:, at its key',
    files: { 'stack.yml': 'services:\n  web:\n    image: nginx\n    podlike.templates: http\n' },
    args: ['stack.yml'],
    // Before: 'stack.yml:3:5: error: output stack: services.web: unknown key "podlike.templates"'.
    expect: 'stack.yml:4:5: error: services.web: "podlike.templates" is a label, not a service key: move it under labels:',
    exit: 1,
  },
  {
    name: 'a podlike.* key written in deploy: (not deploy.labels): the same',
    files: { 'stack.yml': 'services:\n  web:\n    image: nginx\n    deploy:\n      podlike.templates: http\n' },
    args: ['stack.yml'],
    expect: 'stack.yml:5:7: error: services.web.deploy: "podlike.templates" is a label, not a deploy key: move it under labels:',
    exit: 1,
  },
  {
    name: 'a tab in a template section\'s indentation: one error at the tab',
    files: { 'stack.yml': pod('tabbed'), 'tpl/tabbed.yml': tpl('tabbed', 'components: |\n  side:\n\timage: alpine\n') },
    // Before: "invalid YAML: Block scalar lines must not be less indented than their first line".
    expect: 'tpl/tabbed.yml:5:1: error: a tab in the indentation: YAML forbids tabs for indentation; indent with spaces',
    exit: 1,
  },
  {
    name: 'a tab in a section\'s indentation deeper than the block: one error at the tab, in the rendered text\'s terms',
    files: { 'stack.yml': pod('tabbed'), 'tpl/tabbed.yml': tpl('tabbed', 'components: |\n  side:\n    image: alpine\n    environment:\n  \t  A: b\n') },
    expect: 'tpl/tabbed.yml:7:3: error: service "api", template "tabbed", section "components": rendered text is not valid YAML: a tab in the indentation: YAML forbids tabs for indentation; indent with spaces',
    exit: 1,
  },
  {
    name: 'a tab in the stack file\'s indentation: one error at the tab',
    files: { 'stack.yml': 'services:\n  web:\n\timage: nginx\n' },
    args: ['stack.yml'],
    expect: 'stack.yml:3:1: error: a tab in the indentation: YAML forbids tabs for indentation; indent with spaces',
    exit: 1,
  },
  {
    name: 'toYaml of several lines written at an indentation: names the indent call',
    files: {
      'stack.yml': pod('env', '    environment: {A: "1", B: "2"}\n'),
      'tpl/env.yml': tpl('env', 'components: |\n  side:\n    image: alpine\n    environment:\n      {{toYaml service.environment}}\n'),
    },
    // Before: 'component "B" must be a mapping, not 2' (or, one level up, 'unknown component key "A"').
    expect:
      'tpl/env.yml:7:7: error: service "api", template "env", section "components": toYaml\'s text of several lines is inserted where only its first line is indented, so the others fall out of their mapping: write {{indent 4 (toYaml ...)}} in place of the indentation, at column 3 (where the section\'s lines start)',
    exit: 1,
  },
  {
    name: 'toYaml of several lines written after its key: names the indent call and the line',
    files: {
      'stack.yml': pod('env', '    environment: {A: "1", B: "2"}\n'),
      'tpl/env.yml': tpl('env', 'components: |\n  side:\n    image: alpine\n    environment: {{toYaml service.environment}}\n'),
    },
    expect:
      'tpl/env.yml:6:18: error: service "api", template "env", section "components": toYaml\'s text of several lines is inserted where only its first line is indented, so the others fall out of their mapping: write {{indent 4 (toYaml ...)}} on the next line, at column 3 (where the section\'s lines start)',
    exit: 1,
  },
  {
    name: 'a misspelt podlike. prefix (warning)',
    files: { 'stack.yml': 'services:\n  web:\n    image: nginx\n    labels:\n      podlke.templates: http\n' },
    args: ['stack.yml'],
    // Before: exit 0, nothing said, and web stayed a plain service.
    expect: 'stack.yml:5:7: warning: service "web": label "podlke.templates" is not read by podlike-gen (did you mean "podlike.templates"?)',
    exit: 0,
  },
  {
    name: 'a misspelt podlike. prefix in deploy.labels, list form, under --strict (error); other tools\' prefixes are left alone',
    files: { 'stack.yml': 'services:\n  web:\n    image: nginx\n    deploy:\n      labels: [podman.io=x, traefik.enable=true, Podlike.templates=http]\n' },
    args: ['--strict', 'stack.yml'],
    expect: 'stack.yml:5:50: error: service "web": label "Podlike.templates" is not read by podlike-gen (did you mean "podlike.templates"?) [--strict]',
    exit: 1,
  },
  {
    name: 'Podlike format: a file template without a path',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      pod:\n        file: {fallback: {inline: "pod: {}"}}\n' },
    expect: 'stack.yml:6:15: error: x-podlike: a file template needs a path: `file: PATH` or `file: {path: PATH, fallback: ...}`',
    exit: 1,
  },
  {
    name: 'Podlike format: an inline template that is neither a string nor a mapping',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      transformer: {inline: 5}\n' },
    expect: 'stack.yml:5:29: error: x-podlike: an inline template must be a string or a mapping',
    exit: 1,
  },
  {
    name: 'Podlike format: an http template without a URL',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      init: {http: {insecure: true}}\n' },
    expect: 'stack.yml:5:20: error: x-podlike: an http template needs a URL: `http: URL` or `http: {url: URL, insecure: ..., fallback: ...}`',
    exit: 1,
  },
  {
    name: 'Podlike format: http insecure that is not a boolean',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      init: {http: {url: "http://x/t.yml", insecure: "yes"}}\n' },
    expect: 'stack.yml:5:54: error: x-podlike: http insecure must be true or false',
    exit: 1,
  },
  {
    name: "Podlike format: a key Podlike's configuration does not have",
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      pod: {inline: "pod: {}"}\n      template: [t.yml]\n' },
    expect: 'stack.yml:6:7: error: x-podlike: service "api" has "template", which Podlike\'s template format does not have (pod, transformer, init, templates, copy, args)',
    exit: 1,
  },
  {
    name: "Podlike format: a service's args that are not a mapping",
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      pod: {inline: "pod: {}"}\n      args: [a]\n' },
    expect: 'stack.yml:6:13: error: x-podlike: the args of service "api" must be a mapping',
    exit: 1,
  },
  {
    name: 'Podlike format: stack-wide args that are not a mapping',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\nx-podlike:\n  api: {pod: {inline: "pod: {}"}}\n  args: 5\n' },
    expect: 'stack.yml:6:9: error: x-podlike: args must be a mapping',
    exit: 1,
  },
  {
    name: 'Podlike format: a top-level configuration for a service the stack does not have',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\nx-podlike:\n  apl:\n    pod: {inline: "pod: {}"}\n' },
    expect: 'stack.yml:5:3: error: x-podlike: "apl" is not a service of this stack (Podlike\'s top-level x-podlike maps service names to their templates)',
    exit: 1,
  },
  {
    name: 'Podlike format: a template file that is not there',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\nx-podlike:\n  api:\n    templates: [templates/side.yml]\n' },
    expect: 'stack.yml:6:17: error: x-podlike: cannot read template file "templates/side.yml" (no such file; file templates are relative to the stack file\'s folder)',
    exit: 1,
  },
  {
    name: 'Podlike format: an http template that cannot be fetched, without a fallback',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\nx-podlike:\n  api:\n    templates: [http://127.0.0.1:1/side.yml]\n' },
    args: ['--allow-outside', 'http://127.0.0.1:1/', 'stack.yml'],
    expect: /^stack\.yml:6:17: error: x-podlike: cannot fetch template http:\/\/127\.0\.0\.1:1\/side\.yml: \S.* \(give it a fallback: \{file: \.\.\.\} to compile without the network\)$/,
    exit: 1,
  },
  {
    name: 'a controller image of white space (the fuzzer\'s "\\r\\r": the output\'s controllers then had no image)',
    files: { 'stack.yml': 'version: "3.8"\nx-podlike:\n  controller:\n    image: "\\r\\r"\nservices:\n  api:\n    image: x\n    labels:\n      podlike.templates: http\n' },
    args: ['stack.yml'],
    expect: 'stack.yml:4:12: error: x-podlike.controller.image: must match pattern "^[^\\s]+$"',
    exit: 1,
  },
  {
    name: "a template's stack section adding a service that asks for a pod (the fuzzer: the output changed when compiled again)",
    files: {
      'stack.yml': pod('side'),
      'tpl/side.yml': 'name: side\ndescription: adds a server\nstack: |\n  services:\n    side-server:\n      image: busybox\n      x-podlike: {main-component: main}\n',
    },
    expect: 'tpl/side.yml:5:5: error: service "api", template "side", section "stack": service "side-server" it adds has x-podlike: a service a template adds is not made a pod; add it to the stack as a service of its own to make it one',
    exit: 1,
  },
  {
    name: "a template's controller section with x-podlike (the fuzzer: the output changed when compiled again)",
    files: { 'stack.yml': pod('side'), 'tpl/side.yml': 'name: side\ndescription: a controller setting\ncontroller: |\n  x-podlike: {main-component: main}\n' },
    expect: 'tpl/side.yml:4:3: error: service "api", template "side", section "controller": the controller has x-podlike, which would make it a pod of its own when the output is compiled again: podlike-gen reads it on the services of the stack only',
    exit: 1,
  },
  {
    name: 'x-podlike.main-component naming a component a template adds',
    files: { 'stack.yml': 'services:\n  api:\n    image: acme/api:1.4\n    x-podlike:\n      templates: [side]\n      main-component: side\n', 'tpl/side.yml': SIDE },
    expect: 'stack.yml:6:23: error: service "api": x-podlike.main-component "side" is also a component template "side" adds; give the main component another name',
    exit: 1,
  },
  {
    name: 'x-podlike.main-component that is no container name',
    files: { 'stack.yml': 'services:\n  api:\n    image: acme/api:1.4\n    x-podlike:\n      templates: [side]\n      main-component: "my app"\n', 'tpl/side.yml': SIDE },
    expect: 'stack.yml:6:23: error: services.api.x-podlike.main-component: must match pattern "^[A-Za-z0-9][A-Za-z0-9_.-]*$"',
    exit: 1,
  },
  {
    name: 'x-podlike.merge that is neither podlike-gen nor podlike',
    files: { 'stack.yml': 'x-podlike:\n  merge: podlke\nservices:\n  api:\n    image: acme/api:1.4\n    labels:\n      podlike.templates: side\n', 'tpl/side.yml': SIDE },
    expect: /^stack\.yml:2:10: error: x-podlike\.merge: must be (one of|equal to one of)/,
    exit: 1,
  },
  {
    name: 'a controller without the Docker socket (Podlike format: the service\'s volumes replace it)',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    volumes: [data:/data]\n    x-podlike:\n      pod:\n        inline: |\n          pod:\n            command: -logs -ipc=false\nvolumes:\n  data: {}\n' },
    args: ['stack.yml'],
    expect: 'stack.yml:2:3: warning: service "api": the controller does not mount the Docker socket, through which Podlike starts the pod\'s components, so none starts: mount /var/run/docker.sock:/var/run/docker.sock:ro on it',
    exit: 0,
  },
  {
    name: 'Podlike format: a pod template running rycus86/podlike:latest without -ipc=false',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      pod:\n        inline: |\n          pod:\n            image: rycus86/podlike:latest\n            command: -logs\n' },
    args: ['stack.yml'],
    expect: 'stack.yml:2:3: warning: controller rycus86/podlike:latest shares its IPC namespace with the components unless given -ipc=false; Docker engines since 20.10 keep a container\'s IPC namespace private, and a controller that joins it starts no component ("non-shareable IPC", Podlike issues #5 and #7): add -ipc=false to the command of the pod template',
    exit: 0,
  },
  {
    name: 'Podlike format: a pod template running Podlike 0.5.1 with -ipc=false, which it does not define',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      pod:\n        inline: |\n          pod:\n            image: rycus86/podlike:0.5.1\n            command: -logs -ipc=false\n' },
    args: ['stack.yml'],
    expect: 'stack.yml:2:3: error: controller flag "-ipc=false": rycus86/podlike:0.5.1 does not define -ipc and stops at start: -ipc exists only on master builds (rycus86/podlike:latest)',
    more: 1,
    exit: 1,
  },
  {
    name: 'Podlike format: an http template from a URL the user did not allow (issue 19: no fetch on a stack\'s word)',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\nx-podlike:\n  api:\n    templates: [http://169.254.169.254/latest/meta-data/]\n' },
    expect:
      'stack.yml:6:17: error: x-podlike: template http://169.254.169.254/latest/meta-data/ is not fetched: a stack makes the compile fetch a URL only where the user allows it (--allow-outside http://169.254.169.254/latest/meta-data/, or a prefix of it), or give it a fallback: {file: ...}',
    exit: 1,
  },
  {
    name: 'Podlike format: a pod template with more than one root key',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      pod:\n        inline:\n          image: x\n          labels: {a: b}\n' },
    expect: 'stack.yml:7:11: error: inline template: a pod template must define exactly one root key, but it defines 2 (image, labels)',
    exit: 1,
  },
  {
    name: 'Podlike format: a template whose output is not YAML',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      templates:\n        inline: |\n          side: [a\n', 'templates/.keep': '' },
    expect: /^stack\.yml:7:11: error: inline template: its output is not YAML: \S/,
    exit: 1,
  },
  {
    name: 'Podlike format: a template whose output is not a mapping',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      templates: {inline: "just text"}\n' },
    expect: 'stack.yml:5:28: error: inline template: its output must be a mapping, but it is "just text"',
    exit: 1,
  },
  {
    name: "Podlike format: a Go template syntax error, at its line in the template file",
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      templates: [templates/side.yml]\n', 'templates/side.yml': 'side:\n  image: {{ .Args.Image }}\n  command: {{ if }}\n' },
    expect: 'templates/side.yml:3:18: error: template templates/side.yml: template: side.yml:3: missing value for if',
    exit: 1,
  },
  {
    name: 'Podlike format: a Go template execution error in an inline template, at its place in the stack file',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      transformer:\n        inline: |\n          app:\n            image: {{ index .Args.List 5 }}\n      args:\n        List: [a]\n' },
    expect: 'stack.yml:8:23: error: inline template: template: inline:2:12: executing "inline" at <index .Args.List 5>: error calling index: index out of range: 5',
    exit: 1,
  },
  {
    name: 'Podlike format: a copy that is neither a string, a list nor a mapping',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      copy: {inline: {app: 5}}\n' },
    expect: 'stack.yml:5:22: error: inline template: the copy of component "app" must be a "source:target" string, a list of them, or a mapping of source to target',
    exit: 1,
  },
  {
    name: 'migrate: a Go template construct with no exact Handlebars translation, at its place in the template',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\nx-podlike:\n  api:\n    transformer:\n      inline: |\n        app:\n          environment:\n            PORT: "{{ len .Args.peers }}"\n    args: {peers: [a, b]}\n' },
    args: ['migrate', 'stack.yml'],
    expect: 'stack.yml:10:23: error: cannot migrate: inline template: "len .Args.peers" has no exact podlike-gen equivalent',
    exit: 1,
  },
  {
    name: 'migrate: a stack that does not compile (a pod template with two root keys, which Podlike refuses too)',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\nx-podlike:\n  api:\n    pod:\n      inline: |\n        image: x\n        labels: {a: b}\n' },
    args: ['migrate', 'stack.yml'],
    expect: 'stack.yml:8:9: error: cannot migrate a stack that does not compile: inline template: a pod template must define exactly one root key, but it defines 2 (image, labels)',
    exit: 1,
  },
  {
    name: 'migrate: a pod, transformer or init template not written as one root key over an indented body',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\nx-podlike:\n  api:\n    init: {inline: "init: {image: b}"}\n' },
    args: ['migrate', 'stack.yml'],
    expect: 'stack.yml:6:21: error: cannot migrate: inline template: a init template is translated when its first line is its one root key (`name:`) with the body indented below it',
    exit: 1,
  },
  {
    name: 'migrate: an arg the template prints that no service gives (Go prints <no value>)',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\nx-podlike:\n  api:\n    templates:\n      inline: |\n        side:\n          image: "b:{{ .Args.version }}"\n' },
    args: ['migrate', 'stack.yml'],
    expect: 'stack.yml:9:29: error: cannot migrate: inline template: arg "version" is given no value: Go prints <no value> where podlike-gen prints nothing',
    exit: 1,
  },
  {
    name: 'migrate: a file of the output already there (nothing is written)',
    files: { 'stack.yml': 'services:\n  api:\n    image: a\nx-podlike:\n  api:\n    templates: {inline: "side: {image: b}"}\n', 'migrated/stack.yml': 'mine\n' },
    args: ['migrate', 'stack.yml'],
    expect: 'migrated/stack.yml: error: already exists; migrate writes no file over another (choose an empty folder with -o DIR); nothing was written',
    exit: 1,
  },
];


describe('diagnostics catalog: text, position, exit code, no stack trace', { concurrency: 4 }, () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const dir = workspace(c.files);
      // The default -t folder, there even in cases without templates (a missing one is a warning of its own).
      mkdirSync(join(dir, 'tpl'), { recursive: true });
      c.setup?.(dir);
      const args = c.args ?? ['-t', 'tpl', 'stack.yml'];
      const run = await runCli(args, { cwd: dir });
      assertNoStackTrace(run);
      const lines = assertDiagnosticLines(run, dir);
      const matches = lines.filter((l) => (typeof c.expect === 'string' ? l === c.expect : c.expect.test(l)));
      assert.equal(matches.length, 1, `expected exactly one line ${String(c.expect)}\ngot:\n${run.stderr}`);
      assert.ok(lines.length <= 1 + (c.more ?? 0), `unexpected extra diagnostics:\n${run.stderr}`);
      assert.equal(run.status, c.exit, `exit code; stderr:\n${run.stderr}`);
      if (c.exit === 0) assert.match(run.stdout, /^services:|^version:/m, 'a warning or note still writes the stack');
      else assert.equal(run.stdout, '', 'an error writes no stack');
    });
  }

  it('validate reports the same line and a count, exit 1', async () => {
    const dir = workspace({ 'stack.yml': pod('sied'), 'tpl/side.yml': SIDE });
    const run = await runCli(['validate', '-t', 'tpl', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'stack.yml:5:26: error: service "api": unknown template "sied" (did you mean "side"?)\n1 error(s), 0 warning(s)\n');
  });

  it('--quiet drops warnings and notes, keeps errors', async () => {
    const dir = workspace({ 'stack.yml': pod('moved'), 'tpl/moved.yml': tpl('moved', 'components: |\n  side:\n    image: alpine\n    ports: ["80:80"]\n') });
    const run = await runCli(['-q', '-t', 'tpl', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 0);
    assert.equal(run.stderr, '');
  });
});

describe('--set: the diagnostic names the flag as written (it has no file), exit code, no stack trace', { concurrency: 4 }, () => {
  const cases: { set: string; expect: string; exit?: 0 | 1 }[] = [
    { set: 'x', expect: 'error: --set x: no "=" in it: write [SERVICE:]TEMPLATE.ARG=VALUE (e.g. --set http.port=8080)' },
    { set: 'side=1', expect: 'error: --set side=1: "side" is not of the form [SERVICE:]TEMPLATE.ARG=VALUE (nested args: TEMPLATE.ARG.SUB)' },
    { set: 'side.__proto__.a=1', expect: 'error: --set side.__proto__.a=1: "__proto__" is not a valid template or arg name' },
    { set: 'sied.port=1', expect: 'error: --set sied.port=1: unknown template "sied" (did you mean "side"?)' },
    { set: 'side.prot=1', expect: 'error: --set side.prot=1: template "side" (tpl/side.yml): unknown arg "prot" (did you mean "port"?)' },
    { set: 'side.port=abc', expect: 'error: --set side.port=abc: template "side" (tpl/side.yml): arg "port" must be a whole number' },
    { set: 'apo:side.port=1', expect: 'error: --set apo:side.port=1: service "apo" is not in the stack (did you mean "api"?)' },
    { set: 'db:side.port=1', expect: 'error: --set db:side.port=1: service "db" is not a pod (it has no podlike.templates label nor x-podlike): its args would be unused' },
    { set: 'api:other.port=1', expect: 'error: --set api:other.port=1: service "api": args given for template "other", which this pod does not apply' },
    { set: 'other.port=1', expect: 'warning: --set other.port=1: no pod applies template "other": the arg is unused', exit: 0 },
  ];
  for (const c of cases) {
    it(c.set, async () => {
      const run = await runCli(['-t', 'tpl', '--set', c.set, 'stack.yml'], { cwd: workspace(OUTSIDE_FILES) });
      assertNoStackTrace(run);
      assert.equal(run.stderr, `${c.expect}\n`);
      assert.equal(run.status, c.exit ?? 1);
      assert.equal(run.stdout === '', (c.exit ?? 1) === 1, 'an error writes no stack; a warning writes it');
    });
  }
});

describe('usage errors: exit 2, one line, no stack trace', { concurrency: 4 }, () => {
  const usage: { name: string; args: string[]; expect: string | RegExp }[] = [
    { name: '--check without -o', args: ['--check', 'stack.yml'], expect: 'error: --check needs -o FILE: the file to check' },
    { name: 'unknown option', args: ['--bogus', 'stack.yml'], expect: "error: unknown option '--bogus'" },
    { name: 'misspelt command, with a suggestion', args: ['valdate', 'stack.yml'], expect: 'error: unknown command "valdate" (did you mean "validate"?)' },
    { name: 'bad --format', args: ['--format', 'xml', 'stack.yml'], expect: "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are yaml, json." },
    { name: 'no stack file', args: [], expect: "error: missing required argument 'stack'" },
    { name: '--watch without -o', args: ['--watch', 'stack.yml'], expect: 'error: --watch needs -o FILE: the file to keep up to date' },
    { name: '--watch with --check', args: ['--watch', '--check', '-o', 'out.yml', 'stack.yml'], expect: 'error: --watch and --check do not go together: --check runs once, in CI' },
    { name: '--watch on stdin', args: ['--watch', '-o', 'out.yml', '-'], expect: 'error: --watch cannot read stdin again: name the stack files' },
    { name: 'test --watch with --update', args: ['test', '--watch', '--update'], expect: 'error: --watch and --update do not go together: each update would be a change to run again for' },
    { name: 'new-template with a name that is not plain', args: ['new-template', '../x'], expect: 'error: template name "../x" must be letters, digits, - and _, at most 100 of them' },
  ];
  for (const c of usage) {
    it(c.name, async () => {
      const dir = workspace({ 'stack.yml': 'services: {}\n' });
      const run = await runCli(c.args, { cwd: dir });
      assertNoStackTrace(run);
      assert.equal(run.status, 2, `exit code; stderr:\n${run.stderr}`);
      const first = run.stderr.split('\n')[0];
      if (typeof c.expect === 'string') assert.equal(first, c.expect);
      else assert.match(first, c.expect);
      assert.equal(run.stdout, '');
    });
  }
});

describe('command errors outside compile(): exit 1, one line', { concurrency: 4 }, () => {
  it('--check: stale file, with a diff header', async () => {
    const dir = workspace({ 'stack.yml': 'services:\n  web:\n    image: nginx\n', 'out.yml': 'services: {}\n' });
    const run = await runCli(['--check', '-o', 'out.yml', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stderr.split('\n')[0], 'out.yml is stale: compile the stack again (podlike-gen -o out.yml ...)');
    assert.match(run.stderr, /^\+    image: nginx$/m);
  });

  it('--check: the output is a directory, an error naming it (was Node\'s EISDIR text)', async () => {
    const dir = workspace({ 'stack.yml': 'services:\n  web:\n    image: nginx\n', 'out.yml/keep': '' });
    const run = await runCli(['--check', '-o', 'out.yml', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'out.yml: error: cannot read the output to check: it is a directory\n');
  });

  it('-o names a symbolic link: refused, nothing written through it', async () => {
    const dir = workspace({ 'stack.yml': 'services:\n  web:\n    image: nginx\n', 'victim.txt': 'keep\n' });
    symlinkSync('victim.txt', join(dir, 'out.yml'));
    const run = await runCli(['-o', 'out.yml', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(
      run.stderr,
      'out.yml: error: cannot write the output: it is a symbolic link: podlike-gen never reads or writes its output through a link (a planted one could point anywhere); remove the link or give the path of its target\n',
    );
    assert.equal(readFileSync(join(dir, 'victim.txt'), 'utf8'), 'keep\n');
  });

  it('--check -o names a symbolic link: refused, the file it points at not shown', async () => {
    const dir = workspace({ 'stack.yml': 'services:\n  web:\n    image: nginx\n', 'victim.txt': 'keep\n' });
    symlinkSync('victim.txt', join(dir, 'out.yml'));
    const run = await runCli(['--check', '-o', 'out.yml', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(
      run.stderr,
      'out.yml: error: cannot read the output to check: it is a symbolic link: podlike-gen never reads or writes its output through a link (a planted one could point anywhere); remove the link or give the path of its target\n',
    );
  });

  it('explain: not a pod, with a suggestion', async () => {
    const dir = workspace({ 'stack.yml': pod('side'), 'tpl/side.yml': SIDE });
    const run = await runCli(['explain', 'stack.yml', 'apo', '-t', 'tpl'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'error: "apo" is not a pod in stack.yml (did you mean "api"?)\n');
  });

  it('templates show: an arg without a description (warning), the documentation still shown', async () => {
    const dir = workspace({ 'tpl/side.yml': SIDE });
    const run = await runCli(['templates', 'show', 'side', '-t', 'tpl'], { cwd: dir });
    assert.equal(run.status, 0);
    assert.equal(run.stderr, 'tpl/side.yml:8:5: warning: template "side": arg "name" has no description: say what it sets (templates show prints it as the arg\'s documentation)\n');
    assert.match(run.stdout, /^side: a test template$/m);
  });

  it('templates and test: the scaffold\'s TODO left in a description (warning)', async () => {
    const dir = workspace({});
    assert.equal((await runCli(['new-template', 'todo', '--dir', 'tpl'], { cwd: dir })).status, 0);
    const expected = 'tpl/todo.yml:6:14: warning: template "todo": its description still has the scaffold\'s TODO: say in one line what it adds to a pod (templates show prints it)\n';
    const listed = await runCli(['templates', '-t', 'tpl'], { cwd: dir });
    assert.equal(listed.status, 0);
    assert.equal(listed.stderr, expected);
    const tested = await runCli(['test', 'tpl'], { cwd: dir });
    assert.equal(tested.status, 0);
    assert.equal(tested.stderr, expected);
  });

  it('templates show: unknown template, with a suggestion', async () => {
    const dir = workspace({ 'tpl/side.yml': SIDE });
    const run = await runCli(['templates', 'show', 'sied', '-t', 'tpl'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'error: unknown template "sied" (did you mean "side"?)\n');
  });

  it('test: no fixtures', async () => {
    const dir = workspace({ 'tpl/side.yml': SIDE });
    const run = await runCli(['test', 'tpl'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'error: no fixtures in tpl/tests/ (each case is a folder with stack.yml and expected.yml)\n');
  });

  it('new-template: the file exists already, nothing written', async () => {
    const dir = workspace({ 'tpl/side.yml': SIDE });
    const run = await runCli(['new-template', 'side', '--dir', 'tpl'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^error: \S*tpl\/side\.yml already exists; nothing was written\n$/);
    assert.equal(readFileSync(join(dir, 'tpl/side.yml'), 'utf8'), SIDE);
  });
});

/**
 * Bugs found while building the catalog: each test asserts the right behaviour and fails
 * until the bug is fixed (see the report that came with these tests).
 */
describe('diagnostics that are wrong today', { concurrency: 4 }, () => {
  it('a file over 16 MiB of multi-byte text is refused as too large (the limit counts bytes, not UTF-16 units)', async () => {
    // 9 Mi two-byte characters: 18 MiB on disk, but only 9 Mi string units.
    const dir = workspace({ 'stack.yml': `services: {}\n# ${'é'.repeat(9 * 1024 * 1024)}\n` });
    const run = await runCli(['-o', 'out.yml', 'stack.yml'], { cwd: dir });
    assertNoStackTrace(run);
    assert.equal(run.status, 1, 'an 18 MiB file must be refused');
    assert.match(run.stderr, /^stack\.yml: error: file is too large: more than 16777216 bytes$/m);
  });

  it('stdin that keeps coming past 16 MiB is refused without waiting for its end (no hang, no unbounded read)', async () => {
    const child = spawn(process.execPath, [BIN, '-'], { env: { ...process.env, NO_COLOR: '1', PODLIKE_TEMPLATES: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.resume();
    child.stdin.on('error', () => undefined);
    const exited = new Promise<number | null | 'timeout'>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), 15_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    // 20 MiB of comment, then the pipe stays open: a reader that stops at the limit answers now.
    const chunk = `# ${'x'.repeat(1024 * 1024 - 3)}\n`;
    child.stdin.write('services: {}\n');
    for (let i = 0; i < 20; i++) child.stdin.write(chunk);
    const code = await exited;
    if (code === 'timeout') child.kill('SIGKILL');
    child.stdin.destroy();
    assert.notEqual(code, 'timeout', 'podlike-gen - kept reading stdin past the 16 MiB limit (reading /dev/zero ends in std::bad_alloc after ~16 GB)');
    assert.equal(code, 1);
    assert.match(stderr, /^<stdin>: error: file is too large: /m);
  });

  it('stdin from a program that writes it in pieces (a Node parent\'s pipe) is read to its end, not refused with EAGAIN', async () => {
    const child = spawn(process.execPath, [BIN, '-'], { env: { ...process.env, NO_COLOR: '1', PODLIKE_TEMPLATES: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.on('error', () => undefined);
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.write('services:\n  web:\n    image: nginx\n');
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      child.stdin.write(`# ${'x'.repeat(200_000)}\n`);
    }
    child.stdin.end();
    const code = await closed;
    // Today: exit 1, "podlike-gen: EAGAIN: resource temporarily unavailable, read" (readFileSync(0) on a non-blocking pipe).
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.match(stdout, /^services:\n {2}web:\n {4}image: nginx\n/);
  });

  it('a value that is neither of two allowed types is one error, not two contradicting ones', async () => {
    const dir = workspace({ 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      templates: 5\n' });
    const run = await runCli(['stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    const lines = run.stderr.split('\n').filter((l) => l !== '');
    // Today: "...templates: must be a string" and "...templates: must be a list" on two lines.
    assert.equal(lines.length, 1, `one diagnostic expected:\n${run.stderr}`);
    assert.match(lines[0], /^stack\.yml:5:18: error: services\.api\.x-podlike\.templates: must be (a )?string or (an? )?(array|list)/);
  });

  it('the same for a component key written by the author (command: {a: 1})', async () => {
    const dir = workspace({ 'stack.yml': 'services:\n  api:\n    image: a\n    command: {a: 1}\n    x-podlike: {templates: [side]}\n', 'tpl/side.yml': SIDE });
    const run = await runCli(['-t', 'tpl', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    const lines = run.stderr.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, 1, `one diagnostic expected:\n${run.stderr}`);
    assert.match(lines[0], /component "app": command: must be (a )?string or (an? )?(array|list)/);
  });

  it('two templates adding different stack definitions: the position is inside the stack section, like every other section diagnostic', async () => {
    const dir = workspace({
      'stack.yml': pod('s1 s2'),
      'tpl/s1.yml': tpl('s1', 'stack: |\n  volumes:\n    shared: {driver: local}\n'),
      'tpl/s2.yml': tpl('s2', 'stack: |\n  volumes:\n    shared: {driver: other}\n'),
    });
    const run = await runCli(['-t', 'tpl', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    // Today: tpl/s2.yml:3:3, the middle of the word "stack" on the `stack: |` line.
    assert.equal(
      run.stderr,
      'tpl/s2.yml:4:3: error: volumes "shared" is added with two different definitions: by template "s1" (service "api") and by template "s2" (service "api")\n',
    );
  });

  it('a template in an x-podlike.templates list is pointed at, not the list', async () => {
    const dir = workspace({ 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      templates: [side, sied]\n', 'tpl/side.yml': SIDE });
    const run = await runCli(['-t', 'tpl', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    // Today: 5:18, the `[` of the list.
    assert.equal(run.stderr, 'stack.yml:5:25: error: service "api": unknown template "sied" (did you mean "side"?)\n');
  });

  it('an invalid environment on a pod service is an error, not silently dropped', async () => {
    const dir = workspace({ 'stack.yml': 'services:\n  api:\n    image: a\n    environment: 5\n    x-podlike: {templates: [side]}\n', 'tpl/side.yml': SIDE });
    const run = await runCli(['-t', 'tpl', 'stack.yml'], { cwd: dir });
    // Today: exit 0, and the app component gets `environment: {}`.
    assert.equal(run.status, 1, `stdout:\n${run.stdout}`);
    assert.match(run.stderr, /^stack\.yml:4:\d+: error: .*environment/m);
  });
});
