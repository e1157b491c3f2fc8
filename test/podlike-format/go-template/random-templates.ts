/**
 * A seeded generator of random templates and data for the comparison with Go: small Go
 * templates from a grammar of actions, pipelines, functions and control structures over random
 * YAML data, so that combinations no one wrote by hand are compared too.
 */
type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

const SCALARS = ['0', '1', '-3', '42', '1.0', '2.5', '-0.5', '1e3', 'abc', '"yes"', 'yes', '"1"', '""', '"a b"', 'true', 'false', '~', "'x:y'", '0x10', '"héllo"'];

function randomValue(rng: Rng, depth: number): string {
  const r = rng();
  if (depth > 1 || r < 0.6) return pick(rng, SCALARS);
  if (r < 0.8) {
    const n = Math.floor(rng() * 4);
    return `[${Array.from({ length: n }, () => randomValue(rng, depth + 1)).join(', ')}]`;
  }
  const keys = ['x', 'w', 'z'].filter(() => rng() < 0.6);
  return `{${keys.map((k) => `${k}: ${randomValue(rng, depth + 1)}`).join(', ')}}`;
}

export function randomData(rng: Rng): string {
  return ['a', 'b', 'c', 'd'].map((k) => `${k}: ${randomValue(rng, 0)}`).join('\n');
}

const FIELDS = ['.a', '.b', '.c', '.d', '.a.x', '.b.w', '.c.z', '.missing', '.', '$', '$.a', '.d.x.y'];
const CONSTANTS = ['0', '1', '-1', '2', '1.5', '"a"', '""', '"yes"', 'true', 'false', 'nil', "'c'", '3.0'];
const VERBS = ['%v', '%s', '%d', '%q', '%5v', '%-4s|', '%t', '%x', '%.1f', '%g', '%03d', '%+v', '%e'];

function operand(rng: Rng, depth: number, vars: string[]): string {
  const r = rng();
  if (r < 0.45) return pick(rng, FIELDS);
  if (r < 0.65) return pick(rng, CONSTANTS);
  if (r < 0.75 && vars.length > 0) return pick(rng, vars);
  if (depth < 2) return `(${pipeline(rng, depth + 1, vars)})`;
  return pick(rng, FIELDS);
}

function command(rng: Rng, depth: number, vars: string[]): string {
  const arg = (): string => operand(rng, depth, vars);
  switch (Math.floor(rng() * 14)) {
    case 0:
      return `len ${arg()}`;
    case 1:
      return `index ${arg()} ${pick(rng, ['0', '1', '"x"', '"y"', arg()])}`;
    case 2:
      return `${pick(rng, ['eq', 'ne', 'lt', 'le', 'gt', 'ge'])} ${arg()} ${arg()}`;
    case 3:
      return `${pick(rng, ['and', 'or'])} ${arg()} ${arg()}`;
    case 4:
      return `not ${arg()}`;
    case 5:
      return `printf "${pick(rng, VERBS)} ${pick(rng, VERBS)}" ${arg()} ${arg()}`;
    case 6:
      return `print ${arg()} ${arg()}`;
    case 7:
      return `${pick(rng, ['empty', 'notEmpty'])} ${arg()}`;
    case 8:
      return `${pick(rng, ['contains', 'startsWith'])} ${pick(rng, ['"a"', '""', arg()])} ${arg()}`;
    case 9:
      return `indent ${pick(rng, ['0', '2', arg()])} ${arg()}`;
    case 10:
      return `replace "a" "b" ${pick(rng, ['-1', '1', arg()])} ${arg()}`;
    case 11:
      return `eq ${arg()} ${arg()} ${arg()}`;
    case 12:
      return `slice ${arg()} ${pick(rng, ['0', '1'])}`;
    default:
      return arg();
  }
}

function pipeline(rng: Rng, depth: number, vars: string[]): string {
  let p = command(rng, depth, vars);
  if (rng() < 0.2) p += ` | ${pick(rng, ['len', 'print', 'printf "%v"', 'not', 'indent 1', 'empty', 'eq 1', 'or 0'])}`;
  return p;
}

function trims(rng: Rng): [string, string] {
  return [rng() < 0.2 ? '{{- ' : '{{', rng() < 0.2 ? ' -}}' : '}}'];
}

function piece(rng: Rng, depth: number, vars: string[]): string {
  const r = rng();
  const [open, close] = trims(rng);
  if (r < 0.2) return pick(rng, ['a', ' ', '\n', ' x y ', '|', '\n  ']);
  if (r < 0.6 || depth >= 2) return `${open}${pipeline(rng, depth, vars)}${close}`;
  const body = (inner: string[]): string => Array.from({ length: 1 + Math.floor(rng() * 2) }, () => piece(rng, depth + 1, inner)).join('');
  const elseBranch = (): string => (rng() < 0.4 ? `{{else}}${body(vars)}` : '');
  if (r < 0.72) return `${open}if ${pipeline(rng, depth, vars)}${close}${body(vars)}${elseBranch()}{{end}}`;
  if (r < 0.82) return `${open}with ${pipeline(rng, depth, vars)}${close}${body(vars)}${elseBranch()}{{end}}`;
  if (r < 0.9) {
    const inner = [...vars, '$i', '$e'];
    return `${open}range $i, $e := ${operand(rng, depth, vars)}${close}${body(inner)}${elseBranch()}{{end}}`;
  }
  const name = `$v${depth}`;
  return `{{${name} := ${pipeline(rng, depth, vars)}}}${body([...vars, name])}`;
}

export function randomTemplate(rng: Rng): string {
  return Array.from({ length: 1 + Math.floor(rng() * 3) }, () => piece(rng, 0, [])).join('');
}

