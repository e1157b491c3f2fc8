/**
 * Property tests over two stack files, a base and an override, each value written in a random
 * YAML style (plain, quoted, block literal or folded, flow or block collections; a tag or an
 * anchor here and there). The output is
 * the base file's own text with what the override changed spliced in: it must read back as the
 * compiled stack, and compile to itself.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Document, isCollection, isScalar, parse, Scalar, visit } from 'yaml';
import { escapeGoYamlUnsafe, GO_YAML_UNSAFE } from '../../src/emit/go-yaml-readings.js';
import { compile } from '../../src/compile.js';
import { EXAMPLES } from '../helpers/paths.js';
import { argValue, describeDiagnostics, errorsOf, shown } from './support.js';
import { propertyParams, propertyRuns } from '../helpers/property-params.js';

const RUNS = propertyRuns(400);
const params = propertyParams;

const key = fc.constantFrom('a', 'b', 'c', 'name', 'x-y');
const scalar = fc.oneof({ weight: 4, arbitrary: argValue }, { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)) });
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('tree'), { maxLength: 3 }),
    fc.dictionary(key, tie('tree'), { maxKeys: 3 }),
  ),
}));

const SCALAR_STYLES = [Scalar.PLAIN, Scalar.QUOTE_DOUBLE, Scalar.QUOTE_SINGLE, Scalar.BLOCK_LITERAL, Scalar.BLOCK_FOLDED] as const;

/**
 * YAML text of `value` with each scalar and collection in a style picked by `picks` (the yaml
 * package falls back where one cannot hold the value), some strings tagged `!!str`, some nodes anchored.
 */
function styledText(value: unknown, picks: readonly number[]): string {
  const doc = new Document(value);
  let i = 0;
  const next = () => picks[i++ % picks.length];
  visit(doc, {
    Node(_, node) {
      if (isScalar(node)) {
        // A character Go YAML breaks lines at is written escaped, in double quotes (podlike-gen refuses it raw).
        node.type = typeof node.value === 'string' && GO_YAML_UNSAFE.test(node.value) ? Scalar.QUOTE_DOUBLE : SCALAR_STYLES[next() % SCALAR_STYLES.length];
        if (typeof node.value === 'string' && next() % 5 === 0) node.tag = 'tag:yaml.org,2002:str';
      } else if (isCollection(node) && node !== doc.contents) node.flow = next() % 3 === 0;
      if (node !== doc.contents && next() % 6 === 0) node.anchor = `n${i}`;
    },
  });
  return escapeGoYamlUnsafe(doc.toString({ lineWidth: 0 }));
}

const stackFile = (service: unknown, top: unknown) => ({ version: '3.8', services: { app: { image: 'alpine:3.20', 'x-data': service } }, 'x-data': top });
const picks = fc.array(fc.nat(14), { minLength: 1, maxLength: 20 });
const pair = fc.record({ base: fc.tuple(tree, tree), over: fc.tuple(tree, tree), basePicks: picks, overPicks: picks });

describe('an override file spliced into the base file\'s text', () => {
  it(`reads back as the compiled stack and compiles to itself, whatever styles either file uses (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(pair, ({ base, over, basePicks, overPicks }) => {
        const files = [
          { path: 'stack.yml', text: styledText(stackFile(...base), basePicks) },
          { path: 'stack.override.yml', text: styledText({ version: '3.8', services: { app: { 'x-data': over[0] } }, 'x-data': over[1] }, overPicks) },
        ];
        const context = `base:\n${files[0].text}\noverride:\n${files[1].text}`;
        const result = compile(files, { cwd: EXAMPLES, env: {} });
        assert.deepEqual(errorsOf(result), [], `${describeDiagnostics(result.diagnostics)}\n${context}`);
        let read: unknown;
        try {
          read = parse(result.yaml!);
        } catch (e) {
          assert.fail(`the output does not parse: ${(e as Error).message}\n${result.yaml}\n${context}`);
        }
        assert.deepEqual(read, result.stack, `output:\n${result.yaml}\n${context}\nstack: ${shown(result.stack)}`);
        const again = compile([{ path: 'out.yml', text: result.yaml! }], { cwd: EXAMPLES, env: {} });
        assert.equal(again.yaml, result.yaml, `compiling the output changed it:\n${result.yaml}\n${context}`);
      }),
      params(RUNS),
    );
  });
});
