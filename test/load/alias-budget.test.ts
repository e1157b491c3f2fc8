import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { CompileError } from '../../src/diagnostics.js';
import { findAliasProblem } from '../../src/load/alias-budget.js';
import { parseSource } from '../../src/load/source-file.js';

/**
 * The billion laughs, made deeper: `levels` levels of 9 aliases each, 9^levels strings once
 * expanded. At 30 levels no machine could expand it, so a refusal shows the budget measured
 * it without building it, whatever the machine's speed.
 */
function billionLaughs(levels = 30): string {
  const name = (i: number) => `l${i}`;
  let text = `${name(0)}: &${name(0)} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
  for (let i = 1; i < levels; i++) {
    text += `${name(i)}: &${name(i)} [${Array(9).fill(`*${name(i - 1)}`).join(', ')}]\n`;
  }
  return text;
}

function bigSharedStack(services: number): string {
  let text = 'version: "3.8"\nx-defaults: &defaults\n  image: acme/app:1\n  environment:\n    LOG: info\n  deploy:\n    replicas: 2\nservices:\n';
  for (let i = 0; i < services; i++) text += `  s${i}:\n    <<: *defaults\n    command: run ${i}\n`;
  return text;
}

describe('alias budget', () => {
  it('refuses a billion-laughs bomb without expanding it, with an error at an alias', () => {
    let caught: unknown;
    try {
      parseSource('bomb.yml', billionLaughs());
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof CompileError, 'a CompileError');
    const [d] = caught.diagnostics;
    assert.equal(d.severity, 'error');
    assert.match(d.message, /alias expansion is too large/);
    assert.equal(d.position?.file, 'bomb.yml');
    assert.ok(d.position!.line >= 2 && d.position!.line <= 30, `position on an alias line, got ${d.position!.line}`);
  });

  it('accepts 300 services sharing `<<: *defaults`', () => {
    const file = parseSource('big.yml', bigSharedStack(300));
    const services = (file.value as { services: Record<string, Record<string, unknown>> }).services;
    assert.equal(Object.keys(services).length, 300);
    assert.deepEqual(services.s299, { image: 'acme/app:1', environment: { LOG: 'info' }, deploy: { replicas: 2 }, command: 'run 299' });
  });

  it('findAliasProblem returns undefined for a document within budget', () => {
    const doc = parseDocument('a: &a [1, 2]\nb: [*a, *a]\n', { merge: true });
    assert.equal(findAliasProblem(doc), undefined);
  });

  it('findAliasProblem finds the bomb against a small budget', () => {
    const doc = parseDocument('a: &a [1, 2, 3]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n');
    assert.equal(findAliasProblem(doc, { nodes: 1000, chars: 1000 }), undefined);
    assert.ok(findAliasProblem(doc, { nodes: 20, chars: 1000 }) !== undefined);
  });
});
