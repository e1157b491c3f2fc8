// The floor a compile is compared with: parse the same input and write the same output
// with the yaml package, and nothing else.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

const [input, output] = process.argv.slice(2);
const doc = parseDocument(readFileSync(input, 'utf8'), { merge: true });
doc.toJS({ maxAliasCount: -1 });
writeFileSync('/dev/null', readFileSync(output, 'utf8'));
writeFileSync('/dev/null', parseDocument(readFileSync(output, 'utf8')).toString());
