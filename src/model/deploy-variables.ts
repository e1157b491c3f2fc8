import { excerpt } from '../diagnostics.js';

/**
 * `${VAR}`, `${VAR:-default}` and `$VAR` in a stack are filled in by `docker stack deploy`, after
 * podlike-gen has run: podlike-gen passes them through, but cannot use one where it needs the
 * value itself (a template's name, a typed arg). `$$` is a literal `$`.
 */
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * The deploy-time variables in a text, in order. Read with indexOf, in time linear in the text:
 * a pattern scanning from each `${` for its `}` took 14 s on a 200,000-character value of `${`.
 */
export function* deployVariables(text: string): Generator<string> {
  const lastClose = text.lastIndexOf('}');
  for (let at = text.indexOf('$'); at !== -1; at = text.indexOf('$', at)) {
    let end = at;
    while (text[end] === '$') end++;
    // In a run of `$`, pairs are literal dollars; an odd one out starts a variable.
    if ((end - at) % 2 === 1) {
      if (text[end] === '{' && end < lastClose) {
        const close = text.indexOf('}', end);
        yield text.slice(end - 1, close + 1);
        end = close + 1;
      } else {
        NAME.lastIndex = end;
        const name = NAME.exec(text);
        if (name) {
          yield `$${name[0]}`;
          end += name[0].length;
        }
      }
    }
    at = end;
  }
}

/** The first deploy-time variable in a text, if any. */
export function deployVariableIn(text: string): string | undefined {
  if (!text.includes('$')) return undefined;
  for (const variable of deployVariables(text)) return variable;
  return undefined;
}

/** Why a value that holds a deploy-time variable cannot be used as it is, or nothing. */
export function deployVariableHint(value: unknown): string {
  const variable = typeof value === 'string' ? deployVariableIn(value) : undefined;
  return variable === undefined ? '' : ` (${excerpt(variable, 40)} is filled in by docker stack deploy, after podlike-gen has used this value: write the value itself)`;
}
