import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, it } from 'node:test';
import { absentFolders, BUILTIN_TEMPLATES, templateSearchPath } from '../../src/templates/search-path.js';

/** A working folder with `cli/`, `env/` and `stack/tpl/` template folders, and a file `notes.txt`. */
function workspace() {
  const cwd = mkdtempSync(join(tmpdir(), 'podlike-search-'));
  for (const dir of ['cli', 'env', 'stack/tpl']) mkdirSync(join(cwd, dir), { recursive: true });
  writeFileSync(join(cwd, 'notes.txt'), 'not a folder\n');
  return cwd;
}

describe('templateSearchPath', () => {
  it('is -t folders, then PODLIKE_TEMPLATES, then the stack\'s templates-path, then the built-in folder, each once', () => {
    const cwd = workspace();
    const path = templateSearchPath({ cliFolders: ['cli', 'env'], envPath: ['env', '', 'cli'].join(delimiter), stackFolders: ['tpl'], stackDir: join(cwd, 'stack'), cwd });
    assert.deepEqual(path, [join(cwd, 'cli'), join(cwd, 'env'), join(cwd, 'stack', 'tpl'), BUILTIN_TEMPLATES]);
  });
});

describe('absentFolders', () => {
  it('names each folder the user gave that does not exist or is a file, as written and where, and nothing else', () => {
    const cwd = workspace();
    const absent = absentFolders({
      cliFolders: ['cli', 'clli'],
      envPath: ['env', 'notes.txt'].join(delimiter),
      stackFolders: ['tpl', './pod-templates'],
      stackDir: join(cwd, 'stack'),
      cwd,
    });
    assert.deepEqual(
      absent.map(({ given, source, index, reason }) => ({ given, source, index, reason })),
      [
        { given: 'clli', source: 'cli', index: 1, reason: 'does not exist' },
        { given: 'notes.txt', source: 'env', index: 1, reason: 'is not a folder' },
        { given: './pod-templates', source: 'stack', index: 1, reason: 'does not exist' },
      ],
    );
  });

  it('is empty when no folder is given: the built-in folder is not the user\'s to get wrong', () => {
    assert.deepEqual(absentFolders({ stackDir: tmpdir(), cwd: tmpdir() }), []);
  });
});
