import { isScalar, Scalar, visit, type Node } from 'yaml';

/**
 * Strings that YAML 1.1 readers may take for something else: `25:25` is a base-60 number to
 * them, `no` a boolean. Docker's docs quote port mappings for that reason; so does fresh
 * output, for every `number:number` string (ports, `user: 1000:1000`) and those words.
 */
const AMBIGUOUS_IN_YAML_1_1 = /^[\d.]*\d:\d[\d:\-/a-z]*$|^(y|Y|n|N|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;

export function quoteAmbiguousStrings(node: Node): void {
  visit(node, {
    Scalar(key, scalar) {
      if (key !== 'key' && typeof scalar.value === 'string' && AMBIGUOUS_IN_YAML_1_1.test(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
    },
  });
}

/** Scalars whose key starts with `pod.` (the controller's pod labels) become `|` block literals. */
export function markPodLabels(node: Node): void {
  visit(node, {
    Pair(_, pair) {
      if (isScalar(pair.key) && String(pair.key.value).startsWith('pod.') && isScalar(pair.value) && typeof pair.value.value === 'string') {
        pair.value.type = Scalar.BLOCK_LITERAL;
      }
    },
  });
}
