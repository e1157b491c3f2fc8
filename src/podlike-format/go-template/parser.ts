/**
 * Parses a Go template into its named trees (the main one and every {{define}}/{{block}}),
 * with Go 1.19's grammar, variable scoping and error messages (`template: NAME:LINE: ...`).
 */
import { GoTemplateError, lineAndCol } from './errors.js';
import { type Item, type ItemType, lex } from './lexer.js';
import { UnsupportedNumber, parseNumber } from './number-constant.js';
import type { ArgNode, BranchNode, CommandNode, ListNode, Node, PipeNode, TemplateNode } from './parse-tree.js';
import { goQuoteString, nodeString } from './parse-tree.js';
import { UnsupportedLiteral, unquoteGoString } from './unquote.js';

export interface Tree {
  name: string;
  root: ListNode;
}

type EndOrElse = { type: 'end'; pos: number } | { type: 'else'; pos: number; line: number };
type Parsed = Node | EndOrElse;

class ParseError {
  constructor(readonly message: string, readonly pos: number, readonly unsupported = false) {}
}

class TreeParser {
  name: string;
  root: ListNode | null = null;
  private token: Item[] = [];
  private peekCount = 0;
  private vars: string[] = ['$'];
  private actionLine = 0;
  private rangeDepth = 0;

  constructor(
    name: string,
    private readonly parseName: string,
    private readonly items: { list: Item[]; index: number },
    private readonly treeSet: Map<string, Tree>,
    private readonly hasFunction: (name: string) => boolean,
  ) {
    this.name = name;
  }

  private nextItem(): Item {
    const item = this.items.list[this.items.index]!;
    if (item.typ !== 'EOF' && item.typ !== 'error') this.items.index++;
    return item;
  }

