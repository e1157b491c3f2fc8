/**
 * What fuzzing found, each as its smallest reproduction, asserting the right behaviour: a user
 * error comes back as an error diagnostic with a position (never an exception), in bounded
 * time, and a successful output compiles to itself.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, it } from 'node:test';
import { compile, type CompileResult } from '../../src/compile.js';
import type { JsonObject } from '../../src/model/compose-lists.js';
import { EXAMPLES, TEST_DATA } from '../helpers/paths.js';
import { describeDiagnostics, errorsOf } from './support.js';

/** Compiles, turning an escaped exception into a test failure that names it. */
function compiled(text: string, dir = EXAMPLES): CompileResult {
  try {
    return compile([{ path: 'stack.yml', text }], { cwd: dir, env: {} });
  } catch (e) {
    assert.fail(`compile() threw instead of returning diagnostics: ${(e as Error).stack ?? String(e)}`);
  }
}

/** The compile fails with at least one error diagnostic pointing into stack.yml, at `line` when given. */
function failsAt(result: CompileResult, line?: number): void {
  const errors = errorsOf(result);
  assert.ok(errors.length > 0, `expected an error, got ${result.yaml === undefined ? describeDiagnostics(result.diagnostics) : 'an output'}`);
  assert.equal(result.yaml, undefined);
  assert.ok(errors.every((e) => e.position?.file === 'stack.yml' || e.file === 'stack.yml'), describeDiagnostics(errors));
  if (line !== undefined) assert.ok(errors.some((e) => e.position?.line === line), `no error at line ${line}:\n${describeDiagnostics(errors)}`);
}

function idempotent(text: string): void {
  const first = compiled(text);
  assert.deepEqual(errorsOf(first), [], describeDiagnostics(first.diagnostics));
  const again = compiled(first.yaml!);
  assert.equal(again.yaml, first.yaml, 'compiling the output changed it');
}

const POD = 'version: "3.8"\nservices:\n  a:\n    image: alpine:3.20\n    labels:\n      podlike.templates: http\n';

describe('fuzz findings: the YAML reader', () => {
  it('an alias to an anchor that does not exist is an error at the alias, not a ReferenceError', () => {
    failsAt(compiled('version: "3.8"\nservices:\n  a:\n    image: *missing\n'), 4);
  });

  it('an anchor whose node holds its own alias is an error, not a stack overflow in alias-budget.ts', () => {
    failsAt(compiled('version: "3.8"\nservices:\n  a:\n    image: x\n    command: &self [*self]\n'), 5);
  });

  it('a merge key whose source is not a mapping is an error, not "Merge sources must be maps"', () => {
    failsAt(compiled('version: "3.8"\nservices:\n  a:\n    <<: 1\n    image: x\n'), 4);
    failsAt(compiled('version: "3.8"\nx-n: &n 1\nservices:\n  a:\n    <<: *n\n    image: x\n'), 5);
  });

  it('thousands of compact mappings on one line, then a dedent, are an error, not a stack overflow in the yaml parser', () => {
    failsAt(compiled(`x:\n  y: ${'a: '.repeat(3000)}\nz: 1\n`));
  });

  it('a file with a 200k-character line of errors is reported as its first errors and a count of the rest', () => {
    // examples/healthz/stack.yml, line 12 holding 66,667 "a: ", line 21 a flow mapping 20,000 deep, lines 2 and 24 swapped:
    // the yaml package reports 213,372 errors in 2 s; turning each into a diagnostic took another 9 s.
    const lines = readFileSync(join(EXAMPLES, 'healthz', 'stack.yml'), 'utf8').split('\n');
    const image = lines.findIndex((l) => /^ {4}image: /.test(l));
    const file = lines.findIndex((l) => /podlike\.healthz\.file:/.test(l));
    assert.ok(image > 0 && file > 0, 'the example has the lines this case changes');
    lines[image] = `    image: ${'a: '.repeat(66_667)}`;
    lines[file] = `      podlike.healthz.file: ${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}`;
    [lines[1], lines[23]] = [lines[23], lines[1]];
    const result = compiled(lines.join('\n'), join(EXAMPLES, 'healthz'));
    failsAt(result);
    // Speed is the bench's to measure; what made this slow was a diagnostic per error.
    assert.ok(result.diagnostics.length <= 21, `${result.diagnostics.length} diagnostics`);
    assert.match(result.diagnostics[result.diagnostics.length - 1].message, /^\d+ more YAML errors not shown$/);
  });
});

