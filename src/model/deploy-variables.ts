/**
 * `${VAR}`, `${VAR:-default}` and `$VAR` in a stack are filled in by `docker stack deploy`, after
 * podlike-gen has run: podlike-gen passes them through, but cannot use one where it needs the
 * value itself (a template's name, a typed arg). `$$` is a literal `$`.
 */
const VARIABLE = /(?<!\$)(?:\$\$)*\$(?:\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)/;

/** The first deploy-time variable in a text, if any. */
export function deployVariableIn(text: string): string | undefined {
  return VARIABLE.exec(text)?.[0].replace(/^(?:\$\$)+/, '');
}

/** Why a value that holds a deploy-time variable cannot be used as it is, or nothing. */
export function deployVariableHint(value: unknown): string {
  const variable = typeof value === 'string' ? deployVariableIn(value) : undefined;
  return variable === undefined ? '' : ` (${variable} is filled in by docker stack deploy, after podlike-gen has used this value: write the value itself)`;
}
