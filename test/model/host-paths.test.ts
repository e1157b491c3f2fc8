import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { absoluteFrom, bindSource, isFolderRelative, isFolderRelativeBind, isHomeRelative, rebase, withBindSource } from '../../src/model/host-paths.js';

describe('bindSource (docker\'s ParseVolume: a short source starting with ".", "/" or "~" is a host path)', () => {
  it('reads the host path of a short bind mount', () => {
    assert.equal(bindSource('./grafana/provisioning:/etc/grafana/provisioning'), './grafana/provisioning');
    assert.equal(bindSource('.:/app:ro'), '.');
    assert.equal(bindSource('..:/up'), '..');
    assert.equal(bindSource('.hidden:/h'), '.hidden');
    assert.equal(bindSource('~/cache:/cache'), '~/cache');
    assert.equal(bindSource('/srv:/srv'), '/srv');
  });

  it('leaves named volumes, anonymous volumes, Windows paths and variables alone', () => {
    for (const entry of ['data:/data', 'rel/path:/p', '/just-a-target', './anonymous', 'C:\\x:/x', '${DIR}/x:/x', '$PWD/x:/x']) {
      assert.equal(bindSource(entry), undefined, entry);
    }
  });

  it('reads a long entry by its type, not its spelling', () => {
    assert.equal(bindSource({ type: 'bind', source: 'data', target: '/d' }), 'data');
    assert.equal(bindSource({ type: 'volume', source: './vol', target: '/v' }), undefined);
    assert.equal(bindSource({ type: 'tmpfs', target: '/t' }), undefined);
  });
});

describe('which paths need the stack\'s folder', () => {
  it('a file path is relative unless absolute or a variable; "~" is not expanded there', () => {
    assert.equal(isFolderRelative('./c.conf'), true);
    assert.equal(isFolderRelative('c.conf'), true);
    assert.equal(isFolderRelative('~/c.conf'), true);
    assert.equal(isFolderRelative('/etc/c.conf'), false);
    assert.equal(isFolderRelative('${CONF_DIR}/c.conf'), false);
    assert.equal(isFolderRelative('C:/c.conf'), process.platform !== 'win32', 'absolute only to a Windows client (filepath.IsAbs)');
    assert.equal(isFolderRelativeBind('C:/data'), false, 'a bind source is checked for both systems (resolveVolumePaths)');
  });

  it('a bind source under "~" is the deployer\'s HOME, not the folder', () => {
    assert.equal(isHomeRelative('~/x'), true);
    assert.equal(isFolderRelativeBind('~/x'), false);
    assert.equal(isFolderRelativeBind('./x'), true);
    assert.equal(isFolderRelativeBind('x'), true);
  });
});

describe('absoluteFrom and rebase', () => {
  it('resolves as docker\'s filepath.Join does, cleaning the path', () => {
    assert.equal(absoluteFrom('/repo/deploy', './data/'), '/repo/deploy/data');
    assert.equal(absoluteFrom('/repo/deploy', '../shared'), '/repo/shared');
    assert.equal(absoluteFrom('/repo/deploy', '.'), '/repo/deploy');
  });

  it('writes "$" of the folder as "$$", which docker reads back as "$"; the author\'s own text is kept', () => {
    assert.equal(absoluteFrom('/home/a$b', './x-${TAG}'), '/home/a$$b/x-${TAG}');
    assert.equal(rebase('./x', '/w/a$b', '/w/out'), '../a$$b/x');
  });

  it('moves a path to another folder, keeping a leading "." so a short entry stays a bind mount', () => {
    assert.equal(rebase('./data', '/repo/deploy', '/repo/deploy/build'), '../data');
    assert.equal(rebase('./data', '/repo/deploy', '/repo'), './deploy/data');
    assert.equal(rebase('../shared', '/repo/deploy', '/repo'), './shared');
    assert.equal(rebase('data', '/repo', '/repo/a/b'), '../../data');
    assert.equal(rebase('.', '/repo/deploy', '/repo'), './deploy');
  });

  it('withBindSource keeps the rest of the entry as written', () => {
    assert.equal(withBindSource('./data:/data:ro', '/abs/data'), '/abs/data:/data:ro');
    assert.deepEqual(withBindSource({ type: 'bind', source: 'x', target: '/x', read_only: true }, '/abs/x'), { type: 'bind', source: '/abs/x', target: '/x', read_only: true });
  });
});
