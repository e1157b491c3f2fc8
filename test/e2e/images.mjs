// The images the examples run, made here because no registry can be reached: the Podlike
// controller built from its source in ../shared/podlike/, and stand-ins for the component
// images built from Debian packages (debootstrap, then `docker import`), each tagged with the
// exact name the templates and examples pin so the compiled stacks deploy unchanged. They are
// Debian's nginx, git and procps behaving as the templates need, not the official images.
// An image is rebuilt only when its recipe changes: each carries its recipe's hash as a label.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docker, inParallel, run, runLogged, withRetries } from './process.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const RECIPE_LABEL = 'podlike-gen.e2e.recipe';
const MIRROR = 'http://deb.debian.org/debian';
const PODLIKE_TARBALL = 'podlike-master-5e39469.tar.gz';

/** The controller: Podlike master, as its Dockerfile lays it out (FROM scratch, /podlike). */
const CONTROLLER = {
  tags: ['rycus86/podlike:latest'],
  changes: [
    'ENTRYPOINT ["/podlike"]',
    'HEALTHCHECK --interval=2s --timeout=3s --retries=5 CMD ["/podlike", "healthcheck"]',
  ],
};

/**
 * Component images from Debian bookworm (minbase plus `packages`); `setup` runs in the new root
 * file system (chroot) before it is imported; `files` are written into it first.
 */
const DEBIAN_IMAGES = [
  {
    // Laid out like the official image where the templates rely on it: nginx.conf includes
    // conf.d/*.conf, conf.d/default.conf is the default server on 80, logs go to stdout/stderr,
    // /var/cache/nginx exists; `sh` and `printf` (dash) write a generated configuration.
    tags: ['nginx:1.27.5-alpine'],
    packages: ['nginx-light'],
    files: { 'etc/nginx/nginx.conf': 'images/nginx.conf', 'etc/nginx/conf.d/default.conf': 'images/nginx-default.conf' },
    setup: [
      'rm -f /etc/nginx/sites-enabled/*',
      'mkdir -p /var/cache/nginx /usr/share/nginx/html',
      'echo "Welcome to nginx (Debian stand-in)" > /usr/share/nginx/html/index.html',
      'ln -sf /dev/stdout /var/log/nginx/access.log',
      'ln -sf /dev/stderr /var/log/nginx/error.log',
    ],
    changes: ['CMD ["nginx", "-g", "daemon off;"]'],
  },
  {
    // sh, find, stat, md5sum (coreutils, findutils) and pgrep/pkill (procps), as the signal
    // template and the logging example use them.
    tags: ['busybox:1.37.0', 'busybox:1.36.1'],
    packages: ['procps'],
    changes: ['CMD ["sh"]'],
  },
  {
    // git with sh and pkill (the config-reload template's components), entrypoint git.
    tags: ['alpine/git:v2.49.1'],
    packages: ['git', 'procps'],
    changes: ['ENTRYPOINT ["git"]', 'CMD ["--help"]'],
  },
  {
    // A fake of the sidecar example's app (the real one cannot be pulled): see the script.
    tags: ['rycus86/demo-site:latest'],
    packages: ['python3'],
    files: { 'app/demo-site-stand-in.py': 'images/demo-site-stand-in.py' },
    changes: ['CMD ["python3", "-u", "/app/demo-site-stand-in.py"]'],
  },
];

function recipeHash(recipe, extra = '') {
  const files = Object.values(recipe.files ?? {}).map((file) => readFileSync(join(HERE, file), 'utf8'));
  return createHash('sha256').update(JSON.stringify(recipe)).update(files.join('\0')).update(extra).digest('hex').slice(0, 16);
}

/** The recipe hash an image was built with: undefined when there is no such image, '' when the e2e did not build it. */
function builtWith(tag) {
  const result = run('docker', ['image', 'inspect', '--format', `{{index .Config.Labels "${RECIPE_LABEL}"}}`, tag],
    { allowFail: true });
  if (result.status !== 0) return undefined;
  const label = result.stdout.trim();
  return label === '<no value>' ? '' : label;
}

/** Imports a root file system (tar piped into `docker import`) as the first tag, then adds the others. */
async function importRootfs(rootfs, recipe, { hash, logFile, tags }) {
  const changes = [...recipe.changes, `LABEL ${RECIPE_LABEL}=${hash}`].flatMap((change) => ['--change', change]);
  await runLogged('bash', ['-o', 'pipefail', '-c', 'dir=$1; shift; tar -C "$dir" -c . | docker import "$@"',
    'import', rootfs, ...changes, '-', tags[0]], { timeoutMs: 300_000, logFile });
  for (const tag of tags.slice(1)) docker(['tag', tags[0], tag]);
}

