import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemplateLibrary } from '../../src/templates/template-library.js';
import { diagnosticsOf } from '../helpers/diagnostics-of.js';

/** root/one and root/two template folders, and root/outside with a template a symlink points at. */
function fixture() {
  const root = mkdtempSync(join(tmpdir(), 'podlike-lib-'));
  for (const dir of ['one', 'two', 'outside']) mkdirSync(join(root, dir));
  const write = (path: string, text: string) => writeFileSync(join(root, path), text);
  write('one/http.yml', 'name: http\ndescription: from one\n');
  write('two/http.yml', 'name: http\ndescription: from two\n');
  write('two/with-logging.yml', 'name: with-logging\ndescription: logs\n');
  write('two/notes.txt', 'not a template\n');
  write('outside/evil.yml', 'name: evil\ndescription: outside the folders\n');
  symlinkSync(join(root, 'outside', 'evil.yml'), join(root, 'one', 'evil.yml'));
  const library = new TemplateLibrary([join(root, 'one'), join(root, 'two')], root);
  return { root, library };
}

const WHERE = { file: 'stack.yml', line: 7, col: 26 };

describe('TemplateLibrary', () => {
  it('takes a name from the first folder that has it', () => {
    const { library } = fixture();
    const http = library.get('http');
    assert.equal(http.description, 'from one');
    assert.equal(http.file, join('one', 'http.yml'));
  });

  it('finds names only in a later folder', () => {
    const { library } = fixture();
    assert.equal(library.get('with-logging').description, 'logs');
  });

  it('returns the same compiled template on a second lookup', () => {
    const { library } = fixture();
    assert.equal(library.get('http'), library.get('http'));
  });

  it('refuses ../x, /etc/x, a/b as not plain names, at the place that asked', () => {
    const { library } = fixture();
    for (const name of ['../x', '/etc/x', 'a/b', '..', '.hidden']) {
      const [d] = diagnosticsOf(() => library.get(name, WHERE, 'service "web": '));
      assert.equal(
        d.message,
        `service "web": template name "${name}" is not a plain name (letters, digits, - and _ only): templates are looked up by name inside the template folders`,
      );
      assert.deepEqual(d.position, WHERE);
    }
  });

  it('does not follow a symlink that leads out of its folder', () => {
    const { library } = fixture();
    assert.equal(library.locate('evil'), undefined);
    const [d] = diagnosticsOf(() => library.get('evil', WHERE));
    assert.match(d.message, /^unknown template "evil"/);
  });

  it('does not list, nor suggest, a template it refuses to follow', () => {
    const { library } = fixture();
    assert.ok(!library.names().includes('evil'), `names() lists "evil": ${library.names().join(', ')}`);
    const [d] = diagnosticsOf(() => library.get('evil', WHERE));
    assert.ok(!d.message.includes('did you mean "evil"'), d.message);
  });

  it('follows a symlink that stays inside its folder', () => {
    const { root, library } = fixture();
    writeFileSync(join(root, 'two', 'real.yml'), 'name: alias\ndescription: linked\n');
    symlinkSync(join(root, 'two', 'real.yml'), join(root, 'two', 'alias.yml'));
    assert.equal(library.get('alias').description, 'linked');
  });

  it('suggests the nearest name for a misspelt one', () => {
    const { library } = fixture();
    const [d] = diagnosticsOf(() => library.get('htpp', WHERE, 'service "web": '));
    assert.equal(d.message, 'service "web": unknown template "htpp" (did you mean "http"?)');
    assert.deepEqual(d.position, WHERE);
  });

  it('suggests nothing when no name is near', () => {
    const { library } = fixture();
    const [d] = diagnosticsOf(() => library.get('postgresql-backup'));
    assert.equal(d.message, 'unknown template "postgresql-backup"');
  });

  it('names() lists every template once, sorted, ignoring other files', () => {
    const { root } = fixture();
    const library = new TemplateLibrary([join(root, 'two'), join(root, 'one'), join(root, 'no-such-folder')], root);
    const names = library.names().filter((n) => n !== 'evil');
    assert.deepEqual(names, ['http', 'with-logging']);
  });

  it('shows a template file relative to cwd when inside it', () => {
    const { root, library } = fixture();
    assert.equal(library.shownAs(join(root, 'one', 'http.yml')), join('one', 'http.yml'));
    assert.equal(library.shownAs('/elsewhere/x.yml'), '/elsewhere/x.yml');
  });
});
