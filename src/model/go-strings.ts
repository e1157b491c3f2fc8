/**
 * Go's strings.Replace, shared by the Go template engine (Podlike's `replace` function) and
 * podlike-gen's `replace` helper, so that a template migrated from Podlike's format replaces
 * exactly as it did.
 */

/** strings.Replace(source, old, new, n): the first `n` (every one when negative) non-overlapping `old`; an empty `old` matches before each character and at the end. */
export function goReplace(oldStr: string, newStr: string, n: number, source: string): string {
  if (oldStr === newStr || n === 0) return source;
  const limit = n < 0 ? Infinity : n;
  if (oldStr === '') {
    const chars = [...source];
    let out = '';
    for (let i = 0; i <= chars.length; i++) out += (i < limit ? newStr : '') + (chars[i] ?? '');
    return out;
  }
  const parts: string[] = [];
  let rest = source;
  for (let count = 0; count < limit; count++) {
    const at = rest.indexOf(oldStr);
    if (at < 0) break;
    parts.push(rest.slice(0, at), newStr);
    rest = rest.slice(at + oldStr.length);
  }
  return parts.join('') + rest;
}
