/**
 * Helpers with the names and meaning of Podlike's template functions and Go's printf, so that a
 * template migrated from Podlike's format (and any template author used to them) writes the same
 * text: `startsWith PREFIX TEXT`, `contains PART TEXT`, `replace OLD NEW N TEXT` (strings.HasPrefix,
 * strings.Contains, strings.Replace with Podlike's argument order: the text last, as a pipeline
 * passes it) and `printf FORMAT VALUES...` for the verbs %s, %d, %v and %% on text, whole numbers
 * and booleans, which print alike in Go and here; any other verb or value is an error, never
 * another text.
 */
import { HelperError } from './helper-error.js';
import { goReplace } from '../model/go-strings.js';

function text(name: string, value: unknown, what: string): string {
  if (typeof value !== 'string') throw new HelperError(`helper "${name}": ${what} must be text, not ${JSON.stringify(value) ?? String(value)}`);
  return value;
}

export function startsWith(prefix: unknown, value: unknown): boolean {
  return text('startsWith', value, 'the text').startsWith(text('startsWith', prefix, 'the prefix'));
}

export function contains(part: unknown, value: unknown): boolean {
  return text('contains', value, 'the text').includes(text('contains', part, 'the part'));
}

/** strings.Replace, with Podlike's argument order: the text last. */
export function replace(old: unknown, replacement: unknown, n: unknown, value: unknown): string {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new HelperError(`helper "replace": the count must be a whole number (-1 for every one), not ${JSON.stringify(n) ?? String(n)}`);
  return goReplace(text('replace', old, 'the text to replace'), text('replace', replacement, 'the replacement'), n, text('replace', value, 'the text'));
}

/** What %v and %s print for a value Go prints the same way; undefined for one it does not. */
function printable(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/** fmt.Sprintf for %s, %d, %v and %%, on text, whole numbers and booleans. */
export function printf(format: unknown, ...values: unknown[]): string {
  const layout = text('printf', format, 'the format');
  let next = 0;
  const out = layout.replace(/%([-+# 0-9.*[\]]*)(.)?/gs, (verb: string, flags: string, letter: string | undefined) => {
    if (letter === '%' && flags === '') return '%';
    if (flags !== '' || (letter !== 's' && letter !== 'd' && letter !== 'v')) throw new HelperError(`helper "printf": "${verb}" is not a verb it prints (it prints %s, %d, %v and %%)`);
    if (next >= values.length) throw new HelperError(`helper "printf": the format has more verbs than the ${values.length} value(s) given`);
    const value = values[next++];
    const shown = printable(value);
    const fits = letter === 'v' ? shown !== undefined : letter === 'd' ? typeof value === 'number' && shown !== undefined : typeof value === 'string';
    if (!fits) {
      throw new HelperError(`helper "printf": ${verb} cannot print ${JSON.stringify(value) ?? String(value)} (%s prints text, %d a whole number, %v either or a boolean)`);
    }
    return shown!;
  });
  if (next < values.length) throw new HelperError(`helper "printf": ${values.length - next} value(s) more than the format's verbs`);
  return out;
}
