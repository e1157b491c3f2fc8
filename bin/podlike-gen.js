#!/usr/bin/env node
// The CLI as one bundled CommonJS file (built by `npm run build`), run with V8's code cache
// made at build time (src/code-cache.ts): a run reads one file instead of hundreds and finds
// most of its functions already compiled. CommonJS, like the bundle (bin/package.json): an
// ES module entry would start Node's ES module loader for nothing.
'use strict';
const { join } = require('node:path');
const { loadWithCodeCache } = require('../dist/src/code-cache.cjs');

const { main } = loadWithCodeCache(join(__dirname, '..', 'dist', 'src', 'cli.bundle.cjs')).exports;
process.exitCode = main(process.argv.slice(2));
