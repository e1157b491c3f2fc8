/**
 * Splits a Go template into the tokens Go's text/template lexer yields (Go 1.19): text, action
 * delimiters with their `{{-`/`-}}` trimming, and the words inside actions. Stops at the first
 * lexical error, which becomes an error token the parser reports where it meets it.
 */

export type ItemType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'complex' | 'assign' | 'declare' | 'EOF'
  | 'field' | 'identifier' | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString'
  | 'rightDelim' | 'rightParen' | 'space' | 'string' | 'text' | 'variable'
  | 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil' | 'range' | 'template' | 'with';

export interface Item {
  typ: ItemType;
  /** Offset in the input (UTF-16 units). */
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: Record<string, ItemType> = {
  '.': 'dot', block: 'block', break: 'break', continue: 'continue', define: 'define', else: 'else',
  end: 'end', if: 'if', range: 'range', nil: 'nil', template: 'template', with: 'with',
};

const LEFT = '{{';
const RIGHT = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string): boolean => c === '_' || /^[\p{L}\p{Nd}]$/u.test(c);
const hasLeftTrimMarker = (s: string): boolean => s.length >= 2 && s[0] === '-' && isSpace(s[1]!);
const hasRightTrimMarker = (s: string): boolean => s.length >= 2 && isSpace(s[0]!) && s[1] === '-';
const countNewlines = (s: string): number => s.split('\n').length - 1;

class Lexer {
  readonly items: Item[] = [];
  pos = 0;
  start = 0;
  atEOF = false;
  parenDepth = 0;
  line = 1;
  startLine = 1;

  constructor(readonly input: string) {}

  next(): string {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return '';
    }
    const cp = this.input.codePointAt(this.pos)!;
    const r = String.fromCodePoint(cp);
    this.pos += r.length;
    if (r === '\n') this.line++;
    return r;
  }

  peek(): string {
    const r = this.next();
    this.backup(r);
    return r;
  }

  backup(r: string): void {
    if (!this.atEOF && this.pos > 0 && r !== '') {
      this.pos -= r.length;
      if (r === '\n') this.line--;
    }
    this.atEOF = false;
  }

  emit(typ: ItemType): void {
    this.items.push({ typ, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine });
    this.start = this.pos;
    this.startLine = this.line;
  }

  ignore(): void {
    this.line += countNewlines(this.input.slice(this.start, this.pos));
    this.start = this.pos;
    this.startLine = this.line;
  }

  accept(valid: string): boolean {
    const r = this.next();
    if (r !== '' && valid.includes(r)) return true;
    this.backup(r);
    return false;
  }

  acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === '' || !valid.includes(r)) {
        this.backup(r);
        return;
      }
    }
  }

  errorf(message: string): null {
    this.items.push({ typ: 'error', pos: this.start, val: message, line: this.startLine });
    return null;
  }

  rest(at = this.pos): string {
    return this.input.slice(at);
  }

  atRightDelim(): { delim: boolean; trimSpaces: boolean } {
    if (hasRightTrimMarker(this.rest()) && this.rest(this.pos + 2).startsWith(RIGHT)) return { delim: true, trimSpaces: true };
    if (this.rest().startsWith(RIGHT)) return { delim: true, trimSpaces: false };
    return { delim: false, trimSpaces: false };
  }

  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    if (r === '' || '.,|:)('.includes(r)) return true;
    return this.rest().startsWith(RIGHT);
  }
}

type StateFn = (l: Lexer) => StateFn | null;

const lexText: StateFn = (l) => {
  const x = l.input.indexOf(LEFT, l.pos);
  if (x >= 0) {
    l.pos = x;
    let trimLength = 0;
    if (hasLeftTrimMarker(l.rest(l.pos + LEFT.length))) {
      const before = l.input.slice(l.start, l.pos);
      trimLength = before.length - before.replace(/[ \t\r\n]+$/, '').length;
    }
    l.pos -= trimLength;
    if (l.pos > l.start) {
      l.line += countNewlines(l.input.slice(l.start, l.pos));
      l.emit('text');
    }
    l.pos += trimLength;
    l.ignore();
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) {
    l.line += countNewlines(l.input.slice(l.start, l.pos));
    l.emit('text');
  }
  l.emit('EOF');
  return null;
};

