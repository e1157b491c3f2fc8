/**
 * How the output's Go readers see a scalar, where that differs from the yaml package's YAML 1.2.
 * The docker CLI reads the stack with gopkg.in/yaml.v3 (v2 in older CLIs) and Podlike reads each
 * `pod.*` label with gopkg.in/yaml.v2, a YAML 1.1 reader: both break lines at U+0085, U+2028
 * and U+2029 and refuse some characters raw, and v2 resolves many plain words and numbers that
 * YAML 1.2 leaves as strings. The writers quote and escape what these functions name.
 */

/**
 * Characters a Go YAML reader breaks a line at (U+0085, U+2028, U+2029) or refuses in the stream
 * (DEL, the C1 controls, U+FFFE, U+FFFF). The C0 controls are escaped by every writer already.
 */
export const GO_YAML_UNSAFE = /[\x7f-\x9f\u2028\u2029\ufffe\uffff]/;
const GO_YAML_UNSAFE_ALL = /[\x7f-\x9f\u2028\u2029\ufffe\uffff]/g;

/**
 * Escapes each unsafe character as `\uXXXX`. Only for text whose every such character stands in
 * a double-quoted scalar (the writers force that style on any string holding one), where the
 * escape means the same character to every reader.
 */
export function escapeGoYamlUnsafe(text: string): string {
  if (!GO_YAML_UNSAFE.test(text)) return text;
  return text.replace(GO_YAML_UNSAFE_ALL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A text of several lines with a line that starts with a tab: yaml.v2 refuses such a line in a
 * block scalar (it reads the tab as indentation), so the text is written double-quoted.
 */
export function hasTabStartedLine(text: string): boolean {
  return text.includes('\n\t') || (text.startsWith('\t') && text.includes('\n'));
}

/** Plain words yaml.v2 resolves to a boolean, null, a special float, or the merge key. */
const YAML_1_1_WORDS = new Set(
  [
    'y Y yes Yes YES true True TRUE on On ON',
    'n N no No NO false False FALSE off Off OFF',
    '~ null Null NULL',
    '.nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF',
    '<<',
  ].flatMap((words) => words.split(' ')),
);

/** An integer as Go's strconv.ParseInt/ParseUint read it with base 0 (yaml.v2 drops `_` first). */
const GO_INTEGER = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|\d+)$/;
/** yaml.v2's float pattern (yamlStyleFloat), and its `0b`/`-0b` binary forms. */
const YAML_STYLE_FLOAT = /^[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?$/;
const YAML_V2_BINARY = /^(?:0b[-+]?|-0b)[01]+$/;
/** A plain scalar starting with `.`: yaml.v2 tries Go's ParseFloat on it as written. */
const DOT_FLOAT = /^\.\d+(?:[eE][-+]?\d+)?$/;
/** The start of what yaml.v2 reads as a timestamp: a date, alone or before a time. */
const TIMESTAMP_START = /^\d{4}-\d{1,2}-\d{1,2}(?:$|[Tt ])/;
/**
 * `25:25` is a base-60 number to YAML 1.1 readers: docker's docs quote port mappings for that
 * reason, and so does podlike-gen, for every `number:number` string (ports, `user: 1000:1000`).
 */
const BASE_60_LIKE = /^[\d.]*\d:\d[\d:\-/a-z]*$/;

/** The first characters (by code, below 128) of the texts readsOtherwiseInYaml11 names. */
const MAY_START_OTHERWISE: boolean[] = Array.from({ length: 128 }, (_, code) => /[0-9+\-.~<yYnNtTfFoO]/.test(String.fromCharCode(code)));

/**
 * Whether yaml.v2 would read this text, written plain, as something other than the same string
 * (its resolve(): words, then for a leading digit, sign or dot a timestamp, an integer, a float
 * or a binary number, with underscores dropped). Such strings are written quoted.
 */
export function readsOtherwiseInYaml11(text: string): boolean {
  const first = text.charCodeAt(0);
  // Every such text starts with a digit, a sign, a dot, `~`, `<` or a letter of y/n/t/f/o: most
  // strings are ruled out by their first character alone.
  if (!MAY_START_OTHERWISE[first]) return false;
  if (YAML_1_1_WORDS.has(text) || BASE_60_LIKE.test(text)) return true;
  if (first === 0x2e /* . */) return DOT_FLOAT.test(text);
  const digitOrSign = (first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d;
  if (!digitOrSign) return false;
  if (TIMESTAMP_START.test(text)) return true;
  const plain = text.includes('_') ? text.replaceAll('_', '') : text;
  return GO_INTEGER.test(plain) || YAML_STYLE_FLOAT.test(plain) || YAML_V2_BINARY.test(plain);
}
