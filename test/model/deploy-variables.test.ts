import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deployVariableHint, deployVariableIn } from '../../src/model/deploy-variables.js';

describe('deploy-time variables', () => {
  it('finds ${VAR}, ${VAR:-default} and $VAR, not $$ (a literal $)', () => {
    assert.equal(deployVariableIn('${PORT}'), '${PORT}');
    assert.equal(deployVariableIn('port ${PORT:-8080}'), '${PORT:-8080}');
    assert.equal(deployVariableIn('$HOST:80'), '$HOST');
    assert.equal(deployVariableIn('$$HOST'), undefined);
    assert.equal(deployVariableIn('$$$HOST'), '$HOST');
    assert.equal(deployVariableIn('cost: 5$'), undefined);
    assert.equal(deployVariableIn('8080'), undefined);
  });

  it('answers for a 200,000-character value of ${ with no } (a pattern took 14 s on it; fuzz seed 371029908), and shows a long variable cut short', { timeout: 30_000 }, () => {
    assert.equal(deployVariableIn('${'.repeat(100_000)), undefined);
    assert.match(deployVariableHint(`\${${'a'.repeat(100_000)}}`), /^ \(\$\{a{38}… is filled in/);
  });

  it('explains a value that holds one, and says nothing of any other', () => {
    assert.equal(deployVariableHint('${PORT}'), ' (${PORT} is filled in by docker stack deploy, after podlike-gen has used this value: write the value itself)');
    assert.equal(deployVariableHint('abc'), '');
    assert.equal(deployVariableHint(8080), '');
    assert.equal(deployVariableHint(undefined), '');
  });
});
