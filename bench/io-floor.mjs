// The least any compiler in Node can do: read the input with js-yaml (the fastest YAML reader
// on npm, and the one the compiler's fast reader uses) and write the finished output text,
// compiling nothing. What a compile's time cannot go under on this machine.
import { readFileSync, writeFileSync } from 'node:fs';
import { load } from 'js-yaml';

const [input, output, written] = process.argv.slice(2);
load(readFileSync(input, 'utf8'));
writeFileSync(written, readFileSync(output, 'utf8'));
