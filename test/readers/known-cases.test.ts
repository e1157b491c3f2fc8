/**
 * Issue 17: each known case (known-cases.ts) compiles to output that docker and Podlike read as
 * its author meant, or fails naming the service.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compile } from '../../src/compile.js';
import { KNOWN_CASES, knownCaseOutcome } from './known-cases.js';
import { readersMissing } from './read-as-deployed.js';

describe('known cases: the output means to docker and to Podlike what the author wrote', () => {
  for (const c of KNOWN_CASES) {
    it(c.name, (t) => {
      const missing = readersMissing();
      if (missing) return t.skip(missing);
      const outcome = knownCaseOutcome(c, compile);
      if (outcome.errors !== undefined) {
        assert.match(outcome.errors, /\bsvc\b/, `the compile failed without naming the service:\n${outcome.errors}`);
        return;
      }
      if (c.limit) {
        assert.match(outcome.diagnostics ?? '', c.limit, 'a value that cannot pass must be named in a diagnostic');
        assert.notDeepEqual(outcome.problems, [], 'the limit is gone: make this an ordinary case');
        return;
      }
      assert.deepEqual(outcome.problems, [], `--- output\n${outcome.yaml}`);
    });
  }
});
