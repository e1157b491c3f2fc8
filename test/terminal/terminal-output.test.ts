/**
 * Reading at a terminal: descriptions wrapped to the width without cutting words, tables
 * whose continuation lines line up, and the progress line: when it shows, what it draws,
 * that it is erased, and that a spawned run whose stderr is a pipe never prints it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { ProgressLine, progressText, showsProgress } from '../../src/terminal/progress-line.js';
import { tableLines } from '../../src/terminal/table-layout.js';
import { terminalWidth, wrapWords } from '../../src/terminal/wrap-text.js';
import { BIN } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { workspace } from '../helpers/workspace.js';

describe('wrapWords', () => {
  it('wraps at word boundaries within the width, never inside a word', () => {
    assert.deepEqual(wrapWords('Tail the app log files with Fluent Bit and forward them', 20), ['Tail the app log', 'files with Fluent', 'Bit and forward them']);
    assert.deepEqual(wrapWords('a https://example.com/a/very/long/address b', 10), ['a', 'https://example.com/a/very/long/address', 'b']);
  });

  it('keeps the text as it is without a width, and its own line breaks with one', () => {
    assert.deepEqual(wrapWords('one  two', undefined), ['one  two']);
    assert.deepEqual(wrapWords('one\ntwo three', 40), ['one', 'two three']);
  });
});

describe('terminalWidth', () => {
  it('COLUMNS wins; else the terminal columns; no width in a pipe', () => {
    assert.equal(terminalWidth({ isTTY: true, columns: 100 }, { COLUMNS: '60' }), 60);
    assert.equal(terminalWidth({ isTTY: true, columns: 100 }, {}), 100);
    assert.equal(terminalWidth({ isTTY: false }, {}), undefined);
    assert.equal(terminalWidth({ isTTY: false }, { COLUMNS: 'wide' }), undefined);
  });
});

describe('tableLines', () => {
  const rows = [
    ['NAME', 'FILE', 'DESCRIPTION'],
    ['http', 'templates/http.yml', 'Serve an HTTP health check for an app that has none'],
    ['with-sd', 't/with-sd.yml', 'short'],
  ];

  it('pads the columns and starts continuation lines under the description', () => {
    assert.deepEqual(tableLines(rows, 50), [
      'NAME     FILE                DESCRIPTION',
      'http     templates/http.yml  Serve an HTTP health',
      '                             check for an app that',
      '                             has none',
      'with-sd  t/with-sd.yml       short',
    ]);
  });

  it('without a width, one line a row; a narrow terminal still leaves the description room', () => {
    assert.equal(tableLines(rows, undefined)[1], 'http     templates/http.yml  Serve an HTTP health check for an app that has none');
    const narrow = tableLines(rows, 10);
    assert.ok(narrow.slice(1, -1).every((line) => line.length <= 29 + 24), narrow.join('\n'));
  });

  it('templates wraps its table to COLUMNS', () => {
    const run = runCli(['templates'], { env: { COLUMNS: '70' } });
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    const column = lines[0].indexOf('DESCRIPTION');
    for (const line of lines) {
      // The description keeps at least 24 columns however wide the others are.
      assert.ok(line.length <= Math.max(70, column + 24) || !line.slice(column).includes(' '), `too wide: ${line}`);
      if (line.startsWith(' ')) assert.equal(line.search(/\S/), column, `continuation not aligned: ${line}`);
    }
    assert.ok(lines.some((line) => line.startsWith(' ')), 'nothing wrapped at 70 columns');
  });

  it('templates show wraps arg descriptions under their indent; in a pipe without COLUMNS nothing wraps', () => {
    const wrapped = runCli(['templates', 'show', 'with-logging'], { env: { COLUMNS: '40' } }).stdout.split('\n');
    const plain = runCli(['templates', 'show', 'with-logging'], { env: { COLUMNS: '' } }).stdout.split('\n');
    assert.ok(wrapped.length > plain.length, 'nothing wrapped at 40 columns');
    for (const line of wrapped.filter((l) => l.startsWith('      '))) assert.ok(line.length <= 40 || !line.trim().includes(' '), `too wide: ${line}`);
    const description = plain.find((line) => line.startsWith('      ') && line.length > 40);
    assert.ok(description, 'no long arg description to wrap');
    const words = description.trim().split(' ');
    const at = wrapped.findIndex((line) => line === `      ${words[0]}` || line.startsWith(`      ${words[0]} `));
    assert.ok(at >= 0 && wrapped[at + 1].startsWith('      '), `continuation not under the description:\n${wrapped.join('\n')}`);
  });
});

describe('progress line', () => {
  const conditions = { isTTY: true, quiet: false, machineOutput: false };

  it('shows only on a terminal, after a second, without --quiet or machine output', () => {
    assert.equal(showsProgress({ ...conditions, elapsedMs: 1000 }), true);
    assert.equal(showsProgress({ ...conditions, elapsedMs: 999 }), false);
    assert.equal(showsProgress({ ...conditions, isTTY: false, elapsedMs: 5000 }), false);
    assert.equal(showsProgress({ ...conditions, quiet: true, elapsedMs: 5000 }), false);
    assert.equal(showsProgress({ ...conditions, machineOutput: true, elapsedMs: 5000 }), false);
  });

  it('draws in place, at most every 100 ms, and is erased at the end', () => {
    let now = 0;
    let written = '';
    const stream = { write: (text: string) => ((written += text), true) } as unknown as NodeJS.WritableStream;
    const line = new ProgressLine(() => ({ stream, conditions }), () => now);
    now = 500;
    line.update(10);
    assert.equal(written, '');
    now = 1200;
    line.update(40);
    now = 1250;
    line.update(41);
    now = 1400;
    line.update(60);
    line.clear();
    assert.equal(written, `\r${progressText(40, 1200)}\x1b[K\r${progressText(60, 1400)}\x1b[K\r\x1b[K`);
    assert.equal(progressText(60, 1400), 'podlike-gen: compiling… 60 pods expanded (1.4 s)');
  });

  it('a line never drawn is not erased', () => {
    let written = '';
    const stream = { write: (text: string) => ((written += text), true) } as unknown as NodeJS.WritableStream;
    const line = new ProgressLine(() => ({ stream, conditions: { ...conditions, isTTY: false } }), () => 5000);
    line.update(1);
    line.clear();
    assert.equal(written, '');
  });

  const services = Array.from({ length: 1500 }, (_, i) => `  app-${i}:\n    image: acme/app:${i}\n    labels:\n      podlike.templates: http, with-logging\n      podlike.with-logging.server: logs.example.com:24224\n`);
  const dir = workspace({ 'stack.yml': `version: "3.8"\nservices:\n${services.join('')}` });

  it('a spawned compile of a large stack prints nothing on a stderr that is a pipe', () => {
    const run = runCli(['-o', 'out.yml', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
  });

  it('on a pseudo-terminal (util-linux script), a compile over a second shows the line and erases it at the end', (t) => {
    if (spawnSync('which', ['script']).status !== 0) return t.skip('script (util-linux) not installed: no pseudo-terminal');
    const started = Date.now();
    const run = spawnSync('script', ['-qec', `${process.execPath} ${BIN} -o out.yml stack.yml`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', PODLIKE_TEMPLATES: '' } });
    const elapsed = Date.now() - started;
    assert.equal(run.status, 0, run.stdout);
    const shown = run.stdout.includes('podlike-gen: compiling… ');
    // How long 1500 pods take depends on the machine: past 3 s the compile surely ran over a second.
    if (elapsed > 3000) assert.ok(shown, `no progress line in ${elapsed} ms: ${JSON.stringify(run.stdout.slice(0, 200))}`);
    if (shown) assert.match(run.stdout, /^(\rpodlike-gen: compiling… \d+ pods expanded \(\d+\.\d s\)\x1b\[K)+\r\x1b\[K$/);
    else assert.equal(run.stdout, '');
  });
});
