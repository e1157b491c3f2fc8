/**
 * A template author's mistakes, found by fuzzing templates (`npm run fuzz`, mutation
 * `handlebars`): each is an error at the line of the template that has it, naming the service,
 * template and section, never an exception, a made-up value or text on stdout.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { runCli } from '../helpers/run-cli.js';
import { compileText, describeDiagnostics, errorsOf, removeFolder, tempFolder } from './support.js';

const STACK = 'services:\n  api:\n    image: acme/api:1.4\n    labels:\n      podlike.templates: probe\n';

/** A template named probe whose components section has `line` as its fourth line (line 7 of the file). */
function probe(line: string): string {
  return `name: probe\ndescription: a template with a mistake\ncomponents: |\n  probe:\n    image: busybox:1.36\n    environment:\n      ${line}\n`;
}

const folders: string[] = [];
after(() => folders.forEach(removeFolder));

function compileProbe(template: string) {
  const dir = tempFolder({ 'probe.yml': template });
  folders.push(dir);
  try {
    return compileText(STACK, dir, { templates: ['.'] });
  } catch (e) {
    assert.fail(`compile() threw: ${(e as Error).stack ?? String(e)}`);
  }
}

/** The one error of compiling the probe, formatted as the CLI prints it. */
function errorOf(template: string): string {
  const result = compileProbe(template);
  const errors = errorsOf(result);
  assert.equal(result.yaml, undefined, 'no output');
  assert.equal(errors.length, 1, describeDiagnostics(result.diagnostics));
  return formatDiagnostic(errors[0]).replace(/\u001b\[[0-9;]*m/g, '');
}

const AT_LINE_7 = /^probe\.yml:7:\d+: error: service "api", template "probe", section "components": render failed: /;
/** A mistake found when the template loads: before any pod renders it, whichever branch it is in. */
const LOADING_AT_LINE_7 = /^probe\.yml:7:\d+: error: template error in section "components": /;

describe('template mistakes: a helper called the wrong way', () => {
  for (const [call, message] of [
    // With a value missing, Handlebars passes its options object in its place: the whole context was written out.
    ['{{toJson}}', 'helper "toJson" takes 1 value, not 0'],
    ['{{default service.name}}', 'helper "default" takes 2 values, not 1'],
    ['{{join}}', 'helper "join" takes 1 or 2 values, not 0'],
    ['{{split "a" "," "b"}}', 'helper "split" takes 1 or 2 values, not 3'],
    ['{{and true}}', 'helper "and" takes 2 or more values, not 1'],
    ['{{lookup service}}', 'helper "lookup" takes 2 values, not 1'],
    ['{{swarm}}', 'helper "swarm" takes 1 value, not 0'],
    ['{{toJson service.name indent=2}}', 'helper "toJson" takes no named values (indent=)'],
    ['{{#quote service.name}}x{{/quote}}', 'helper "quote" is not a block: write {{quote ...}}, not {{#quote ...}}'],
    ['{{#if}}x{{/if}}', '{{#if}} takes 1 value, not 0'],
    ['{{#each args service}}x{{/each}}', '{{#each}} takes 1 value, not 2'],
    ['{{log "x"}}', 'helper "log" is not available: a template writes nothing but its sections'],
    ['{{\'toJson\'}}', 'helper "toJson" takes 1 value, not 0'],
  ]) {
    it(`${call}: ${message}, when the template loads`, () => {
      const shown = errorOf(probe(`X: "${call}"`));
      assert.match(shown, LOADING_AT_LINE_7);
      assert.ok(shown.endsWith(message), shown);
    });
  }

  it('a call in a branch no pod takes is found too, and every such call is reported', () => {
    const result = compileProbe(probe('X: "{{#if false}}{{toJson}}{{else}}{{#unless true}}{{quote}}{{/unless}}{{/if}}"'));
    const shown = describeDiagnostics(errorsOf(result)).replace(/\u001b\[[0-9;]*m/g, '');
    assert.match(shown, /probe\.yml:7:\d+: error: template error in section "components": helper "toJson" takes 1 value, not 0/);
    assert.match(shown, /probe\.yml:7:\d+: error: template error in section "components": helper "quote" takes 1 value, not 0/);
  });

  it('a value of the wrong kind is found when the section renders: {{swarm 1}}', () => {
    const shown = errorOf(probe('X: "{{swarm 1}}"'));
    assert.match(shown, AT_LINE_7);
    assert.ok(shown.endsWith('helper "swarm" takes a placeholder\'s path as text, such as "Task.ID", not 1'), shown);
  });

  it('a name that is a path into the context, not a helper, is not called: {{this.toJson}}, {{./quote}}', () => {
    const result = compileProbe(probe('X: "{{#with service}}{{this.toJson}}{{./quote}}{{/with}}"'));
    assert.deepEqual(errorsOf(result), [], describeDiagnostics(result.diagnostics));
    // In the section's own context, such a path names nothing there.
    assert.match(errorOf(probe('X: "{{@root.toJson}}"')), /^probe\.yml:7:\d+: error: template error in section "components": \{\{@root\.toJson\}\}: "toJson" is not in a section's context, which holds service, args, pod and stack$/);
  });
});

describe('template mistakes: indent widths', () => {
  for (const width of ['-1', '"x"', '1.5', '101', '100000000']) {
    it(`{{indent ${width} ...}} is refused: a whole number from 0 to 100`, () => {
      const shown = errorOf(probe(`X: "{{indent ${width} service.name}}"`));
      assert.match(shown, AT_LINE_7);
      assert.match(shown, /helper "indent": the width must be a whole number from 0 to 100, not /);
    });
  }

  it('a width given as digits in a string, as an arg may hold it, is a width', () => {
    const result = compileProbe(probe('X: "{{indent "4" service.name}}"'));
    assert.deepEqual(errorsOf(result), [], describeDiagnostics(result.diagnostics));
    assert.match(result.yaml!, /X: "    api"/);
  });
});

describe('template mistakes: what a section renders to', () => {
  it('{{log}} is refused instead of writing to stdout, where the output stack goes (it wrote "hello" into the output)', () => {
    const dir = tempFolder({ 'probe.yml': probe('X: "{{log "hello"}}"'), 'stack.yml': STACK });
    folders.push(dir);
    const run = runCli(['-t', '.', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /probe\.yml:7:\d+: error: .*helper "log" is not available/);
  });

  it('an alias to no anchor is an error at its line, not an exception', () => {
    assert.match(errorOf(probe('X: *nope')), /^probe\.yml:7:\d+: error: .*rendered text is not valid YAML: alias \*nope refers to no anchor/);
  });

  it('an alias inside its own anchor is an error, not an endless value', () => {
    assert.match(errorOf(probe('X: &self [*self]')), /^probe\.yml:7:\d+: error: .*rendered text is not valid YAML: an alias refers to the node that contains it/);
  });

  it('a key rendered as a mapping is an error, not a key made up of its text', () => {
    assert.match(errorOf(probe('{a: 1}: x')), /^probe\.yml:7:\d+: error: .*rendered text is not valid YAML: a key cannot be a mapping/);
  });

  it('a rendered line nested too deep for the YAML reader is an error, not a stack overflow (fuzz seed 41010673)', () => {
    // A line of `a: ` with more of the mapping after it: the yaml package's parser recursed until the stack ran out.
    assert.match(errorOf(probe(`X: ${'a: '.repeat(66_667)}\n    hostname: x`)), /^probe\.yml:4:\d+: error: .*rendered text is not valid YAML: nesting is too deep to read \(more than 100 levels\)$/);
  });

  it('a rendered section nested deeper than a stack file may be is refused at every compile alike (fuzz seed 61000179)', () => {
    // 5000 levels were read or overflowed the stack depending on how deep the compile was called.
    for (let i = 0; i < 2; i++) assert.match(errorOf(probe(`X: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`)), /^probe\.yml:7:\d+: error: .*rendered text is not valid YAML: nesting is too deep(: more than 100 levels| to read \(more than 100 levels\))$/);
    assert.match(errorOf(probe(`X: ${'{a: '.repeat(101)}1${'}'.repeat(101)}`)), /rendered text is not valid YAML: nesting is too deep: more than 100 levels$/);
  });

  it('a mapping written inside a string is named by its start, not written out whole, at the output that wrote it', () => {
    const shown = errorOf(probe('X: "api {{service}}"'));
    assert.match(shown, /^probe\.yml:7:15: error: /);
    assert.match(shown, /a mapping value \(\{"image":"acme\/api:1\.4","labels":\{"podlike\.templates":"probe…\) was written inside a longer string/);
  });

  it('a section that renders to more than 4 MB is refused', () => {
    const dir = tempFolder({ 'probe.yml': probe('X: "{{#each args.list}}{{#each ../args.list}}{{#each ../../args.list}}0123456789{{/each}}{{/each}}{{/each}}"').replace('components:', 'args:\n  type: object\n  properties:\n    list: { type: array, default: [] }\ncomponents:') });
    folders.push(dir);
    const list = JSON.stringify(Array.from({ length: 80 }, (_, i) => i));
    const result = compileText(STACK.replace('probe\n', `probe\n      podlike.probe.list: '${list}'\n`), dir, { templates: ['.'] });
    assert.equal(result.yaml, undefined);
    assert.match(describeDiagnostics(errorsOf(result)), /probe\.yml:\d+:\d+: error: service "api", template "probe", section "components": rendered text is too long \(\d{7} characters, more than 4194304\)/);
  });
});

describe('template mistakes: a render that would not end', () => {
  /** The probe with args `list` and `deep`, given in `x-podlike` (as JSON) by every one of `services` pods. */
  function compileWith(line: string, args: { list?: unknown[]; deep?: object }, services = 1) {
    const dir = tempFolder({ 'probe.yml': probe(line).replace('components:', 'args:\n  type: object\n  properties:\n    list: { type: array, default: [] }\n    deep: { type: object, default: {} }\ncomponents:') });
    folders.push(dir);
    const service = (name: string) => `  ${name}:\n    image: acme/api:1.4\n    x-podlike:\n      templates: [probe]\n      args: { probe: ${JSON.stringify(args)} }\n`;
    return compileText(`services:\n${Array.from({ length: services }, (_, i) => service(`api${i}`)).join('')}`, dir, { templates: ['.'] });
  }
  const numbers = (length: number) => Array.from({ length }, (_, i) => i);

  it('nested {{#each}} over a large list with empty bodies is stopped by the block budget, not left to run for minutes', () => {
    // 1000 × 1000 × 1000 iterations rendering nothing: the 4 MB limit on rendered text never triggers.
    const result = compileWith('X: "{{#each args.list}}{{#each ../args.list}}{{#each ../../args.list}}{{/each}}{{/each}}{{/each}}"', { list: numbers(1000) });
    assert.equal(result.yaml, undefined);
    assert.match(
      describeDiagnostics(errorsOf(result)),
      /^probe\.yml:12:\d+: error: service "api0", template "probe", section "components": render failed: more than 1,000,000 block steps \(\{\{#each\}\} iterations, \{\{#if\}\} and \{\{#with\}\} blocks\) for one pod: nested loops over a large list, or a partial that calls itself\?$/,
    );
  });

  it('the budget is per pod and section: two pods that each take 500,000 block steps both compile', () => {
    const result = compileWith('X: "{{#each args.list}}{{#each ../args.list}}{{/each}}{{/each}}done"', { list: numbers(707) }, 2);
    assert.deepEqual(errorsOf(result), []);
    assert.equal(result.yaml!.match(/X: done/g)?.length, 2);
  });

  it('a helper nested in itself is stopped by the helpers\' text budget, not left to take a gigabyte (28 × quote: 4 s, 1.3 GB)', () => {
    let call = '"x"';
    for (let i = 0; i < 28; i++) call = `(quote ${call})`;
    const message = /^probe\.yml:7:\d+: error: service "api", template "probe", section "components": render failed: helper "quote" took the helpers' text for one pod past 16,777,216 characters: a helper nested in itself, or called in a large loop\?$/;
    // Plain (rendered without Handlebars) and, with a block Handlebars runs, through Handlebars.
    assert.match(errorOf(probe(`X: {{quote ${call}}}`)), message);
    assert.match(errorOf(probe(`X: {{#with service}}{{quote ${call}}}{{/with}}`)), message);
  });

  it('a partial that calls itself without end is an error saying so, not "Maximum call stack size exceeded"', () => {
    assert.match(errorOf(probe(`X: "{{#*inline 'p'}}{{> p}}{{/inline}}{{> p}}"`)), /^probe\.yml:4:\d+: error: .*render failed: it calls itself without end \(a partial that renders itself\?\)$/);
  });

  it('a loop that renders more text than a string can hold is an error saying so, not "Invalid string length"', () => {
    // 800 × 800 steps, within the block budget, of 1000 characters each: 640 million, past V8's limit of 2^29 - 24.
    const result = compileWith(`X: "{{#each args.list}}{{#each ../args.list}}${'x'.repeat(1000)}{{/each}}{{/each}}"`, { list: numbers(800) });
    assert.match(describeDiagnostics(errorsOf(result)), /^probe\.yml:\d+:\d+: error: .*render failed: its text grew past what a string can hold: a loop over a large list\?$/);
  });

  it('a partial that calls itself twice a level is stopped by the same budget', () => {
    // 2^40 bodies of {{#with}} and no {{#each}}: a budget on `each` alone would not stop it.
    let deep = {};
    for (let i = 0; i < 40; i++) deep = { x: deep };
    const result = compileWith('X: "{{#*inline \'p\'}}{{#with x}}{{> p}}{{> p}}{{/with}}{{/inline}}{{#with args.deep}}{{> p}}{{/with}}"', { deep });
    assert.equal(result.yaml, undefined);
    assert.match(describeDiagnostics(errorsOf(result)), /^probe\.yml:12:\d+: error: .*render failed: more than 1,000,000 block steps/);
  });
});

describe('template mistakes: the template file', () => {
  it('an args pattern too large for V8 is an error at the pattern, not an exception when the first pod is checked', () => {
    const template = probe('X: "1"').replace('components:', `args:\n  type: object\n  properties:\n    a: { type: string, pattern: '${'7'.repeat(200_000)}x' }\ncomponents:`);
    assert.match(errorOf(template), /^probe\.yml:6:\d+: error: invalid args schema: properties\.a\.pattern: pattern cannot be used: Regular expression too large$/);
  });

  it('a file that is not a mapping is an error at its start, naming the file', () => {
    for (const text of ['', '# only a comment\n', 'just text\n', '- a list\n']) {
      const result = compileProbe(text);
      const errors = errorsOf(result);
      assert.ok(errors.length > 0 && errors.every((e) => e.position?.file === 'probe.yml' && e.position.line >= 1), `${JSON.stringify(text)}: ${describeDiagnostics(result.diagnostics)}`);
    }
  });
});