const leftTrimLength = (s: string): number => s.length - s.replace(/^[ \t\r\n]+/, '').length;

const lexLeftDelim: StateFn = (l) => {
  l.pos += LEFT.length;
  const trimSpace = hasLeftTrimMarker(l.rest());
  const afterMarker = trimSpace ? 2 : 0;
  if (l.rest(l.pos + afterMarker).startsWith(LEFT_COMMENT)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  l.emit('leftDelim');
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return lexInsideAction;
};

const lexComment: StateFn = (l) => {
  l.pos += LEFT_COMMENT.length;
  const i = l.input.indexOf(RIGHT_COMMENT, l.pos);
  if (i < 0) return l.errorf('unclosed comment');
  l.pos = i + RIGHT_COMMENT.length;
  const { delim, trimSpaces } = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  if (trimSpaces) l.pos += 2;
  l.pos += RIGHT.length;
  if (trimSpaces) l.pos += leftTrimLength(l.rest());
  l.ignore();
  return lexText;
};

const lexRightDelim: StateFn = (l) => {
  const trimSpace = hasRightTrimMarker(l.rest());
  if (trimSpace) {
    l.pos += 2;
    l.ignore();
  }
  l.pos += RIGHT.length;
  l.emit('rightDelim');
  if (trimSpace) {
    l.pos += leftTrimLength(l.rest());
    l.ignore();
  }
  return lexText;
};

const lexInsideAction: StateFn = (l) => {
  if (l.atRightDelim().delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.next();
  if (r === '') return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup(r);
    return lexSpace;
  }
  switch (r) {
    case '=':
      l.emit('assign');
      return lexInsideAction;
    case ':':
      if (l.next() !== '=') return l.errorf('expected :=');
      l.emit('declare');
      return lexInsideAction;
    case '|':
      l.emit('pipe');
      return lexInsideAction;
    case '"':
      return lexQuote;
    case '`':
      return lexRawQuote;
    case '$':
      return lexVariable;
    case "'":
      return lexChar;
    case '(':
      l.emit('leftParen');
      l.parenDepth++;
      return lexInsideAction;
    case ')':
      l.emit('rightParen');
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf(`unexpected right paren ${goRuneU(r)}`);
      return lexInsideAction;
  }
  if (r === '.') {
    const c = l.input[l.pos];
    if (c !== undefined && (c < '0' || c > '9')) return lexField;
  }
  if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
    l.backup(r);
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup(r);
    return lexIdentifier;
  }
  const cp = r.codePointAt(0)!;
  if (cp <= 0x7f && cp >= 0x20 && cp !== 0x7f) {
    l.emit('char');
    return lexInsideAction;
  }
  return l.errorf(`unrecognized character in action: ${goRuneU(r)}`);
};

const lexSpace: StateFn = (l) => {
  let numSpaces = 0;
  for (;;) {
    const r = l.peek();
    if (!isSpace(r)) break;
    l.next();
    numSpaces++;
  }
  if (hasRightTrimMarker(l.rest(l.pos - 1)) && l.rest(l.pos - 1 + 2).startsWith(RIGHT)) {
    l.backup(l.input[l.pos - 1]!);
    if (numSpaces === 1) return lexRightDelim;
  }
  l.emit('space');
  return lexInsideAction;
};