describe('fuzz findings: patterns that backtracked', () => {
  it('a CRLF file whose 200k-character line ends in ": " is reported, not stuck naming each error\'s key', () => {
    // Seed 7317145 on examples/healthz/stack.yml (byte-order mark, CRLF, line 18 holding 66,667 "a: "): the
    // key of each reported error was cut with /:(\s.*)?$/, which tried every ": " against the rest of the
    // line; the CR before the line end, which `.` does not match, made every try fail.
    const lines = readFileSync(join(EXAMPLES, 'healthz', 'stack.yml'), 'utf8').split('\n');
    const templates = lines.findIndex((l) => /podlike\.templates:/.test(l));
    assert.ok(templates > 0, 'the example has the line this case changes');
    lines[templates] = `      podlike.templates: ${'a: '.repeat(66_667)}`;
    const result = compiled(`\ufeff${lines.join('\r\n')}`, join(EXAMPLES, 'healthz'));
    failsAt(result, templates + 1);
  });

  it('an integer arg given as 200,000 digits and a letter is an error naming the arg', () => {
    const result = compiled(POD.replace('podlike.templates: http\n', `podlike.templates: http\n      podlike.http.port: ${'1'.repeat(200_000)}x\n`));
    failsAt(result, 7);
    assert.match(errorsOf(result)[0].message, /template "http" .*: arg "port" must be a whole number$/);
  });
});

describe('fuzz findings: where an error is', () => {
  it('errors after a line the YAML reader could not read are on their own lines, not past the end of an earlier one (fuzz seed 281000257)', () => {
    // The yaml package's line counter, filled as it lexes, missed the line break inside the token it gave up on:
    // the errors of line 7 were placed at line 6, columns 35 to 50 of its 22 characters.
    const text = ['# a comment', '    labels:', 'version: "3.8"', 'services:', '  traefik:', '\t  image: traefik:v3.3', '    command: ["--a", "--b"]', '    ports:', '      - "80:80"', ''].join('\n');
    const result = compile([{ path: 'stack.yml', text }], { cwd: EXAMPLES, env: {} });
    const lines = text.split('\n');
    const errors = errorsOf(result);
    assert.ok(errors.length > 0);
    for (const d of errors) assert.ok(d.position!.col <= lines[d.position!.line - 1].length + 1, `${describeDiagnostics([d])} is past the end of its line`);
    // The tab that made the reader give up is now the one error, at the tab (issue 20); the reader's own
    // errors (line 7, column 12, '":"' among them) are what it replaces.
    assert.deepEqual(describeDiagnostics(errors), describeDiagnostics([{ severity: 'error', message: 'a tab in the indentation: YAML forbids tabs for indentation; indent with spaces', position: { file: 'stack.yml', line: 6, col: 1 } }]));
  });
});

