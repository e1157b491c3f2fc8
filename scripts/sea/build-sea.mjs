// npm run sea: podlike-gen as one executable file, for pipelines without Node (Node's single
// executable applications, the blob injected with postject). The files it carries are exactly
// those `npm pack` puts in the package (npm's own list, so the two cannot drift), minus the
// docs; scripts/sea/launcher.cjs unpacks them on the first run. Run after `npm run build`.
//
//   node scripts/sea/build-sea.mjs [OUTPUT]     default: dist/sea/podlike-gen
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUTPUT = resolve(process.argv[2] ?? join(ROOT, 'dist', 'sea', 'podlike-gen'));
/** The fuse Node's binary carries; postject flips it to say a blob is present. */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** The package's files as `npm pack` lists them, without running the build again. */
function packedFiles() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const [pack] = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }));
  return pack.files.map((f) => f.path).filter((path) => !path.startsWith('docs/') && !/^README/i.test(path)).sort();
}

const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const work = mkdtempSync(join(tmpdir(), 'podlike-gen-sea-'));
try {
  const assets = {};
  const files = packedFiles().map((path) => {
    const absolute = join(ROOT, path);
    assets[path] = absolute;
    const sha256 = createHash('sha256').update(readFileSync(absolute)).digest('hex');
    return { path, sha256, mode: statSync(absolute).mode & 0o755 };
  });
  const digest = createHash('sha256').update(JSON.stringify(files)).digest('hex');
  const manifest = join(work, 'manifest.json');
  writeFileSync(manifest, JSON.stringify({ version, digest, files }));
  assets['manifest.json'] = manifest;

  const blob = join(work, 'sea-prep.blob');
  const config = join(work, 'sea-config.json');
  writeFileSync(config, JSON.stringify({ main: join(ROOT, 'scripts', 'sea', 'launcher.cjs'), output: blob, disableExperimentalSEAWarning: true, assets }));
  execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] });

  mkdirSync(dirname(OUTPUT), { recursive: true });
  rmSync(OUTPUT, { force: true });
  copyFileSync(process.execPath, OUTPUT);
  const { inject } = createRequire(import.meta.url)('postject');
  await inject(OUTPUT, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: SEA_FUSE });
  console.log(`${OUTPUT}: ${(statSync(OUTPUT).size / 2 ** 20).toFixed(1)} MiB, ${files.length} files inside`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
