/**
 * The parse tree of a Go template, shaped like Go's text/template/parse nodes, and their
 * printed form: Go's execution errors quote the node they stopped at (`at <.Args.X>`).
 */

export interface NumberConst {
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64: bigint;
  uint64: bigint;
  float64: number;
}

interface At {
  /** Offset in the template text (UTF-16 units). */
  pos: number;
}

export type Node =
  | (At & { type: 'text'; text: string })
  | (At & { type: 'comment'; text: string })
  | ActionNode
  | (At & { type: 'break' })
  | (At & { type: 'continue' })
  | BranchNode
  | ListNode
  | TemplateNode
  | PipeNode
  | CommandNode
  | ArgNode;

export type ArgNode =
  | (At & { type: 'identifier'; ident: string })
  | (At & { type: 'variable'; ident: string[] })
  | (At & { type: 'dot' })
  | (At & { type: 'nil' })
  | (At & { type: 'field'; ident: string[] })
  | (At & { type: 'chain'; node: Node; field: string[] })
  | (At & { type: 'bool'; value: boolean })
  | (At & { type: 'number'; text: string; value: NumberConst })
  | (At & { type: 'string'; quoted: string; text: string })
  | PipeNode;

export interface ListNode extends At {
  type: 'list';
  nodes: Node[];
}

export interface ActionNode extends At {
  type: 'action';
  pipe: PipeNode;
}

export interface PipeNode extends At {
  type: 'pipe';
  isAssign: boolean;
  decl: (At & { type: 'variable'; ident: string[] })[];
  cmds: CommandNode[];
}

export interface CommandNode extends At {
  type: 'command';
  args: ArgNode[];
}

export interface BranchNode extends At {
  type: 'if' | 'range' | 'with';
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}

export interface TemplateNode extends At {
  type: 'template';
  name: string;
  pipe: PipeNode | null;
}

/** Go's Node.String(). */
export function nodeString(n: Node): string {
  switch (n.type) {
    case 'text':
      return n.text;
    case 'comment':
      return `{{${n.text}}}`;
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'if':
    case 'range':
    case 'with':
      return `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}${n.elseList ? `{{else}}${nodeString(n.elseList)}` : ''}{{end}}`;
    case 'template':
      return `{{template ${goQuoteString(n.name)}${n.pipe ? ` ${nodeString(n.pipe)}` : ''}}}`;
    case 'pipe': {
      const decl = n.decl.length > 0 ? `${n.decl.map(nodeString).join(', ')} := ` : '';
      return decl + n.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'identifier':
      return n.ident;
    case 'variable':
      return n.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'field':
      return n.ident.map((id) => `.${id}`).join('');
    case 'chain':
      return (n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node)) + n.field.map((f) => `.${f}`).join('');
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
  }
}

/** strconv.Quote: Go's double-quoted form, keeping printable Unicode. */
export function goQuoteString(s: string): string {
  let out = '"';
  for (const ch of s) out += quoteRune(ch);
  return `${out}"`;
}

function quoteRune(ch: string): string {
  const cp = ch.codePointAt(0)!;
  switch (ch) {
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\x07':
      return '\\a';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\v':
      return '\\v';
  }
  if (isGoPrint(cp)) return ch;
  if (cp < 0x80) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isGoPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(String.fromCodePoint(cp));
}