describe('fuzz findings: an override file over the base file\'s text', () => {
  const dir = join(TEST_DATA, 'golden', 'multi-file');
  const base = readFileSync(join(dir, 'stack.yml'), 'utf8');
  const prod = readFileSync(join(dir, 'stack.prod.yml'), 'utf8');
  const withDbImage = prod.replace('  db:\n', '  db:\n    image: postgres:16\n');
  const both = (first: string, second: string) => compile([{ path: 'stack.yml', text: first }, { path: 'stack.prod.yml', text: second }], { cwd: dir, env: {} });

  it('an override cut short after "services:" leaves the services as they were (seed 9104838)', () => {
    // It replaced them all with null, and the output had "services:" with nothing under it.
    const result = both(base, prod.slice(0, prod.indexOf('services:') + 'services:\n'.length));
    assert.deepEqual(errorsOf(result), [], describeDiagnostics(result.diagnostics));
    assert.deepEqual(result.stack, compile([{ path: 'stack.yml', text: base }], { cwd: dir, env: {} }).stack);
    idempotent(result.yaml!);
  });

  it('an overridden value whose base was an empty block scalar is readable output (seed 9108302)', () => {
    // The base's `version: >-` was changed in place: ">-" stayed, "3.8" landed at the start of the next line.
    // (Files of different versions are refused now, as docker refuses them: a service's image stands in.)
    const result = both(base.replace('image: postgres:16', 'image: >-'), withDbImage);
    assert.deepEqual(errorsOf(result), [], describeDiagnostics(result.diagnostics));
    assert.equal(((result.stack?.services as JsonObject).db as JsonObject).image, 'postgres:16');
    idempotent(result.yaml!);
  });

  it('an overridden value with a tag is written once, without the tag (seed 11202767)', () => {
    // `version: !!binary x` changed in place kept the tag before the value and wrote it again with it.
    const result = both(base.replace('image: postgres:16', 'image: !!binary x'), withDbImage);
    assert.deepEqual(errorsOf(result), [], describeDiagnostics(result.diagnostics));
    assert.equal(((result.stack?.services as JsonObject).db as JsonObject).image, 'postgres:16');
    idempotent(result.yaml!);
  });

  it('a "" in a flow list overridden with null is written null, not left empty (property seed 273885052)', () => {
    // The node kept the old value's source text: the yaml package writes a null as its source, here nothing: `["", , x]`.
    // A tag makes the whole document the writer's starting point, flow collections kept.
    // A later volume definition replaces the earlier one whole (a service's x- lists, as docker merges them, append).
    const result = both('!!str version: "3.8"\nservices: {app: {image: alpine:3.20}}\nvolumes: {v: {x-data: [0, !!str "", x]}}\n', 'version: "3.8"\nvolumes:\n  v:\n    x-data: ["", null, x]\n');
    assert.match(result.yaml!, /x-data: \["", null, x\]/);
    assert.deepEqual(errorsOf(result), [], describeDiagnostics(result.diagnostics));
    assert.deepEqual(parse(result.yaml!), result.stack);
    idempotent(result.yaml!);
  });

  it('a number overridden over one written 1.50, 0x1F or 1e3 is written as the override has it', () => {
    const result = both('!!str version: "3.8"\nservices: {app: {image: alpine:3.20, x-a: 1.50, x-b: 0x1F, x-c: 1e3}}\n', 'version: "3.8"\nservices:\n  app:\n    x-a: 3\n    x-b: 3\n    x-c: 3\n');
    assert.deepEqual(errorsOf(result), [], describeDiagnostics(result.diagnostics));
    assert.match(result.yaml!, /x-a: 3, x-b: 3, x-c: 3\}/);
    idempotent(result.yaml!);
  });

  it('an alias in a list, whose anchored item a merge rewrote, reads as the value it stood for (docker-merge property)', () => {
    // The rewrite read the list holding the alias to compare it with the merged value: the anchor was gone, and it threw.
    const anchored = [
      'version: "3.8"',
      'services:',
      '  a:',
      '    image: x',
      '    healthcheck: {test: &t []}',
      '    deploy: {placement: {preferences: [&p {spread: node.labels.a}]}}',
      '  b:',
      '    image: x',
      '    healthcheck: {test: *t}',
      '    deploy: {placement: {preferences: [*p]}}',
      '',
    ].join('\n');
    const override = 'version: "3.8"\nservices:\n  a:\n    healthcheck: {test: curl}\n    deploy: {placement: {preferences: [{spread: node.labels.b}]}}\n  b:\n    deploy: {placement: {preferences: [{spread: node.labels.c}]}}\n';
    const result = both(anchored, override);
    assert.deepEqual(errorsOf(result), [], describeDiagnostics(result.diagnostics));
    const services = parse(result.yaml!).services;
    assert.deepEqual(services.b.deploy.placement.preferences, [{ spread: 'node.labels.a' }, { spread: 'node.labels.c' }]);
    assert.deepEqual(services.a.healthcheck.test, ['CMD-SHELL', 'curl']);
    idempotent(result.yaml!);
  });

  it('aliases of an anchored block mapping a later file redefines keep the value they stood for (docker-merge property)', () => {
    // The mapping was patched in place under its anchor, and `n3: *a` read the later file's n1.
    const anchored = 'version: "3.8"\nservices:\n  s:\n    image: x\nnetworks:\n  n1: &a\n    driver: overlay\n  n3: *a\n';
    const result = both(anchored, 'version: "3.8"\nnetworks:\n  n1:\n    attachable: true\n');
    assert.deepEqual(errorsOf(result), [], describeDiagnostics(result.diagnostics));
    assert.deepEqual(parse(result.yaml!).networks, { n1: { attachable: true }, n3: { driver: 'overlay' } });
    idempotent(result.yaml!);
  });

  it('aliases of an overridden anchored value keep the value they stood for', () => {
    const anchored = 'version: "3.8"\nx-data: &a v\nx-other: *a\nservices:\n  app:\n    image: &i alpine:3.20\n    hostname: *i\n';
    const result = both(anchored, 'version: "3.8"\nx-data: w\nservices:\n  app:\n    image: alpine:3.21\n');
    assert.deepEqual(errorsOf(result), [], describeDiagnostics(result.diagnostics));
    // docker reads the x- fields of the first file only: x-data stays v.
    assert.deepEqual(parse(result.yaml!), { version: '3.8', 'x-data': 'v', 'x-other': 'v', services: { app: { image: 'alpine:3.21', hostname: 'alpine:3.20' } } });
    idempotent(result.yaml!);
  });
});