  next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.nextItem();
    return this.token[this.peekCount]!;
  }

  backup(): void {
    this.peekCount++;
  }

  backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    this.token[0] = this.nextItem();
    return this.token[0];
  }

  nextNonSpace(): Item {
    for (;;) {
      const token = this.next();
      if (token.typ !== 'space') return token;
    }
  }

  peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  /** Go's message names the line of the last token read; at, when known, places the diagnostic better. */
  errorf(message: string, at?: number): never {
    this.root = null;
    const current = this.token[0]!;
    throw new ParseError(`template: ${this.parseName}:${current.line}: ${message}`, at ?? current.pos);
  }

  expect(expected: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== expected) this.unexpected(token, context);
    return token;
  }

  expectOneOf(a: ItemType, b: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== a && token.typ !== b) this.unexpected(token, context);
    return token;
  }

  unexpected(token: Item, context: string): never {
    if (token.typ === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${token.val}${extra}`, token.pos);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`, token.pos);
  }

  add(): void {
    const tree = this.treeSet.get(this.name);
    if (tree === undefined || isEmptyTree(tree.root)) {
      this.treeSet.set(this.name, { name: this.name, root: this.root! });
      return;
    }
    if (!isEmptyTree(this.root!)) this.errorf(`template: multiple definition of template ${goQuoteString(this.name)}`);
  }

  parse(): void {
    this.root = newList(this.peek().pos);
    while (this.peek().typ !== 'EOF') {
      if (this.peek().typ === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().typ === 'define') {
          const definition = this.child('definition');
          definition.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${endOrElseString(n)}`);
      this.root.nodes.push(n);
    }
  }

  private child(name: string): TreeParser {
    return new TreeParser(name, this.parseName, this.items, this.treeSet, this.hasFunction);
  }

  parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf('string', 'rawString', context);
    this.name = this.unquote(name.val);
    this.expect('rightDelim', context);
    const [list, end] = this.itemList();
    this.root = list;
    if (end.type !== 'end') this.errorf(`unexpected ${parsedString(end)} in ${context}`);
    this.add();
  }

  itemList(): [ListNode, Parsed] {
    const list = newList(this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== 'EOF') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  textOrAction(): Parsed {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'text':
        return { type: 'text', pos: token.pos, text: token.val };
      case 'leftDelim':
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      default:
        this.unexpected(token, 'input');
    }
  }

  action(): Parsed {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'block':
        return this.blockControl();
      case 'break':
        return this.breakOrContinue('break', token.pos);
      case 'continue':
        return this.breakOrContinue('continue', token.pos);
      case 'else':
        return this.elseControl();
      case 'end':
        return { type: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if':
        return this.branch('if');
      case 'range':
        return this.branch('range');
      case 'template':
        return this.templateControl();
      case 'with':
        return this.branch('with');
    }
    this.backup();
    const peeked = this.peek();
    return { type: 'action', pos: peeked.pos, pipe: this.pipeline('command', 'rightDelim') };
  }

  breakOrContinue(which: 'break' | 'continue', pos: number): Node {
    const token = this.nextNonSpace();
    if (token.typ !== 'rightDelim') this.unexpected(token, `{{${which}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${which}}} outside {{range}}`);
    return { type: which, pos };
  }

  pipeline(context: string, end: ItemType): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: first.pos, isAssign: false, decl: [], cmds: [] };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== 'variable') break;
      this.next();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === 'assign' || next.typ === 'declare') {
        pipe.isAssign = next.typ === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: v.val.split('.') });
        this.vars.push(v.val);
      } else if (next.typ === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: v.val.split('.') });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.peekNonSpace().typ;
          if (after === 'variable' || after === 'rightDelim' || after === 'rightParen') continue decls;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (tokenAfterVariable.typ === 'space') {
        this.backup3(v, tokenAfterVariable);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      if (token.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (token.typ) {
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0]!.type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  parseControl(allowElseIf: boolean, context: string): { pipe: PipeNode; list: ListNode; elseList: ListNode | null } {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      let [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === 'else') {
        if (allowElseIf && this.peek().typ === 'if') {
          this.next();
          elseList = newList(next.pos);
          elseList.nodes.push(this.branch('if'));
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== 'end') this.errorf(`expected end; found ${parsedString(next)}`);
        }
      }
      return { pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  branch(kind: 'if' | 'range' | 'with'): BranchNode {
    const { pipe, list, elseList } = this.parseControl(kind === 'if', kind);
    return { type: kind, pos: pipe.pos, pipe, list, elseList };
  }

  elseControl(): Parsed {
    const peek = this.peekNonSpace();
    if (peek.typ === 'if') return { type: 'else', pos: peek.pos, line: peek.line };
    const token = this.expect('rightDelim', 'else');
    return { type: 'else', pos: token.pos, line: token.line };
  }

  blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const block = this.child(name);
    const [list, end] = block.itemList();
    block.root = list;
    if (end.type !== 'end') this.errorf(`unexpected ${parsedString(end)} in ${context}`);
    block.add();
    return { type: 'template', pos: token.pos, name, pipe } satisfies TemplateNode;
  }

  templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: token.pos, name, pipe };
  }

  parseTemplateName(token: Item, context: string): string {
    if (token.typ === 'string' || token.typ === 'rawString') return this.unquote(token.val);
    this.unexpected(token, context);
  }

  unquote(quoted: string): string {
    const s = unquoteGoString(quoted);
    if (s === null) this.errorf('invalid syntax');
    return s;
  }

  command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== null) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === 'space') continue;
      if (token.typ === 'rightDelim' || token.typ === 'rightParen') this.backup();
      else if (token.typ !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  operand(): ArgNode | null {
    let node = this.term();
    if (node === null) return null;
    if (this.peek().typ === 'field') {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
      const chain = { type: 'chain' as const, pos, node, field: fields };
      switch (node.type) {
        case 'field':
          node = { type: 'field', pos, ident: nodeString(chain).slice(1).split('.') };
          break;
        case 'variable':
          node = { type: 'variable', pos, ident: nodeString(chain).split('.') };
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${goQuoteString(nodeString(node))}`);
          break;
        default:
          node = chain;
      }
    }
    return node;
  }

  term(): ArgNode | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'identifier':
        if (!this.hasFunction(token.val)) this.errorf(`function ${goQuoteString(token.val)} not defined`, token.pos);
        return { type: 'identifier', pos: token.pos, ident: token.val };
      case 'dot':
        return { type: 'dot', pos: token.pos };
      case 'nil':
        return { type: 'nil', pos: token.pos };
      case 'variable':
        return this.useVar(token.pos, token.val);
      case 'field':
        return { type: 'field', pos: token.pos, ident: token.val.slice(1).split('.') };
      case 'bool':
        return { type: 'bool', pos: token.pos, value: token.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number': {
        const parsed = this.guarded(token, () => parseNumber(token.val, token.typ));
        if (typeof parsed === 'string') this.errorf(parsed);
        return { type: 'number', pos: token.pos, text: token.val, value: parsed };
      }
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        return { type: 'string', pos: token.pos, quoted: token.val, text: this.guarded(token, () => this.unquote(token.val)) };
    }
    this.backup();
    return null;
  }

  /** Turns what this engine refuses in a literal into a positioned error. */
  guarded<T>(token: Item, read: () => T): T {
    try {
      return read();
    } catch (e) {
      if (e instanceof UnsupportedNumber || e instanceof UnsupportedLiteral) {
        const message = `template: ${this.parseName}:${token.line}: unsupported by podlike-gen's Go template engine: ${e.message}`;
        throw new ParseError(message, token.pos, true);
      }
      throw e;
    }
  }

  useVar(pos: number, name: string): ArgNode {
    const ident = name.split('.');
    if (!this.vars.includes(ident[0]!)) this.errorf(`undefined variable ${goQuoteString(ident[0]!)}`, pos);
    return { type: 'variable', pos, ident };
  }
}

function newList(pos: number): ListNode {
  return { type: 'list', pos, nodes: [] };
}

function isEmptyTree(n: Node): boolean {
  switch (n.type) {
    case 'comment':
      return true;
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return n.text.trim() === '' && !/[\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(n.text);
    default:
      return false;
  }
}

function endOrElseString(n: EndOrElse): string {
  return n.type === 'end' ? '{{end}}' : '{{else}}';
}

function parsedString(n: Parsed): string {
  return n.type === 'end' || n.type === 'else' ? endOrElseString(n) : nodeString(n);
}

/** Go's item.String() as parse errors show it. */
function itemString(i: Item): string {
  if (i.typ === 'EOF') return 'EOF';
  if (i.typ === 'error') return i.val;
  if (['block', 'break', 'continue', 'dot', 'define', 'else', 'end', 'if', 'nil', 'range', 'template', 'with'].includes(i.typ)) return `<${i.val}>`;
  if ([...i.val].length > 10) return `${goQuoteString([...i.val].slice(0, 10).join(''))}...`;
  return goQuoteString(i.val);
}

/** Parses the whole text: the trees by name, the main one under `name`. */
export function parseTrees(name: string, text: string, hasFunction: (name: string) => boolean): Map<string, Tree> {
  const treeSet = new Map<string, Tree>();
  const main = new TreeParser(name, name, { list: lex(text), index: 0 }, treeSet, hasFunction);
  try {
    main.parse();
    main.add();
  } catch (e) {
    if (e instanceof ParseError) {
      const { line, col } = lineAndCol(text, e.pos);
      throw new GoTemplateError(e.message, line, col, e.unsupported);
    }
    throw e;
  }
  return treeSet;
}
