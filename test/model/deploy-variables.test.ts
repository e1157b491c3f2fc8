import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bracedDefaults, deployVariableHint, deployVariableIn, deployVariables } from '../../src/model/deploy-variables.js';

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

describe('bracedDefaults (docker reads an unbraced default up to the next } or the end of the string)', () => {
  it('braces $VAR-default, $VAR:-default, $VAR?err and $VAR:?err, ending the default where docker does', () => {
    assert.equal(bracedDefaults('img:$TAG-latest'), 'img:${TAG-latest}');
    assert.equal(bracedDefaults('a $X:-d b'), 'a ${X:-d b}');
    assert.equal(bracedDefaults('$X?missing'), '${X?missing}');
    assert.equal(bracedDefaults('$X:?missing}rest'), '${X:?missing}}rest');
  });

  it('leaves braced variables, plain $VAR, $$ and a variable without a name as they are', () => {
    for (const text of ['${X-d}', '$X', '$X.b', '$$X-d', 'a$', '$-x', '100$', '${X:-a}$$Y-b']) assert.equal(bracedDefaults(text), text);
    assert.equal(bracedDefaults('$$$X-d'), '$$${X-d}');
  });

  it('lists every variable of a text, in order', () => {
    assert.deepEqual([...deployVariables('$A ${B:-x} $$C $D')], ['$A', '${B:-x}', '$D']);
  });
});

describe('bracedDefaults in a text of several lines', () => {
  it('closes a default that runs to the end before the trailing newlines, which a block scalar keeps outside the brace', () => {
    assert.equal(bracedDefaults('a=$X-b\nc=d\n'), 'a=${X-b\nc=d}\n');
  });
});
