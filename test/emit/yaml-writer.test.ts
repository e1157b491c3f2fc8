import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Document, parse } from 'yaml';
import { labelText } from '../../src/emit/label-text.js';
import { indentLines, setEntry } from '../../src/model/compose-lists.js';
import { entryText, readableEntryText, readableYamlText, yamlText, type WriteStyle } from '../../src/emit/yaml-writer.js';
import { EXACT_STRINGS, exactText, keyForInterpolation, markPodLabels, quoteAmbiguousStrings } from '../../src/emit/yaml-style.js';
import { escapeGoYamlUnsafe } from '../../src/emit/go-yaml-readings.js';
import { bracedDefaults } from '../../src/model/deploy-variables.js';
import { propertyParams, propertyRuns } from '../helpers/property-params.js';

const RUNS = propertyRuns(300);
const params = (numRuns = RUNS) => propertyParams(numRuns);

// The oracles: the two writers as they were before yaml-writer.ts, through the yaml package, with
// the quoting and escaping Go YAML readers need (quoteAmbiguousStrings, escapeGoYamlUnsafe).

/** labelText's former rendering: a label's text, which docker interpolates. */
function oldLabelRendering(value: unknown, exact: boolean): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  if (doc.contents) quoteAmbiguousStrings(doc.contents, true);
  return escapeGoYamlUnsafe(doc.toString({ lineWidth: 0, ...(exact ? EXACT_STRINGS : {}) }));
}

/** splice-text's former `render`, before indenting: a `key: value` document, pods with `|` labels. */
function oldRenderRendering(entry: Record<string, unknown>, pod: boolean, exact: boolean): string {
  const doc = new Document(entry, { aliasDuplicateObjects: false });
  if (doc.contents) {
    quoteAmbiguousStrings(doc.contents);
    if (pod && !exact) markPodLabels(doc.contents);
  }
  return escapeGoYamlUnsafe(doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false, ...(exact ? EXACT_STRINGS : {}) }));
}

const PLAIN: WriteStyle = { exact: false, podLabels: false };
const POD: WriteStyle = { exact: false, podLabels: true };
const EXACT: WriteStyle = { exact: true, podLabels: false };

/** The direct writer against the former renderings, in all three styles. */
function assertSameAsBefore(value: Record<string, unknown> | unknown[]): void {
  for (const exact of [false, true]) {
    assert.equal(yamlText(value, { exact, podLabels: false, interpolated: true }), oldLabelRendering(value, exact), `label, exact=${exact}: ${show(value)}`);
  }
  if (!Array.isArray(value)) {
    for (const [pod, exact] of [[false, false], [true, false], [false, true]]) {
      assert.equal(yamlText(value, { exact, podLabels: pod && !exact }), oldRenderRendering(value, pod, exact), `render, pod=${pod} exact=${exact}: ${show(value)}`);
    }
  }
}

