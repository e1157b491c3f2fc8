import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadWithCodeCache } from '../../src/code-cache.js';
import { EXAMPLES, ROOT } from '../helpers/paths.js';
import { workspace } from '../helpers/workspace.js';

/** A stack in Podlike's own template format: compiled by the Podlike-format chunk. */
const PODLIKE_FORMAT_STACK = `services:
  api:
    image: acme/api:1.4
    x-podlike:
      transformer:
        inline: |
          app:
            environment:
              PORT: "{{ .Args.port }}"
      templates:
        inline: |
          side:
            image: "sidecar:{{ .Args.version }}"
      args:
        port: 8080
        version: 2
`;

const MODULE = 'module.exports = (n) => [1, 2, 3].map((x) => x * n).join(",");\n';

/** The cache files the build made, beside the files they were made from. */
function builtCaches(root: string): string[] {
  const dirs = [join(root, 'dist', 'src'), join(root, 'dist', 'chunks'), join(root, 'dist', 'validators')];
  return dirs.filter((dir) => existsSync(dir)).flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.cjs.cache')).map((f) => join(dir, f)));
}

/** A cache file naming the right source but holding bytes V8 cannot take. */
function garbageCache(source: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from(`${createHash('sha256').update(source).digest('hex')}\n`), randomBytes(4096)]);
}

describe('code cache', () => {
  it('runs a file without a cache, then with the cache it wrote', () => {
    const dir = workspace({ 'm.cjs': MODULE });
    const first = loadWithCodeCache<(n: number) => string>(join(dir, 'm.cjs'));
    assert.equal(first.cacheAccepted, false);
    assert.equal(first.exports(2), '2,4,6');
    first.writeCache();
    assert.ok(existsSync(join(dir, 'm.cjs.cache')));
    const second = loadWithCodeCache<(n: number) => string>(join(dir, 'm.cjs'));
    assert.equal(second.cacheAccepted, true);
    assert.equal(second.exports(3), '3,6,9');
  });

  it('never offers V8 a cache made from another text, even of the same length', () => {
    const dir = workspace({ 'm.cjs': MODULE });
    loadWithCodeCache(join(dir, 'm.cjs')).writeCache();
    writeFileSync(join(dir, 'm.cjs'), MODULE.replace('x * n', 'x + n'));
    const loaded = loadWithCodeCache<(n: number) => string>(join(dir, 'm.cjs'));
    assert.equal(loaded.cacheAccepted, false);
    assert.equal(loaded.exports(1), '2,3,4');
  });

  it('runs a file whose cache V8 rejects', () => {
    const dir = workspace({ 'm.cjs': MODULE });
    writeFileSync(join(dir, 'm.cjs.cache'), garbageCache(MODULE));
    const loaded = loadWithCodeCache<(n: number) => string>(join(dir, 'm.cjs'));
    assert.equal(loaded.cacheAccepted, false);
    assert.equal(loaded.exports(1), '1,2,3');
  });

  it("the build's caches are ones this Node takes", () => {
    const caches = builtCaches(ROOT);
    assert.ok(caches.some((f) => f.endsWith('cli.bundle.cjs.cache')));
    assert.ok(caches.some((f) => f.endsWith('podlike-format.cjs.cache')));
    // A fresh process: the test runner's own flags are not what a run has. The Podlike-format
    // chunk requires the bundle's modules by their path under dist/src/: here the library's.
    const script = `import { readFileSync } from 'node:fs';
      import { createRequire } from 'node:module';
      import { loadWithCodeCache } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'src', 'code-cache.js')).href)};
      for (const cache of ${JSON.stringify(caches)}) {
        const file = cache.slice(0, -'.cache'.length);
        const bundleModules = new Map();
        for (const [, id] of readFileSync(file, 'utf8').matchAll(/require\\("(\\.\\/[^"]+)"\\)/g)) {
          bundleModules.set(id, await import(new URL(id, ${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'src', '/')).href)})));
        }
        const requireInFile = createRequire(file);
        const loaded = loadWithCodeCache(file, (id) => bundleModules.get(id) ?? requireInFile(id));
        if (!loaded.cacheAccepted) throw new Error('rejected: ' + cache);
      }`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });

  it('the CLI compiles the same bytes when every cache is rejected or missing', () => {
    // A copy of the installed package, so that the real caches stay as they are.
    const copy = workspace();
    for (const entry of ['bin', 'dist', 'templates', 'schemas', 'package.json']) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const compileWith = (root: string, cwd: string) => spawnSync(process.execPath, [join(root, 'bin', 'podlike-gen.js'), 'stack.yml'], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', PODLIKE_TEMPLATES: '' } });
    // An example with its committed output, and a Podlike-format stack (its own chunk) with the package's output.
    const podlikeFormat = workspace({ 'stack.yml': PODLIKE_FORMAT_STACK });
    const stacks = [
      { cwd: join(EXAMPLES, 'modernized'), expected: readFileSync(join(EXAMPLES, 'modernized', 'stack.out.yml'), 'utf8') },
      { cwd: podlikeFormat, expected: compileWith(ROOT, podlikeFormat).stdout },
    ];
    assert.match(stacks[1].expected, /pod\.component\.side: \|\n\s+image: sidecar:2\n/);
    const assertSameBytes = () => {
      for (const { cwd, expected } of stacks) {
        const run = compileWith(copy, cwd);
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stdout, expected);
      }
    };

    for (const cache of builtCaches(copy)) writeFileSync(cache, garbageCache(readFileSync(cache.slice(0, -'.cache'.length))));
    assertSameBytes();
    for (const cache of builtCaches(copy)) rmSync(cache);
    assertSameBytes();
  });
});