describe('fuzz findings: the emitted text', () => {
  it('a tab-indented comment line after a pod does not fall into the pod\'s last block literal (the output parses)', () => {
    const text = 'version: "3.8"\nservices:\n  shop:\n    image: acme/shop:3.1\n    labels:\n      podlike.templates: http\n\t# comment\n  db:\n    image: postgres:16\n';
    const first = compiled(text);
    assert.deepEqual(errorsOf(first), [], describeDiagnostics(first.diagnostics));
    const again = compiled(first.yaml!);
    assert.deepEqual(errorsOf(again), [], `the output does not parse:\n${describeDiagnostics(again.diagnostics)}`);
    assert.equal(again.yaml, first.yaml);
  });
});

describe('fuzz findings: line ends and invisible characters', () => {
  it('a file with CR-only line ends is read as lines (as docker reads it) or refused, not taken for one comment', () => {
    const lf = readFileSync(join(EXAMPLES, 'sidecar', 'stack.yml'), 'utf8');
    const expected = compiled(lf, join(EXAMPLES, 'sidecar'));
    const result = compiled(lf.replace(/\n/g, '\r'), join(EXAMPLES, 'sidecar'));
    if (errorsOf(result).length > 0) return failsAt(result);
    assert.deepEqual(result.stack, expected.stack, `the CR-only file compiled to:\n${result.yaml}`);
  });

  it('a comment with U+2028 inside is refused at it: docker\'s reader ends the comment there and reads `b` (it compiled to itself before)', () => {
    failsAt(compiled('# a\u2028b\n'), 1);
  });

  it('a lone CR ends a comment line, as in YAML 1.2: what follows is read, not swallowed into the comment', () => {
    // `# a\rb` is a comment, then the document `b`: not a stack, so an error rather than a comment that grows.
    failsAt(compiled('# a\rb\n'), 2);
  });

  it('a second byte-order mark does not end up as the output\'s first character', () => {
    idempotent(`\ufeff\ufeff${POD}`);
  });

  it('an error at the end of a CRLF line is placed at its end, not a column past it (fuzz seed 351022430)', () => {
    const text = `${POD}      podlike.http.port: 80\r\n    x: { a: [b, c: d }\r\n`.replace(/(?<!\r)\n/g, '\r\n');
    const result = compiled(text);
    failsAt(result, 8);
    const lastLine = text.split('\r\n')[7];
    for (const e of errorsOf(result)) assert.ok(e.position!.col <= lastLine.length + 1, `${describeDiagnostics([e])} is past the end of "${lastLine}"`);
  });
});