const lexIdentifier: StateFn = (l) => {
  for (;;) {
    const r = l.next();
    if (r !== '' && isAlphaNumeric(r)) continue;
    l.backup(r);
    const word = l.input.slice(l.start, l.pos);
    if (!l.atTerminator()) return l.errorf(`bad character ${goRuneU(r)}`);
    const keyword = KEYWORDS[word];
    if (keyword !== undefined && keyword !== 'dot') l.emit(keyword);
    else if (word[0] === '.') l.emit('field');
    else if (word === 'true' || word === 'false') l.emit('bool');
    else l.emit('identifier');
    return lexInsideAction;
  }
};

const lexField: StateFn = (l) => lexFieldOrVariable(l, 'field');

const lexVariable: StateFn = (l) => {
  if (l.atTerminator()) {
    l.emit('variable');
    return lexInsideAction;
  }
  return lexFieldOrVariable(l, 'variable');
};

function lexFieldOrVariable(l: Lexer, typ: ItemType): StateFn | null {
  if (l.atTerminator()) {
    l.emit(typ === 'variable' ? 'variable' : 'dot');
    return lexInsideAction;
  }
  let r: string;
  for (;;) {
    r = l.next();
    if (r === '' || !isAlphaNumeric(r)) {
      l.backup(r);
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${goRuneU(r)}`);
  l.emit(typ);
  return lexInsideAction;
}

const lexChar: StateFn = (l) => {
  for (;;) {
    let r = l.next();
    if (r === '\\') {
      r = l.next();
      if (r !== '' && r !== '\n') continue;
      return l.errorf('unterminated character constant');
    }
    if (r === '' || r === '\n') return l.errorf('unterminated character constant');
    if (r === "'") break;
  }
  l.emit('charConstant');
  return lexInsideAction;
};

const lexNumber: StateFn = (l) => {
  if (!scanNumber(l)) return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === '+' || sign === '-') {
    if (!scanNumber(l) || l.input[l.pos - 1] !== 'i') return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
    l.emit('complex');
  } else {
    l.emit('number');
  }
  return lexInsideAction;
};

function scanNumber(l: Lexer): boolean {
  l.accept('+-');
  let digits = '0123456789_';
  if (l.accept('0')) {
    if (l.accept('xX')) digits = '0123456789abcdefABCDEF_';
    else if (l.accept('oO')) digits = '01234567_';
    else if (l.accept('bB')) digits = '01_';
  }
  l.acceptRun(digits);
  if (l.accept('.')) l.acceptRun(digits);
  if (digits.length === 11 && l.accept('eE')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  if (digits.length === 23 && l.accept('pP')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  l.accept('i');
  const p = l.peek();
  if (p !== '' && isAlphaNumeric(p)) {
    l.next();
    return false;
  }
  return true;
}

const lexQuote: StateFn = (l) => {
  for (;;) {
    let r = l.next();
    if (r === '\\') {
      r = l.next();
      if (r !== '' && r !== '\n') continue;
      return l.errorf('unterminated quoted string');
    }
    if (r === '' || r === '\n') return l.errorf('unterminated quoted string');
    if (r === '"') break;
  }
  l.emit('string');
  return lexInsideAction;
};

const lexRawQuote: StateFn = (l) => {
  for (;;) {
    const r = l.next();
    if (r === '') return l.errorf('unterminated raw quoted string');
    if (r === '`') break;
  }
  l.emit('rawString');
  return lexInsideAction;
};

/** Go's %#U of a rune: U+0023 '#'. */
function goRuneU(r: string): string {
  if (r === '') return 'U+FFFFFFFFFFFFFFFF';
  const cp = r.codePointAt(0)!;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return isPrintable(cp) ? `U+${hex} '${r}'` : `U+${hex}`;
}

function isPrintable(cp: number): boolean {
  return !/^[\p{C}\p{Z}]$/u.test(String.fromCodePoint(cp)) || cp === 0x20;
}

/** strconv.Quote, for the ASCII-printable texts lexer errors quote. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

export function lex(input: string): Item[] {
  const l = new Lexer(input);
  for (let state: StateFn | null = lexText; state !== null; ) state = state(l);
  return l.items;
}
