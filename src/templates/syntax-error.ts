/**
 * Handlebars' parse errors as a template author reads them: the parser's token names
 * (`'OPEN_ENDBLOCK'`, `got 'INVALID'`) written as the text they stand for, the usual mistakes
 * named, and the line within the section.
 */

/** What each of the parser's tokens is in a template's text. */
const TOKEN_TEXT: Record<string, string> = {
  EOF: 'the end of the section',
  COMMENT: 'a comment',
  CONTENT: 'text',
  OPEN_RAW_BLOCK: '{{{{',
  CLOSE_RAW_BLOCK: '}}}}',
  END_RAW_BLOCK: '{{{{/',
  OPEN_BLOCK: '{{#',
  OPEN_INVERSE: '{{^',
  OPEN_INVERSE_CHAIN: '{{else ...}}',
  INVERSE: '{{else}}',
  OPEN_ENDBLOCK: '{{/',
  OPEN: '{{',
  CLOSE: '}}',
  OPEN_UNESCAPED: '{{{',
  CLOSE_UNESCAPED: '}}}',
  OPEN_PARTIAL: '{{>',
  OPEN_PARTIAL_BLOCK: '{{#>',
  OPEN_SEXPR: '(',
  CLOSE_SEXPR: ')',
  EQUALS: '=',
  OPEN_BLOCK_PARAMS: 'as |',
  CLOSE_BLOCK_PARAMS: '|',
  SEP: '.',
  INVALID: 'a character it cannot read',
};

