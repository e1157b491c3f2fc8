import { visit, type Document } from 'yaml';

/**
 * A plain number too large for a float64 (`1e400`, a run of 400 digits) as Go's YAML reader,
 * and so `docker stack deploy`, reads it: as its text. The core schema would make it Infinity,
 * which no stack can hold; `.inf` stays Infinity. The fast reader reads such numbers as text too.
 */
export function overflowingNumbersAsText(doc: Document): void {
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'number' && Math.abs(node.value) === Infinity && node.source !== undefined && !/^[-+]?\.inf$/i.test(node.source)) node.value = node.source;
    },
  });
}
