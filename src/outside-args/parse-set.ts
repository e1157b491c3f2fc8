/**
 * `--set [SERVICE:]TEMPLATE.ARG=VALUE`: one arg from the command line. The value is text,
 * typed later by the template's schema (as a label's value is); it may hold `=` and `:`.
 */
import { error, type Diagnostic } from '../diagnostics.js';
import { RESERVED_NAMES } from '../model/reserved-names.js';
import type { OutsideArg } from './outside-arg.js';

const FORM = '[SERVICE:]TEMPLATE.ARG=VALUE';

function parseOne(text: string): OutsideArg | Diagnostic {
  const shownAs = `--set ${text}`;
  const equals = text.indexOf('=');
  if (equals < 0) return error(`${shownAs}: no "=" in it: write ${FORM} (e.g. --set http.port=8080)`);
  const key = text.slice(0, equals);
  const colon = key.indexOf(':');
  const service = colon < 0 ? undefined : key.slice(0, colon);
  const [template, ...path] = key.slice(colon + 1).split('.');
  if (service === '' || template === '' || path.length === 0 || path.some((part) => part === '')) {
    return error(`${shownAs}: "${key}" is not of the form ${FORM} (nested args: TEMPLATE.ARG.SUB)`);
  }
  const reserved = [template, ...path].find((part) => RESERVED_NAMES.has(part));
  if (reserved) return error(`${shownAs}: "${reserved}" is not a valid template or arg name`);
  return { service, template, path, value: text.slice(equals + 1), isText: true, shownAs };
}

/** Each flag as an arg; the problems of all of them at once. */
export function parseSetFlags(texts: readonly string[]): { args: OutsideArg[]; problems: Diagnostic[] } {
  const args: OutsideArg[] = [];
  const problems: Diagnostic[] = [];
  for (const text of texts) {
    const parsed = parseOne(text);
    if ('severity' in parsed) problems.push(parsed);
    else args.push(parsed);
  }
  return { args, problems };
}