async function buildController(cacheDir, sharedDir, target) {
  const work = mkdtempSync(join(cacheDir, 'podlike-src-'));
  try {
    run('tar', ['-xzf', join(sharedDir, 'podlike', PODLIKE_TARBALL), '-C', work], { timeoutMs: 120_000 });
    const rootfs = join(work, 'rootfs');
    mkdirSync(rootfs);
    await runLogged('go', ['build', '-o', join(rootfs, 'podlike'), './cmd/podlike'], {
      cwd: join(work, 'podlike-master'),
      timeoutMs: 600_000,
      env: { GOFLAGS: '-mod=vendor', GOPROXY: 'off', CGO_ENABLED: '0', GOCACHE: join(cacheDir, 'go-build') },
      logFile: target.logFile,
    });
    await importRootfs(rootfs, CONTROLLER, target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function buildDebianImage(recipe, cacheDir, target) {
  // One package cache per image: two debootstraps run at once, and must not write one file together.
  const debs = join(cacheDir, 'debs', recipe.tags[0].replace(/[^A-Za-z0-9.-]/g, '_'));
  mkdirSync(debs, { recursive: true });
  const rootfs = mkdtempSync(join(cacheDir, 'rootfs-'));
  try {
    await withRetries(`debootstrap for ${recipe.tags[0]}`, 3, () => {
      rmSync(rootfs, { recursive: true, force: true });
      return runLogged('debootstrap', ['--variant=minbase', `--cache-dir=${debs}`,
        `--include=${recipe.packages.join(',')}`, 'bookworm', rootfs, MIRROR], { timeoutMs: 600_000, logFile: target.logFile });
    });
    for (const [target, source] of Object.entries(recipe.files ?? {})) {
      mkdirSync(dirname(join(rootfs, target)), { recursive: true });
      writeFileSync(join(rootfs, target), readFileSync(join(HERE, source)));
    }
    if (recipe.setup) run('chroot', [rootfs, '/bin/sh', '-ec', recipe.setup.join('\n')]);
    rmSync(join(rootfs, 'var/lib/apt/lists'), { recursive: true, force: true });
    await importRootfs(rootfs, recipe, target);
  } finally {
    rmSync(rootfs, { recursive: true, force: true });
  }
}

/**
 * Builds one image (its output in a log file beside the cache) unless its recipe is unchanged.
 * A tag the engine already has that the e2e did not build (the real image, on a machine that
 * has it) is used as it is, never replaced by a stand-in.
 */
async function buildUnlessCached({ recipe, hash, build }, cacheDir) {
  const real = recipe.tags.filter((tag) => builtWith(tag) === '');
  for (const tag of real) console.log(`image ${tag}: already on this engine, not built by the e2e: used as it is`);
  const tags = recipe.tags.filter((tag) => !real.includes(tag));
  if (tags.length === 0) return;
  if (tags.every((tag) => builtWith(tag) === hash)) {
    console.log(`image ${tags.join(', ')}: cached (recipe ${hash})`);
    return;
  }
  const logFile = join(cacheDir, `build-${tags[0].replace(/[^A-Za-z0-9.-]/g, '_')}.log`);
  writeFileSync(logFile, '');
  const started = Date.now();
  console.log(`image ${tags.join(', ')}: building (recipe ${hash}, log ${logFile})`);
  await build({ hash, logFile, tags });
  console.log(`image ${tags.join(', ')}: built in ${Math.round((Date.now() - started) / 1000)}s`);
}

/** Builds every image whose recipe changed since it was last built, two at a time. */
export async function buildImages(cacheDir, sharedDir) {
  mkdirSync(cacheDir, { recursive: true });
  const tarballHash = createHash('sha256').update(readFileSync(join(sharedDir, 'podlike', PODLIKE_TARBALL))).digest('hex');
  const builds = [
    { recipe: CONTROLLER, hash: recipeHash(CONTROLLER, tarballHash),
      build: (target) => buildController(cacheDir, sharedDir, target) },
    ...DEBIAN_IMAGES.map((recipe) => ({ recipe, hash: recipeHash(recipe),
      build: (target) => buildDebianImage(recipe, cacheDir, target) })),
  ];
  await inParallel(builds.map((b) => () => buildUnlessCached(b, cacheDir)), 2);
}
