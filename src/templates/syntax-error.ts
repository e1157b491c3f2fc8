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
  ID: 'a name or a value',
  STRING: 'a name or a value',
  NUMBER: 'a name or a value',
  BOOLEAN: 'a name or a value',
  UNDEFINED: 'a name or a value',
  NULL: 'a name or a value',
  DATA: 'a name or a value',
  INVALID: 'character',
};

/** A token as a message shows it: symbols quoted, words as they are. */
function textOf(token: string): string {
  const text = TOKEN_TEXT[token] ?? token.toLowerCase();
  return /^[a-z]/.test(text) ? text : `"${text}"`;
}

/** The likely mistake behind finding `got` where `expected` was wanted, when it is a usual one. */
function mistake(got: string, expected: readonly string[]): string | undefined {
  const wants = (token: string) => expected.includes(token);
  if (got === 'EOF' && wants('OPEN_ENDBLOCK')) return 'a block {{#...}} is not closed with {{/...}}';
  if (got === 'OPEN_ENDBLOCK' && !wants('OPEN_ENDBLOCK')) return 'a {{/...}} closes no block';
  if (got === 'INVALID' && wants('CLOSE')) return 'a {{ is not closed with }}';
  if ((got === 'INVERSE' || got === 'OPEN_INVERSE_CHAIN') && !wants('INVERSE')) return 'an {{else}} outside a block, or a second one in it';
  if (got === 'CLOSE_UNESCAPED' && wants('CLOSE')) return '{{ is closed with }}}';
  if (got === 'CLOSE' && wants('CLOSE_UNESCAPED')) return '{{{ is closed with }}';
  return undefined;
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
    const wanted = [...new Set(expected.map(textOf))];
    const list = wanted.length > 1 ? `one of ${wanted.join(', ')}` : wanted[0];
    return { line: Number(parse[1]), message: mistake(got, expected) ?? `unexpected ${textOf(got)}; Handlebars expects ${list}` };
  }
  const unmatched = /^(.+) doesn't match (.+) - (\d+):\d+$/.exec(lines[0]);
  if (unmatched) return { line: Number(unmatched[3]), message: `{{/${unmatched[2]}}} closes {{#${unmatched[1]}}}: a block is closed with its own name` };
  const lexical = /^Lexical error on line (\d+)\. Unrecognized text\.$/.exec(lines[0]);
  if (lexical) return { line: Number(lexical[1]), message: 'Handlebars cannot read the text here (a {{!-- comment not closed with --}}?)' };
  const line = /on line (\d+)/.exec(lines[0]);
  return { line: line ? Number(line[1]) : 1, message: lines[0].replace(/[.:]$/, '') };
}