function show(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'string' ? v.replace(/[^\x20-\x7e]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`) : v));
}

describe('yamlText', () => {
  it('writes block maps and sequences, sequences indented under their key', () => {
    const value = { image: 'x', command: ['a', 'b'], deploy: { replicas: 2, labels: { team: 'a' } }, list: [[1, 2], { k: 'v', n: null }, true] };
    const text = 'image: x\ncommand:\n  - a\n  - b\ndeploy:\n  replicas: 2\n  labels:\n    team: a\nlist:\n  - - 1\n    - 2\n  - k: v\n    "n": null\n  - true\n';
    assert.equal(yamlText(value, PLAIN), text);
    assertSameAsBefore(value);
  });

  it('writes empty collections as {} and []', () => {
    assert.equal(yamlText({ a: {}, b: [], c: [{}, []] }, PLAIN), 'a: {}\nb: []\nc:\n  - {}\n  - []\n');
    assert.equal(yamlText({}, PLAIN), '{}\n');
    assert.equal(yamlText([], PLAIN), '[]\n');
  });

  it('quotes strings YAML reads as something else, and YAML 1.1 words and base-60 numbers', () => {
    const value = { a: '5000', b: 'true', c: 'no', d: '8080:80', e: '1e3', f: '0x1F', g: '007', h: '', i: 'null', j: '~', k: '1.5' };
    assert.equal(yamlText(value, PLAIN), 'a: "5000"\nb: "true"\nc: "no"\nd: "8080:80"\ne: "1e3"\nf: "0x1F"\ng: "007"\nh: ""\ni: "null"\nj: "~"\nk: "1.5"\n');
    assertSameAsBefore(value);
  });

  it('quotes text that cannot be plain as the yaml package does: single quotes around ", double otherwise', () => {
    const value = { a: '{"x": 1}', b: "it's: here", c: `both ' and ": x`, d: '- x', e: 'a #b', f: 'end:', g: '{{.Task.ID}}', h: '-' };
    assert.equal(yamlText(value, PLAIN), `a: '{"x": 1}'\nb: "it's: here"\nc: "both ' and \\": x"\nd: "- x"\ne: "a #b"\nf: "end:"\ng: "{{.Task.ID}}"\nh: "-"\n`);
    assertSameAsBefore(value);
  });

  it('writes pod labels as | block literals with their chomping and indentation indicators', () => {
    const value = { labels: { 'pod.a': 'x: 1\n', 'pod.b': 'x', 'pod.c': 'x\n\n', 'pod.d': '  x\n', 'pod.e': '\n\nx\ny', 'pod.f': 'no', 'pod.g': '\n x\n', other: 'x\n' } };
    assert.equal(
      yamlText(value, POD),
      'labels:\n  pod.a: |\n    x: 1\n  pod.b: |-\n    x\n  pod.c: |+\n    x\n\n  pod.d: |2\n      x\n  pod.e: |-\n    \n\n    x\n    y\n  pod.f: |-\n    no\n  pod.g: |2\n    \n     x\n  other: |\n    x\n',
    );
    assertSameAsBefore(value);
  });

  it('places strings the yaml package writes over several lines at their depth', () => {
    const long = `${'a long line that the yaml package folds '.repeat(2)}\nand "more"\r`;
    const value = { a: { b: [long, { c: long, 'pod.d': `${long}\n \n` }] }, 'key\nwith newline': long };
    assertSameAsBefore(value);
  });

  it('quotes a top-level key that starts like a document marker, and only there', () => {
    const value = { '---a': { '---a': 1, '%x': 2 } };
    assert.equal(yamlText(value, PLAIN), '"---a":\n  ---a: 1\n  "%x": 2\n');
    assertSameAsBefore(value);
  });

  it('writes every string as JSON in exact mode', () => {
    const value = { 'a b': ['x', 'no', 'line\n', ' lead'], 'x"y': { 'pod.l': 'y\n' } };
    assert.equal(yamlText(value, EXACT), `a b:\n  - "x"\n  - "no"\n  - "line\\n"\n  - " lead"\nx"y:\n  pod.l: "y\\n"\n`);
    assertSameAsBefore(value);
  });

  it('leaves what it does not write directly to the yaml package, with the same result', () => {
    const cases: Array<Record<string, unknown> | unknown[]> = [
      { ['k'.repeat(1100)]: 1, b: 2 },
      { ['"'.repeat(600)]: 1 },
      { a: undefined, b: 1 },
      [1, undefined, 2],
      { n: [Number.NaN, Infinity, -Infinity, -0, 1e21, 5e-7, -3.25] },
      { d: new Date(0) },
    ];
    for (const value of cases) assertSameAsBefore(value);
  });

  it('writes shared values twice, never as anchors', () => {
    const shared = { a: ['x'] };
    assert.equal(yamlText({ p: shared, q: shared }, PLAIN), 'p:\n  a:\n    - x\nq:\n  a:\n    - x\n');
  });
});

/** Bits of text YAML readers (1.2 and 1.1) and the yaml package's writer treat specially. */
const PIECES = [
  '\n', '\n\n', '\r', '\r\n', '\t', ' ', '  ', ': ', ':', ' #', '#', '"', "'", '\\', '-', '- ', '? ', '?', '---', '...', '%', '@', '`', '|', '>', '!', '&a', '*a',
  '{', '}', '[', ']', ',', '~', '=', '$', '${X}', '{{.Task.ID}}', 'no', 'No', 'on', 'OFF', 'y', 'yes', 'true', 'False', 'null', 'NULL', '25:25', '1:2:3', '10000:80',
  '1e3', '0x1F', '0o17', '007', '1_000', '1.5', '.5', '-1', '+1', '.inf', '-.inf', '.nan', 'pod.', 'x', 'abc', 'a b', 'A-Z_/.', '\u2028', '\u2029', '\u0085',
  '\u00a0', '\ufeff', '\u200b', '\u0000', '\u0007', '\u001b', '\u007f', '\ud800', 'é', '日本', '🙂', 'x'.repeat(45),
];

/** Starts and ends that decide a block literal's indicators: spaces and newlines in any order. */
const EDGES = ['', '', ' ', '  ', '\n', '\n\n', '\n ', ' \n', '\t', '\n  \n'];

/** Text glued from special pieces, ordinary words and arbitrary characters between edges; sometimes one whole piece or nothing. */
const nastyString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...EDGES),
        fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PIECES) }, { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'abcXYZ019_-./'), maxLength: 6 }) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) }), { maxLength: 8 }),
        fc.constantFrom(...EDGES),
      )
      .map(([lead, parts, trail]) => `${lead}${parts.join('')}${trail}`),
  },
  { weight: 2, arbitrary: fc.constantFrom(...PIECES, '') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_.-]{0,11}$/) },
);

/** Keys: the same strings, often under `pod.` (the labels written as block literals). */
const nastyKey: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: nastyString }, { weight: 2, arbitrary: nastyString.map((s) => `pod.${s}`) });

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

