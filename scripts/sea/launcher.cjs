// The entry point of the single executable (npm run sea, scripts/sea/build-sea.mjs). Node's
// single executable applications run one script and give it assets, not files; podlike-gen
// reads its package from disk (templates, schemas, the Compose validators, V8 code caches).
// So the first run writes the package's files, carried as assets, into a folder of the user's
// cache named after their digest, and every run then starts the CLI from there as
// `node bin/podlike-gen.js` would.
'use strict';
const { createHash } = require('node:crypto');
const { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { homedir, tmpdir } = require('node:os');
const { dirname, join } = require('node:path');
const sea = require('node:sea');

const manifest = JSON.parse(sea.getAsset('manifest.json', 'utf8'));

/** A folder only this user can write: the XDG cache, else one of the user's own in the temporary folder. */
function cacheFolder() {
  const xdg = process.env.XDG_CACHE_HOME || (process.env.HOME ? join(homedir(), '.cache') : undefined);
  if (xdg) {
    const folder = join(xdg, 'podlike-gen');
    try {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      return folder;
    } catch {
      // a read-only home: the temporary folder below
    }
  }
  const folder = join(tmpdir(), `podlike-gen-${process.getuid ? process.getuid() : 'user'}`);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stat = lstatSync(folder);
  const ownedByUs = !process.getuid || stat.uid === process.getuid();
  if (!stat.isDirectory() || !ownedByUs || (stat.mode & 0o022) !== 0) {
    throw new Error(`${folder} is not a folder of this user's only: remove it, or set XDG_CACHE_HOME`);
  }
  return folder;
}

/** Writes every file of the package into a new folder, then renames it into place in one step. */
function extract(target) {
  const staging = mkdtempSync(`${target}.partial-`);
  try {
    for (const file of manifest.files) {
      const path = join(staging, file.path);
      mkdirSync(dirname(path), { recursive: true });
      const bytes = Buffer.from(sea.getRawAsset(file.path));
      if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) throw new Error(`asset ${file.path} is damaged`);
      writeFileSync(path, bytes, { mode: file.mode });
      chmodSync(path, file.mode);
    }
    renameSync(staging, target);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    // Another run of the same version won the rename: its folder is as good as ours.
    if (!existsSync(join(target, 'package.json'))) throw e;
  }
}

function packageRoot() {
  const target = join(cacheFolder(), `sea-${manifest.version}-${manifest.digest.slice(0, 16)}`);
  if (!existsSync(join(target, 'package.json'))) extract(target);
  return target;
}

let root;
try {
  root = packageRoot();
} catch (e) {
  process.stderr.write(`podlike-gen: error: cannot unpack the executable's files: ${e.message}\n`);
  process.exit(1);
}
createRequire(join(root, 'bin', 'podlike-gen.js'))('./podlike-gen.js');
