/**
 * Issue 21: the tarball `npm pack` makes installs into an empty folder with
 * `npm install ./podlike-gen-*.tgz` and runs, with no dev dependency and no build at install.
 * The dependencies come from the registry or npm's cache (after `npm ci`, the cache has them);
 * where neither answers, the test says so and skips.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BIN, ROOT } from '../helpers/paths.js';
import { workspace } from '../helpers/workspace.js';
import { assertCompilesEveryExample } from './example-runs.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** npm's scripts that run when a package is installed (prepare too, for a tarball or a folder). */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];

describe('npm pack, then npm install of the tarball into an empty folder', () => {
  let work = '';
  let install: ReturnType<typeof spawnSync> | undefined;
  let tarball = '';

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'podlike-gen-pack-'));
    // dist/ is built already (npm test builds first); pack it as `npm pack` does after its prepack build.
    const [packed] = JSON.parse(execFileSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' })) as { filename: string }[];
    tarball = join(work, packed.filename);
    install = spawnSync(NPM, ['install', '--prefix', work, '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: work, encoding: 'utf8', timeout: 180_000 });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('declares no script that runs at install', () => {
    const manifest = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' })) as { scripts?: Record<string, string> };
    assert.deepEqual(INSTALL_SCRIPTS.filter((name) => manifest.scripts?.[name] !== undefined), []);
  });

  it('installs without dev dependencies and without a build', (t) => {
    if (install?.status !== 0 && /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ENOTCACHED/.test(String(install?.stderr))) {
      return t.skip('neither the npm registry nor npm\'s cache has the dependencies');
    }
    assert.equal(install?.status, 0, String(install?.stderr));
    assert.doesNotMatch(String(install?.stderr), /install-scripts|prepare/);
    const installed = readdirSync(join(work, 'node_modules'));
    for (const dev of ['typescript', 'esbuild', 'fast-check', 'postject']) assert.ok(!installed.includes(dev), `${dev} installed`);
    assert.ok(!existsSync(join(work, 'node_modules', 'podlike-gen', 'src')), 'the TypeScript sources are not in the package');
  });

  it('runs npx podlike-gen on every example, byte for byte the committed output', (t) => {
    if (install?.status !== 0) return t.skip('not installed (above)');
    assertCompilesEveryExample(NPM, ['exec', '--prefix', work, '--no', '--', 'podlike-gen'], { ...process.env, NO_COLOR: '1', PODLIKE_TEMPLATES: '' });
  });

  it("runs npx podlike-gen on a stack in Podlike's own format, as the repository's CLI does", (t) => {
    if (install?.status !== 0) return t.skip('not installed (above)');
    const dir = workspace({ 'stack.yml': 'services:\n  api:\n    image: a\n    x-podlike:\n      templates:\n        inline: "side: {image: \'sidecar:{{ .Args.version }}\'}"\n      args: {version: 2}\n' });
    const env = { ...process.env, NO_COLOR: '1', PODLIKE_TEMPLATES: '' };
    const installed = spawnSync(NPM, ['exec', '--prefix', work, '--no', '--', 'podlike-gen', 'stack.yml'], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(installed.status, 0, installed.stderr);
    assert.match(installed.stdout, /pod\.component\.side: \|\n\s+image: sidecar:2\n/);
    assert.equal(installed.stdout, spawnSync(process.execPath, [BIN, 'stack.yml'], { cwd: dir, env, encoding: 'utf8' }).stdout);
  });
});
