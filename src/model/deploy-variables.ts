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

/**
 * docker also reads `$NAME-default` (and `:-`, `?`, `:?`) unbraced, its default running to the
 * next `}` or to the end of the string. Inside a pod label the string is part of a longer text,
 * where that default would run on over what follows (the other keys of the component): written
 * braced, `${NAME-default}`, it means the same and ends where the string ends.
 */
export function bracedDefaults(text: string): string {
  if (!text.includes('$')) return text;
  let out = '';
  let from = 0;
  for (let at = text.indexOf('$'); at !== -1; at = text.indexOf('$', at)) {
    let end = at;
    while (text[end] === '$') end++;
    const name = (end - at) % 2 === 1 && text[end] !== '{' ? nameAt(text, end) : undefined;
    const afterName = end + (name?.length ?? 0);
    if (name !== undefined && DEFAULT_OPERATOR.test(text.slice(afterName, afterName + 2))) {
      const close = text.indexOf('}', afterName);
      const stop = close === -1 ? endBeforeTrailingNewlines(text, afterName) : close;
      out += `${text.slice(from, end - 1)}\${${text.slice(end, stop)}}`;
      from = stop;
      end = stop;
    }
    at = end;
  }
  return out + text.slice(from);
}

/**
 * Where a default that runs to the end of a text is closed: before its trailing newlines, which a
 * block scalar would otherwise lose once the brace moved to a line of its own is gone. (An unset
 * variable then gets them as docker gives it the default; a set one keeps them too, where docker
 * alone would drop them with the default.)
 */
function endBeforeTrailingNewlines(text: string, from: number): number {
  let end = text.length;
  while (end > from && text[end - 1] === '\n') end--;
  return end;
}

/** `-`, `?`, `:-` or `:?` after a variable's name: a default or an error message follows. */
const DEFAULT_OPERATOR = /^:?[-?]/;

function nameAt(text: string, at: number): string | undefined {
  NAME.lastIndex = at;
  return NAME.exec(text)?.[0];
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