/** Data whose keys keep their types, for templates that mostly render without error. */
export function typedData(rng: Rng): string {
  return [
    `n: ${pick(rng, ['0', '1', '-3', '42', '7'])}`,
    `f: ${pick(rng, ['0.0', '1.5', '-2.25', '1.0', '1e6', '0.0001'])}`,
    `s: ${pick(rng, ['abc', '""', '"a b"', '"yes"', '"x:y"', 'héllo', '"1"'])}`,
    `b: ${pick(rng, ['true', 'false'])}`,
    `l: [${Array.from({ length: Math.floor(rng() * 4) }, () => pick(rng, ['a', '1', '2.5', 'true', '~', '"b c"'])).join(', ')}]`,
    `m: {${['k', 'j', 'i'].filter(() => rng() < 0.7).map((k) => `${k}: ${pick(rng, ['v', '1', '0', '""', 'true', '[x]'])}`).join(', ')}}`,
  ].join('\n');
}

const TYPED: Record<string, string[]> = {
  int: ['$.n', '1', '0', '-2', '(len $.l)', '(len $.s)', '(len $.m)'],
  float: ['$.f', '1.5', '0.0', '2.0'],
  string: ['$.s', '"abc"', '""', '(printf "%v" $.m.k)', '(printf "%v" $.n)', '(print (index $.m "j"))'],
  any: ['$.l', '$.m', '$.b', '$.n', '$.f', '$.s', '$.m.i', '$.missing', '$', '.'],
};

function typedOperand(rng: Rng, kind: string): string {
  return pick(rng, TYPED[kind]!);
}

function typedCommand(rng: Rng): string {
  const kind = pick(rng, ['int', 'float', 'string']);
  switch (Math.floor(rng() * 10)) {
    case 0:
      return `${pick(rng, ['eq', 'ne', 'lt', 'le', 'gt', 'ge'])} ${typedOperand(rng, kind)} ${typedOperand(rng, kind)}`;
    case 1:
      return `printf "${pick(rng, ['%v', '%5v', '%-3v|', '%q', '%x'])} ${pick(rng, ['%v', '%s', '%d', '%.2f', '%t', '%g'])}" ${typedOperand(rng, 'any')} ${typedOperand(rng, kind)}`;
    case 2:
      return `${pick(rng, ['and', 'or'])} ${typedOperand(rng, 'any')} ${typedOperand(rng, 'any')}`;
    case 3:
      return `not ${typedOperand(rng, 'any')}`;
    case 4:
      return `${pick(rng, ['contains', 'startsWith'])} ${typedOperand(rng, 'string')} ${typedOperand(rng, 'string')}`;
    case 5:
      return `indent ${pick(rng, ['0', '2', '$.n'])} ${typedOperand(rng, 'string')}`;
    case 6:
      return `replace ${typedOperand(rng, 'string')} "-" ${pick(rng, ['-1', '1', '0'])} ${typedOperand(rng, 'string')}`;
    case 7:
      return `${pick(rng, ['print', 'println', 'html', 'urlquery', 'js'])} ${typedOperand(rng, 'any')} ${typedOperand(rng, kind)}`;
    case 8:
      return `${pick(rng, ['empty', 'notEmpty', 'len', 'yaml'])} ${pick(rng, ['$.l', '$.m', '$.s'])}`;
    default:
      return typedOperand(rng, 'any');
  }
}

function typedPiece(rng: Rng, depth: number): string {
  const [open, close] = trims(rng);
  const r = rng();
  if (r < 0.2) return pick(rng, ['a', ' ', '\n', ' x y ', '|', '\n  ']);
  if (r < 0.55 || depth >= 2) return `${open}${typedCommand(rng)}${rng() < 0.15 ? ` | ${pick(rng, ['printf "%v"', 'print', 'len', 'not'])}` : ''}${close}`;
  const body = (): string => Array.from({ length: 1 + Math.floor(rng() * 2) }, () => typedPiece(rng, depth + 1)).join('');
  const elseBranch = (): string => (rng() < 0.4 ? `{{else}}${body()}` : '');
  if (r < 0.7) return `${open}if ${typedCommand(rng)}${close}${body()}${elseBranch()}{{end}}`;
  if (r < 0.8) return `${open}with ${typedOperand(rng, 'any')}${close}${body()}${elseBranch()}{{end}}`;
  return `${open}range $i, $e := ${pick(rng, ['$.l', '$.m', '$.missing', '$.l', '$.m'])}${close}{{$i}}={{$e}}${body()}${elseBranch()}{{end}}`;
}

/** Templates whose arguments mostly have the types their functions take. */
export function typedTemplate(rng: Rng): string {
  return Array.from({ length: 1 + Math.floor(rng() * 3) }, () => typedPiece(rng, 0)).join('');
}

const TOKENS = [
  '{{', '}}', '{{- ', ' -}}', '{{-', '-}}', ' ', '\n', '.', '.a', '.b.c', '$', '$x', '$x := ', ' = ', '|', '(', ')', '"s"', '"\\n"', "'c'", "'", '`r`', '"',
  'if ', 'else', 'end', 'range ', 'with ', 'define "d"', 'template "d"', 'block "b" .', 'break', 'continue', '/*', '*/', '{{/* c */}}',
  '1', '-1', '1.5', '0x1F', '1e3', 'nil', 'true', 'len ', 'eq ', 'printf "%v" ', 'print', 'and ', 'nope', 'a', 'é', ',', ':', '=', '#', '@', '\t',
];

/** Random token soup: mostly invalid templates, to compare Go's lexer and parser errors. */
export function tokenSoup(rng: Rng): string {
  return Array.from({ length: 1 + Math.floor(rng() * 12) }, () => pick(rng, TOKENS)).join('');
}
