#!/usr/bin/env node
// The CLI as one bundled module (built by `npm run build`): a run loads one file instead of
// hundreds, which is most of a small stack's compile time.
import { main } from '../dist/src/cli.bundle.js';

process.exitCode = main(process.argv.slice(2));
