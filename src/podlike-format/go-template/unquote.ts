/**
 * Go's strconv.Unquote for the string and character literals of templates: "..." with Go's
 * escapes, `...` raw strings (carriage returns dropped) and '.' runes. null is Go's ErrSyntax.
 * An escape that makes a byte which is not UTF-8 (\xff) cannot be a JS string: refused.
 */

export class UnsupportedLiteral extends Error {}

const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** One escape or character at s[i]; the next index, or null when malformed. */
function unquoteChar(s: string, i: number, quote: string): { value: string; next: number } | null {
  const c = s[i]!;
  if (c === quote && (quote === "'" || quote === '"')) return null;
  if (c !== '\\') {
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    return { value: ch, next: i + ch.length };
  }
  const e = s[i + 1];
  if (e === undefined) return null;
  if (SIMPLE[e] !== undefined) return { value: SIMPLE[e], next: i + 2 };
  if (e === "'" || e === '"') return e === quote ? { value: e, next: i + 2 } : null;
  const hexLength = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
  if (hexLength > 0) {
    const digits = s.slice(i + 2, i + 2 + hexLength);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(digits)) return null;
    const value = parseInt(digits, 16);
    if (e === 'x') return byteChar(value, i + 2 + hexLength);
    if (value > 0x10ffff || (value >= 0xd800 && value < 0xe000)) return null;
    return { value: String.fromCodePoint(value), next: i + 2 + hexLength };
  }
  if (e >= '0' && e <= '7') {
    const digits = s.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(digits)) return null;
    const value = parseInt(digits, 8);
    if (value > 255) return null;
    return byteChar(value, i + 4);
  }
  return null;
}

function byteChar(value: number, next: number): { value: string; next: number } {
  if (value >= 0x80) throw new UnsupportedLiteral('an escape making a byte that is not UTF-8 text');
  return { value: String.fromCharCode(value), next };
}

export function unquoteGoString(quoted: string): string | null {
  const quote = quoted[0];
  if (quoted.length < 2 || quoted[quoted.length - 1] !== quote) return null;
  const body = quoted.slice(1, -1);
  if (quote === '`') return body.includes('`') ? null : body.replace(/\r/g, '');
  if (quote !== '"' && quote !== "'") return null;
  if (body.includes('\n')) return null;
  let out = '';
  for (let i = 0; i < body.length; ) {
    const r = unquoteChar(body, i, quote);
    if (r === null) return null;
    out += r.value;
    i = r.next;
  }
  if (quote === "'" && [...out].length !== 1) return null;
  return out;
}

/** A character constant's rune: the code point, or an error text as Go's parser gives it. */
export function unquoteRune(text: string): number | string {
  const r = text.length >= 2 ? unquoteChar(text, 1, "'") : null;
  if (r === null) return 'invalid syntax';
  if (text.slice(r.next) !== "'") return `malformed character constant: ${text}`;
  return r.value.codePointAt(0)!;
}