const { json } = fc.letrec<{ json: unknown; map: Record<string, unknown>; list: unknown[] }>((tie) => ({
  json: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('list')),
  map: fc.dictionary(nastyKey, tie('json'), { maxKeys: 5 }),
  list: fc.array(tie('json'), { maxLength: 4 }),
}));

const topLevel = fc.oneof({ weight: 3, arbitrary: fc.dictionary(nastyKey, json, { maxKeys: 6 }) }, { weight: 1, arbitrary: fc.array(json, { maxLength: 4 }) });

/** A pod service as splice-text renders it: `name: { labels: { pod.*: text } }` and more. */
const podEntry = fc
  .tuple(nastyString, fc.dictionary(nastyKey, nastyString, { maxKeys: 4 }), fc.dictionary(nastyKey, json, { maxKeys: 3 }))
  .map(([name, labels, rest]) => ({ [name]: { ...rest, labels } }));

/**
 * Whether the text reads back as the value. One known exception, the same before and after:
 * a first key starting with U+FEFF, which a reader takes for a byte order mark at the start
 * of the document (in the output the pod's text is indented, so it is not at the start).
 */
function readsBack(text: string, value: unknown): void {
  if (text.startsWith('\ufeff')) return;
  assert.equal(JSON.stringify(parse(text)), JSON.stringify(value), `reads back differently:\n${text}`);
}

/** A label's value as its text holds it: keys' `$` escaped, unbraced defaults braced (docker reads both as written). */
function keysEscapedForInterpolation(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keysEscapedForInterpolation);
  if (typeof value === 'string') return bracedDefaults(value);
  if (value === null || typeof value !== 'object') return value;
  const escaped: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) setEntry(escaped, keyForInterpolation(key), keysEscapedForInterpolation(child));
  return escaped;
}

describe('yamlText, for arbitrary values', () => {
  it('writes exactly what the yaml package wrote, in every style', () => {
    fc.assert(fc.property(topLevel, (value) => assertSameAsBefore(value as Record<string, unknown> | unknown[])), params());
  });

  it('writes pod services exactly as before, pod labels included', () => {
    fc.assert(fc.property(podEntry, (entry) => assertSameAsBefore(entry)), params());
  });

  it('gives labelText text that reads back as the same value, as before', () => {
    fc.assert(
      fc.property(topLevel, (value) => {
        const text = labelText(value);
        assert.equal(text, exactText(value, (exact) => oldLabelRendering(value, exact)));
        readsBack(text, keysEscapedForInterpolation(value));
      }),
      params(),
    );
  });

  it('writes a document at an indent as indentLines places the text written without it', () => {
    fc.assert(
      fc.property(fc.oneof(topLevel, podEntry), fc.constantFrom('  ', '    ', '      '), (value, pad) => {
        for (const style of [PLAIN, POD, EXACT, { exact: true, podLabels: true }]) {
          assert.equal(yamlText(value, style, pad), indentLines(yamlText(value, style), pad), `${JSON.stringify(style)}, pad ${pad.length}: ${show(value)}`);
        }
      }),
      params(),
    );
  });

  it('writes one entry as the map holding only it', () => {
    fc.assert(
      fc.property(nastyKey, fc.oneof(json, fc.constant(undefined)), fc.constantFrom('', '  ', '    '), (key, value, pad) => {
        for (const style of [PLAIN, POD, EXACT, { exact: true, podLabels: true }]) {
          assert.equal(entryText(key, value, style, pad), yamlText({ [key]: value }, style, pad), `${JSON.stringify(style)}, pad ${pad.length}: ${show({ [key]: value })}`);
        }
      }),
      params(),
    );
  });

  it('gives readable text only where it reads back as the value, and then as yamlText writes it', () => {
    let readable = 0;
    let notReadable = 0;
    fc.assert(
      fc.property(fc.oneof(topLevel, podEntry), fc.boolean(), fc.constantFrom('', '    '), (value, pod, pad) => {
        const text = readableYamlText(value, pod, pad);
        const [key, entryValue] = Array.isArray(value) ? [] : (Object.entries(value)[0] ?? []);
        if (key !== undefined) assert.equal(readableEntryText(key, entryValue, pod, pad), readableYamlText({ [key]: entryValue }, pod, pad));
        if (text === undefined) return void notReadable++;
        readable++;
        assert.equal(text, yamlText(value, { exact: false, podLabels: pod }, pad));
        readsBack(text, value);
      }),
      params(),
    );
    assert.ok(readable > 0 && notReadable > 0, `both kinds met: ${readable} readable, ${notReadable} not`);
  });

  it('gives pod text that reads back as the same value, as before', () => {
    fc.assert(
      fc.property(podEntry, (entry) => {
        const text = exactText(entry, (exact) => yamlText(entry, { exact, podLabels: !exact }));
        assert.equal(text, exactText(entry, (exact) => oldRenderRendering(entry, true, exact)));
        readsBack(text, entry);
      }),
      params(),
    );
  });
});

