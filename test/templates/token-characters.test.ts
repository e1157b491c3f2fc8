import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { runCli } from '../helpers/run-cli.js';
import { workspace } from '../helpers/workspace.js';

/**
 * Values are rendered as tokens of private-use characters (U+E000 index U+E001) and put in
 * after the section is parsed. A value or a template text holding those characters must land
 * as the text it is: `podlike.signal.process: "\ue0000\ue001"` compiled to `PROCESS: app`,
 * another value's text, before the token pair was chosen per render.
 */
const T0 = '\uE0000\uE001';

interface Component {
  environment?: Record<string, string>;
  labels?: Record<string, string>;
}

function compiled(files: Record<string, string>): Record<string, Component> {
  const run = runCli(['-t', 'tpl', 'stack.yml'], { cwd: workspace(files) });
  assert.equal(run.status, 0, run.stderr);
  const labels = (parse(run.stdout) as { services: Record<string, { labels: Record<string, string> }> }).services.app.labels;
  const components: Record<string, Component> = {};
  for (const [key, text] of Object.entries(labels)) if (key.startsWith('pod.component.')) components[key.slice('pod.component.'.length)] = parse(text) as Component;
  return components;
}

const stack = (labels: Record<string, string>) =>
  `services:\n  app:\n    image: nginx\n    labels:\n${Object.entries(labels)
    .map(([k, v]) => `      ${k}: ${JSON.stringify(v)}\n`)
    .join('')}`;

describe('values and template text holding the token characters', () => {
  it("the issue's case: a built-in template's arg that looks like a token lands as itself", () => {
    const components = compiled({ 'stack.yml': stack({ 'podlike.templates': 'signal', 'podlike.signal.process': T0 }) });
    assert.equal(components.signal.environment?.PROCESS, T0);
  });

  const template = (labels: string) =>
    `name: tk\ndescription: d\nargs:\n  type: object\n  properties:\n    a: {type: string, default: x}\n    b: {type: string, default: y}\ncomponents: |\n  side:\n    image: alpine\n    labels:\n${labels}`;
  const values = ['\uE000', '\uE001', T0, '\uE0001\uE001', `a${T0}b`, '\uE000\uE000\uE001\uE001', '\uE0009', '\u{F0000}\u{F0001}', '\uE002'];

  for (const a of values) {
    it(`value ${JSON.stringify(a)} through {{ }}, {{{ }}}, quote and toJson, beside template text with token characters`, () => {
      const labels = [
        `      plain: "{{args.a}}"`,
        `      raw: "{{{args.a}}}"`,
        `      quoted: {{quote args.a}}`,
        `      json: {{toJson args.a}}`,
        `      literal: "${T0} and \uE0001\uE001"`,
        `      mixed: "\uE000{{args.a}}\uE001{{args.b}}"`,
        `      "k\uE000{{args.b}}": key`,
      ].join('\n');
      const components = compiled({ 'stack.yml': stack({ 'podlike.templates': 'tk', 'podlike.tk.a': a, 'podlike.tk.b': T0 }), 'tpl/tk.yml': template(`${labels}\n`) });
      assert.deepEqual(components.side.labels, {
        plain: a,
        raw: a,
        quoted: a,
        json: a,
        literal: `${T0} and \uE0001\uE001`,
        mixed: `\uE000${a}\uE001${T0}`,
        [`k\uE000${T0}`]: 'key',
      });
    });
  }

  it('a section whose text holds every private-use character of the BMP takes tokens from plane 15', () => {
    let every = '';
    for (let c = 0xe000; c <= 0xf8ff; c++) every += String.fromCharCode(c);
    const components = compiled({
      'stack.yml': stack({ 'podlike.templates': 'tk', 'podlike.tk.a': T0 }),
      'tpl/tk.yml': template(`      every: "${every}"\n      value: "{{args.a}}"\n`),
    });
    assert.equal(components.side.labels?.every, every);
    assert.equal(components.side.labels?.value, T0);
  });
});