/** The tokens of a value written out: a string, a number, true, @index... */
const VALUE_TOKENS = new Set(['STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'DATA']);

/** A token as a message shows it: symbols quoted, words as they are. */
function textOf(token: string): string {
  if (token === 'ID') return 'a name';
  if (VALUE_TOKENS.has(token)) return 'a value';
  const text = TOKEN_TEXT[token] ?? token.toLowerCase();
  return /^(a|an|the|text)\b/.test(text) ? text : `"${text}"`;
}

/** Tokens a list leaves out: raw blocks are rare, and `}}}` is implied where `}}` is listed. */
function listed(token: string, expected: readonly string[]): boolean {
  return token !== 'CLOSE_RAW_BLOCK' && !(token === 'CLOSE_UNESCAPED' && expected.includes('CLOSE'));
}

/** The tokens the parser would have taken, as a message lists them: `one of "(", a name or a value`. */
function expectedText(expected: readonly string[]): string {
  const name = expected.includes('ID');
  const value = expected.some((token) => VALUE_TOKENS.has(token));
  const operand = name && value ? 'a name or a value' : name ? 'a name' : value ? 'a value' : undefined;
  const symbols = expected.filter((token) => token !== 'ID' && !VALUE_TOKENS.has(token) && listed(token, expected)).map(textOf);
  const all = [...new Set(symbols), ...(operand ? [operand] : [])];
  if (all.length === 0) return [...new Set(expected.map(textOf))].join(', ');
  return all.length > 1 ? `one of ${all.join(', ')}` : all[0];
}

/**
 * The likely mistake behind finding `got` where `expected` was wanted, when it is a usual one.
 * `rest` is the text from where the parser stopped, as Handlebars' excerpt shows it: at most
 * 20 characters, lines joined.
 */
function mistake(got: string, expected: readonly string[], rest: string): string | undefined {
  const wants = (token: string) => expected.includes(token);
  if (got === 'EOF' && wants('OPEN_ENDBLOCK')) return 'a block {{#...}} is not closed with {{/...}}';
  if (got === 'OPEN_ENDBLOCK' && !wants('OPEN_ENDBLOCK')) return 'a {{/...}} closes no block';
  if (got === 'INVALID' && /^["']/.test(rest)) return `a string is not closed with its ${rest[0]}`;
  // A {{ where the open one's }} was due, right away or after a name it cuts short.
  const opens = ['OPEN', 'OPEN_BLOCK', 'OPEN_UNESCAPED', 'OPEN_PARTIAL', 'OPEN_PARTIAL_BLOCK', 'OPEN_INVERSE', 'OPEN_RAW_BLOCK'];
  if (opens.includes(got) || (got === 'INVALID' && /^[^\s{}()"'=|]*\{\{/.test(rest))) return 'a {{ inside {{...}}: the first is not closed with }} before the next opens';
  // A lone } where }} was due, or no }} before the section ends (the excerpt is shorter than 20 characters only there).
  if (got === 'INVALID' && ((rest.startsWith('}') && !rest.startsWith('}}')) || (!rest.includes('}}') && rest.length < 20))) return 'a {{ is not closed with }}';
  if (got === 'SEP' && /^\.[A-Z]/.test(rest)) {
    // The excerpt may cut the placeholder short: its name only when its }} is in it.
    const path = /^\.([\w.]+)\}\}/.exec(rest)?.[1] ?? 'Task.ID';
    return `a Swarm placeholder is written \\{{.${path}}} or {{swarm "${path}"}}: {{ }} alone is Handlebars'`;
  }
  if ((got === 'INVERSE' || got === 'OPEN_INVERSE_CHAIN') && !wants('INVERSE')) return 'an {{else}} outside a block, or a second one in it';
  if (got === 'CLOSE_UNESCAPED' && wants('CLOSE')) return '{{ is closed with }}}';
  if (got === 'CLOSE' && wants('CLOSE_UNESCAPED')) return '{{{ is closed with }}';
  return undefined;
}

/** The excerpt's text from its caret on: `Parse error on line 1:`, the excerpt, `---^`, `Expecting ...`. */
function textFromCaret(lines: readonly string[]): string {
  const caret = lines[2]?.match(/^-*\^$/) ? lines[2].length - 1 : -1;
  return caret >= 0 && lines[1] !== undefined ? lines[1].slice(caret) : '';
}

export interface SyntaxProblem {
  /** The line within the section, 1-based. */
  line: number;
  message: string;
}

/**
 * A Handlebars parse or compile error's message, read: `Parse error on line 3: ... Expecting
 * 'CLOSE', ..., got 'INVALID'`, `if doesn't match i - 3:3`, or any other, kept as it is.
 */
export function syntaxProblem(handlebarsMessage: string): SyntaxProblem {
  const lines = handlebarsMessage.split('\n');
  const parse = /^Parse error on line (\d+):$/.exec(lines[0]);
  const expecting = /^Expecting (.*), got '(\w+)'$/.exec(lines.find((l) => l.startsWith('Expecting')) ?? '');
  if (parse && expecting) {
    const expected = [...expecting[1].matchAll(/'(\w+)'/g)].map((m) => m[1]);
    const got = expecting[2];
    const rest = textFromCaret(lines);
    const found = got === 'INVALID' && rest !== '' ? `${JSON.stringify(rest[0])}, a character it cannot read` : textOf(got);
    return { line: Number(parse[1]), message: mistake(got, expected, rest) ?? `Handlebars expects ${expectedText(expected)} here, not ${found}` };
  }
  const unmatched = /^(.+) doesn't match (.+) - (\d+):\d+$/.exec(lines[0]);
  if (unmatched) return { line: Number(unmatched[3]), message: `{{/${unmatched[2]}}} closes {{#${unmatched[1]}}}: a block is closed with its own name` };
  const lexical = /^Lexical error on line (\d+)\. Unrecognized text\.$/.exec(lines[0]);
  if (lexical) return { line: Number(lexical[1]), message: 'Handlebars cannot read the text here (a {{!-- comment not closed with --}}?)' };
  const line = /on line (\d+)/.exec(lines[0]);
  return { line: line ? Number(line[1]) : 1, message: lines[0].replace(/[.:]$/, '') };
}
