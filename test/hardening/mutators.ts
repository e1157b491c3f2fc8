/**
 * Seeded, deterministic mutations of a YAML text, for fuzzing the compiler with inputs that are
 * almost right: what an editor, a bad merge or a copy-paste leaves behind. The same text and
 * seed always give the same mutation, so a failure is reproduced from (input, seed) alone.
 */
import { readdirSync, existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Random {
  next: () => number;
  int: (maxExclusive: number) => number;
  pick: <T>(items: readonly T[]) => T;
}

export function random(seed: number): Random {
  const next = rng(seed);
  const int = (max: number) => Math.floor(next() * Math.max(1, max));
  return { next, int, pick: (items) => items[int(items.length)] };
}

export interface Mutation {
  text: string;
  /** What was done, precisely enough to read; (input, seed) reproduces it. */
  description: string;
}

type Mutator = (text: string, r: Random) => Mutation;

const lines = (text: string) => text.split('\n');
const unlines = (list: string[]) => list.join('\n');

/** Lines that hold a `key:` (skipping comments and blank lines). */
function keyLines(list: string[]): number[] {
  return list.flatMap((line, i) => (/^\s*(- )?[^#\s][^:]*:(\s|$)/.test(line) ? [i] : []));
}

/** Lines that hold `key: scalar`. */
function scalarLines(list: string[]): number[] {
  return list.flatMap((line, i) => (/^\s*(- )?[^#\s][^:]*:\s+[^\s#|>&*!{[][^#]*$/.test(line) ? [i] : []));
}

function anyLine(list: string[], r: Random, candidates: number[]): number {
  return candidates.length > 0 ? r.pick(candidates) : r.int(list.length);
}

const WRONG_TYPES = ['{a: 1, b: [2]}', '[1, 2, three]', '42', '-7.5', 'true', 'false', 'null', '~', '{}', '[]', '0x1F', '"', "'unterminated", '*nope', '&a', '!!binary x', '|', '>-'];

// ---- host paths (issue 19.1): files a stack names and the compile reads ----

/**
 * Paths a stack may name for a file of the machine that compiles it: system files, escapes
 * with `..`, paths through the symbolic links every Linux has (/proc/self/root, /proc/self/cwd,
 * /dev/stdin, /etc/mtab), odd forms of a local file, and what is not a path at all.
 */
const HOST_PATHS = [
  '/proc/self/environ', '/proc/1/environ', '/dev/zero', '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0', '/sys/kernel/mm/transparent_hugepage/enabled',
  '/etc/hostname', '/etc/mtab', '/proc/self/root/etc/passwd', '/proc/self/cwd/stack.yml', '../../../../../../../../etc/passwd', '..', '.', '/', '""',
  '~/.env', '${HOME}/.env', '$$x', 'api.env', './api.env/', 'api.env/..', './sub/../api.env', 'nope.env', 'stack.yml', '"a\\0b"', '"\\u2028"',
];

/** The mutations that point a stack's env_file or templates-path at a host path (written as YAML scalars): separate from the others, drawn like them. */
function hostPathMutators(): Record<string, Mutator> {
  return {
    envFilePath(text, r) {
      const list = lines(text);
      const path = r.pick(HOST_PATHS);
      const value = r.next() < 0.25 ? `[${path}, ${r.pick(HOST_PATHS)}]` : path;
      const existing = list.flatMap((line, i) => (/^\s+env_file:/.test(line) ? [i] : []));
      if (existing.length > 0 && r.next() < 0.5) {
        const i = r.pick(existing);
        list[i] = list[i].replace(/(env_file:).*/, `$1 ${value}`);
        return { text: unlines(list), description: `line ${i + 1}: env_file set to ${value}` };
      }
      const images = list.flatMap((line, i) => (/^\s+image:/.test(line) ? [i] : []));
      const i = anyLine(list, r, images);
      const indent = /^\s*/.exec(list[i])?.[0] ?? '    ';
      list.splice(i + 1, 0, `${indent}env_file: ${value}`);
      return { text: unlines(list), description: `after line ${i + 1}: env_file: ${value}` };
    },
    templatesPathEscape(text, r) {
      const list = lines(text);
      const value = `[${r.pick(HOST_PATHS)}]`;
      const i = list.findIndex((line) => /^\s+templates-path:/.test(line));
      if (i >= 0) {
        list[i] = list[i].replace(/(templates-path:).*/, `$1 ${value}`);
        return { text: unlines(list), description: `line ${i + 1}: templates-path set to ${value}` };
      }
      const top = list.findIndex((line) => /^x-podlike:/.test(line));
      if (top >= 0) {
        list.splice(top + 1, 0, `  templates-path: ${value}`);
        return { text: unlines(list), description: `after line ${top + 1}: templates-path: ${value}` };
      }
      return { text: `${text.replace(/\n?$/, '\n')}x-podlike:\n  templates-path: ${value}\n`, description: `x-podlike.templates-path: ${value} added at the end` };
    },
  };
}

/** Names a stack may give the main component: ordinary, a template's component, `app`, and what no container may be called. */
const MAIN_COMPONENT_NAMES = ['main', 'app', 'logging', 'proxy', 'sidecar', 'git-sync', 'consul-agent', 'init', '-x', '"a b"', '""', '__proto__', 'constructor', '"\u2028"', '[main]', '{}', '7'];

/** The pod-shape settings of issue 22 (x-podlike.merge, x-podlike.main-component), where a stack has pods. */
function podShapeMutators(): Record<string, Mutator> {
  return {
    mergeMode(text, r) {
      const value = r.pick(['podlike', 'podlike', 'podlike-gen', 'Podlike', '[podlike]', 'null']);
      const list = lines(text);
      const top = list.findIndex((line) => /^x-podlike:/.test(line));
      if (top >= 0 && /^x-podlike:\s*$/.test(list[top])) {
        list.splice(top + 1, 0, `  merge: ${value}`);
        return { text: unlines(list), description: `after line ${top + 1}: merge: ${value}` };
      }
      return { text: `${text.replace(/\n?$/, '\n')}${top >= 0 ? 'x-podlike-extra' : 'x-podlike'}:\n  merge: ${value}\n`, description: `x-podlike.merge: ${value} added at the end` };
    },
    mainComponent(text, r) {
      const list = lines(text);
      const value = r.pick(MAIN_COMPONENT_NAMES);
      const pods = list.flatMap((line, i) => (/^\s+(podlike\.templates:|x-podlike:\s*$)/.test(line) ? [i] : []));
      const i = anyLine(list, r, pods);
      const indent = /^\s*/.exec(list[i])?.[0] ?? '    ';
      const line = /x-podlike:\s*$/.test(list[i]) ? `${indent}  main-component: ${value}` : `${indent.slice(2) || '    '}x-podlike: {main-component: ${value}}`;
      list.splice(i + 1, 0, line);
      return { text: unlines(list), description: `after line ${i + 1}: ${line.trim()}` };
    },
  };
}

/**
 * The YAML-level mutations. A value is replaced with the pattern `(:\s+).*`, never `.*$`: on a
 * 200,000-character line with a CR in it, `$` failed after every `:` and each retry scanned
 * to the CR (quadratic: minutes).
 */
const MUTATORS: Record<string, Mutator> = {
  truncate(text, r) {
    const at = r.int(text.length + 1);
    return { text: text.slice(0, at), description: `truncate at offset ${at} of ${text.length}` };
  },
  wrongType(text, r) {
    const list = lines(text);
    const i = anyLine(list, r, scalarLines(list));
    const replacement = r.pick(WRONG_TYPES);
    const before = list[i];
    list[i] = /:\s+/.test(before) ? before.replace(/(:\s+).*/, `$1${replacement}`) : `${before} ${replacement}`;
    return { text: unlines(list), description: `line ${i + 1}: value replaced by ${JSON.stringify(replacement)}` };
  },
  wrongTypeBlock(text, r) {
    // A scalar replaced by a block mapping or list under it, indented one level deeper.
    const list = lines(text);
    const i = anyLine(list, r, scalarLines(list));
    const indent = (/^\s*/.exec(list[i])?.[0] ?? '') + '  ';
    const block = r.next() < 0.5 ? [`${indent}x: 1`, `${indent}y: [a]`] : [`${indent}- a`, `${indent}- b: c`];
    list.splice(i, 1, list[i].replace(/(:)\s+.*/, '$1'), ...block);
    return { text: unlines(list), description: `line ${i + 1}: value replaced by a block ${block[0].trim().startsWith('-') ? 'list' : 'mapping'}` };
  },
  deleteKeyLine(text, r) {
    const list = lines(text);
    const i = anyLine(list, r, keyLines(list));
    list.splice(i, 1);
    return { text: unlines(list), description: `line ${i + 1} deleted` };
  },
  duplicateLine(text, r) {
    const list = lines(text);
    const i = anyLine(list, r, keyLines(list));
    list.splice(i, 0, list[i]);
    return { text: unlines(list), description: `line ${i + 1} duplicated` };
  },
  tabIndent(text, r) {
    const list = lines(text);
    const indented = list.flatMap((line, i) => (/^ +\S/.test(line) ? [i] : []));
    const i = anyLine(list, r, indented);
    const mode = r.int(3);
    list[i] = mode === 0 ? list[i].replace(/^ +/, '\t') : mode === 1 ? list[i].replace(/^ {2}/, '\t') : `\t${list[i]}`;
    return { text: unlines(list), description: `line ${i + 1}: tab in the indentation (mode ${mode})` };
  },
  bom(text) {
    return { text: `\ufeff${text}`, description: 'byte-order mark prefixed' };
  },
  crlf(text, r) {
    const mixed = r.next() < 0.3;
    let n = 0;
    const out = text.replace(/\n/g, () => (!mixed || n++ % 2 === 0 ? '\r\n' : '\n'));
    return { text: out, description: mixed ? 'CRLF on every other line' : 'CRLF line ends' };
  },
  crOnly(text) {
    return { text: text.replace(/\n/g, '\r'), description: 'CR-only line ends' };
  },
  longString(text, r) {
    const list = lines(text);
    const i = anyLine(list, r, scalarLines(list));
    const unit = r.pick(['x', 'ab ', '{{', '${', '\\', '日本', 'a: ', '7']);
    // A different last character: a pattern that backtracks does so on a long run that almost matches.
    const tail = r.pick(['', '', 'x', ': ']);
    const long = unit.repeat(Math.ceil(200_000 / unit.length)) + tail;
    const quoted = r.next() < 0.5;
    list[i] = list[i].replace(/(:\s+).*/, `$1${quoted ? JSON.stringify(long) : long}`);
    return { text: unlines(list), description: `line ${i + 1}: value replaced by ${long.length} chars of ${JSON.stringify(unit)}${tail ? ` ending in ${JSON.stringify(tail)}` : ''}${quoted ? ' (quoted)' : ''}` };
  },
  deepNesting(text, r) {
    const depth = r.pick([60, 99, 101, 150, 1000, 5000, 20000]);
    const kind = r.int(4);
    const nested =
      kind === 0
        ? `${'['.repeat(depth)}${']'.repeat(depth)}`
        : kind === 1
          ? `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`
          : kind === 2
            ? `\n${Array.from({ length: Math.min(depth, 400) }, (_, d) => `${' '.repeat(2 * d + 4)}k${d}:`).join('\n')} end`
            : `\n${Array.from({ length: Math.min(depth, 400) }, (_, d) => `${' '.repeat(2 * d + 4)}-`).join('\n')} end`;
    const list = lines(text);
    const i = anyLine(list, r, scalarLines(list));
    list[i] = list[i].replace(/(:)\s+.*/, `$1 ${nested}`);
    return { text: unlines(list), description: `line ${i + 1}: value replaced by nesting ${depth} deep (${['flow lists', 'flow maps', 'block maps', 'block lists'][kind]})` };
  },
  byteFlips(text, r) {
    const chars = [...text];
    const count = 1 + r.int(8);
    const done: string[] = [];
    for (let n = 0; n < count && chars.length > 0; n++) {
      const at = r.int(chars.length);
      const replacement = r.next() < 0.7 ? String.fromCharCode(32 + r.int(95)) : r.pick(['\n', '\t', '\0', '\r', '\u0085', '\u2028', '\ufffd', '\ud800', ':', '-', '#', '"', "'", '{', '}', '[', ']', '&', '*', '!', '|', '>', '%', '@', '`']);
      chars[at] = replacement;
      done.push(`${at}=${JSON.stringify(replacement)}`);
    }
    return { text: chars.join(''), description: `characters replaced: ${done.join(', ')}` };
  },
  swapLines(text, r) {
    const list = lines(text);
    const a = r.int(list.length);
    const b = r.int(list.length);
    [list[a], list[b]] = [list[b], list[a]];
    return { text: unlines(list), description: `lines ${a + 1} and ${b + 1} swapped` };
  },
  anchorsAliases(text, r) {
    // An alias to an anchor that is missing, defined later, or its own ancestor.
    const list = lines(text);
    const i = anyLine(list, r, scalarLines(list));
    const kind = r.int(3);
    if (kind === 0) list[i] = list[i].replace(/(:\s+).*/, '$1*missing');
    else if (kind === 1) list[i] = list[i].replace(/(:)\s*.*/, '$1 &self [*self]');
    else list[i] = list[i].replace(/(:)\s*.*/, '$1 &big [&l1 [a, a, a, a, a, a, a, a, a], [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]]');
    return { text: unlines(list), description: `line ${i + 1}: ${['alias to a missing anchor', 'self-referencing anchor', 'aliases of aliases'][kind]}` };
  },
  ...hostPathMutators(),
  ...podShapeMutators(),
};

/**
 * Characters that readers disagree on or that mean something to the compiler itself: line
 * separators Go's YAML reader breaks lines at (U+2028, U+2029, U+0085), a byte-order mark
 * inside the text, astral and private-use characters, NUL and a lone surrogate, written raw
 * or as an escape in a double-quoted scalar, in a value or in a key.
 */
const ODD_CHARACTERS = ['\u2028', '\u2029', '\u0085', '\ufeff', '😀', '\u{10FFFD}', '\u{F0000}', '\0', '\ud800', '\u00a0', '\u200b', '\r'];

function unicodeCharacters(text: string, r: Random): Mutation {
  const list = lines(text);
  const i = anyLine(list, r, scalarLines(list));
  const character = r.pick(ODD_CHARACTERS);
  const mode = r.int(4);
  const escaped = JSON.stringify(character).slice(1, -1);
  if (mode === 0) list[i] = list[i].replace(/(:\s+)(.*)/, (_, sep: string, value: string) => `${sep}${value}${character}`);
  else if (mode === 1) list[i] = list[i].replace(/(:\s+).*/, `$1"a${escaped}b"`);
  else if (mode === 2) list[i] = list[i].replace(/^(\s*(?:- )?)([^#\s][^:]*)(:)/, (_, lead: string, key: string, colon: string) => `${lead}${key}${character}${colon}`);
  else list[i] = list[i].replace(/(:\s+).*/, `$1"${escaped}${escaped}"`);
  const where = ['raw at the end of the value', 'escaped in a quoted value', 'raw in the key', 'escaped twice as the whole value'][mode];
  return { text: unlines(list), description: `line ${i + 1}: ${JSON.stringify(character)} ${where}` };
}

/**
 * The private-use characters value tokens are made of (U+E000 index U+E001): whole tokens,
 * partial ones and stray halves, in a stack's values or a template's text (where they are the
 * template's own text, beside `{{ }}` outputs).
 */
const TOKEN_LIKE = ['\ue0000\ue001', '\ue0001\ue001', '\ue000', '\ue001', '\ue000\ue000\ue001', 'x\ue0000\ue001y', '\ue00099\ue001', '\ue001\ue0000', '\u{F0000}0\u{F0001}'];

function tokenCharacters(text: string, r: Random): Mutation {
  const list = lines(text);
  const withMustache = list.flatMap((line, i) => (line.includes('{{') ? [i] : []));
  const i = anyLine(list, r, withMustache.length > 0 && r.next() < 0.5 ? withMustache : scalarLines(list));
  const token = r.pick(TOKEN_LIKE);
  const mode = r.int(3);
  if (mode === 0) list[i] = list[i].replace(/(:\s+).*/, `$1${JSON.stringify(token)}`);
  else if (mode === 1) list[i] = `${list[i]}${token}`;
  else list[i] = list[i].replace(/\{\{/, `${token}{{`);
  return { text: unlines(list), description: `line ${i + 1}: ${JSON.stringify(token)} ${['as the quoted value', 'at the end of the line', 'before the first {{'][mode]}` };
}

/**
 * One long string under an anchor, and many aliases of it elsewhere: few nodes, much text
 * (the node budget alone let 20 GB of output through). In a list, a flow list, or a `<<`
 * merge of a mapping that holds it.
 */
function longStringAliases(text: string, r: Random): Mutation {
  const list = lines(text);
  const scalars = scalarLines(list);
  const i = anyLine(list, r, scalars);
  const length = r.pick([1 << 10, 1 << 18, 1 << 20]);
  const count = r.pick([2, 8, 70, 2000]);
  const kind = r.int(3);
  const indent = (/^\s*/.exec(list[i])?.[0] ?? '') + '  ';
  const big = 'x'.repeat(length);
  let replaced: string[];
  if (kind === 0) replaced = [list[i].replace(/(:)\s+.*/, '$1'), `${indent}- &big "${big}"`, ...Array<string>(count).fill(`${indent}- *big`)];
  else if (kind === 1) replaced = [list[i].replace(/(:)\s+.*/, `$1 [&big "${big}", ${Array<string>(count).fill('*big').join(', ')}]`)];
  else replaced = [list[i].replace(/(:)\s+.*/, '$1'), `${indent}- &base {a: "${big}"}`, ...Array<string>(count).fill(`${indent}- {<<: *base, b: 1}`)];
  list.splice(i, 1, ...replaced);
  return { text: unlines(list), description: `line ${i + 1}: a ${length}-character string and ${count} aliases of it (${['block list', 'flow list', '<< merges'][kind]})` };
}

/** Mutations for the classes of issue 19 (Unicode, token characters, long-string aliases), kept apart from the others. */
const HOSTILE_TEXT_MUTATORS: Record<string, Mutator> = { unicodeCharacters, tokenCharacters, longStringAliases };

/**
 * Handlebars that a template author gets wrong: unbalanced blocks, unknown names, helpers with
 * too few, too many or the wrong kind of arguments, prototype paths, huge widths, renders that
 * would not end (partials calling themselves, helpers nested in themselves, nested loops),
 * values and unknown names called as helpers.
 */
const HANDLEBARS_SNIPPETS = [
  '{{', '}}', '{{{', '{{#if args.x}}', '{{/if}}', '{{else}}', '{{#each args}}', '{{/each}}', '{{> partial}}', '{{!-- ',
  '{{#with service}}{{name}}{{/with}}', '{{lookup this "constructor"}}', '{{constructor.constructor}}', '{{__proto__}}',
  '{{toJson}}', '{{toYaml}}', '{{indent}}', '{{indent -1 "a"}}', '{{indent 100000000 "a"}}', '{{indent "x" args}}', '{{indent 1.5 service.name}}',
  '{{join}}', '{{split}}', '{{split 1 2 3}}', '{{swarm}}', '{{swarm 1}}', '{{default}}', '{{default 1 2 3}}', '{{eq}}', '{{eq 1 2 3}}', '{{and}}', '{{not}}', '{{quote}}',
  '{{toJson x y=1}}', '{{toJson service}}', '{{toYaml stack}}', '{{{toYaml args}}}', '{{indent 2 (toYaml service)}}', '{{service}}', '{{args}}', '{{stack}}',
  '{{#each stack.services}}{{this}}{{/each}}', '{{#each service}}{{@key}}: {{this}}{{/each}}', '{{nope}}', '{{#nope}}x{{/nope}}', '{{args.nope.deeper}}',
  '{{@root.service.name}}', '{{../x}}', '{{.Task.ID}}', '\\{{.Task.ID}}', '{{~args.x~}}', '{{#unless}}{{/unless}}', '{{#if a}}{{else if b}}{{/if}}',
  "{{#*inline 'p'}}{{> p}}{{/inline}}{{> p}}", "{{#*inline 'p'}}{{#with service}}{{> p}}{{> p}}{{/with}}{{/inline}}{{> p}}",
  '{{quote (quote (quote (quote (quote (quote service.name))))))}}', '{{indent 100 (indent 100 (indent 100 (toYaml stack)))}}',
  '{{#each stack.services}}{{#each ../stack.services}}{{#each ../../stack.services}}{{this}}{{/each}}{{/each}}{{/each}}',
  '{{quote (service.name)}}', '{{service.name "x"}}', '{{qoute service.name}}', '{{if true}}', '{{quote (each service)}}', '{{#each (this)}}{{/each}}',
  '{{fail "checked"}}', '{{fail}}', '{{fail service}}', '{{#if (eq service.name service.name)}}{{fail "same"}}{{/if}}', '{{quote (fail "x")}}',
];

/** The template-only mutation: one snippet inserted into a line, or put in place of one of its `{{ }}`. */
const TEMPLATE_MUTATORS: Record<string, Mutator> = {
  handlebars(text, r) {
    const list = lines(text);
    const withMustache = list.flatMap((line, i) => (line.includes('{{') ? [i] : []));
    const i = anyLine(list, r, withMustache);
    const snippet = r.pick(HANDLEBARS_SNIPPETS);
    // No brace inside: on a long run of `{` this fails at once from each start (`[^}]*` scanned to the line's end, quadratic).
    const existing = [...list[i].matchAll(/\{\{[^{}]*\}\}/g)];
    if (existing.length > 0 && r.next() < 0.5) {
      const m = r.pick(existing);
      list[i] = list[i].slice(0, m.index) + snippet + list[i].slice(m.index + m[0].length);
      return { text: unlines(list), description: `line ${i + 1}: ${JSON.stringify(m[0])} replaced by ${JSON.stringify(snippet)}` };
    }
    const at = r.int(list[i].length + 1);
    list[i] = list[i].slice(0, at) + snippet + list[i].slice(at);
    return { text: unlines(list), description: `line ${i + 1}, column ${at + 1}: ${JSON.stringify(snippet)} inserted` };
  },
};

/** The mutations of a stack file, by name: fuzz reports use these names. */
export const MUTATOR_NAMES = [...Object.keys(MUTATORS), ...Object.keys(HOSTILE_TEXT_MUTATORS)];
/** The mutations of a template file: a stack file's, and broken Handlebars. */
export const TEMPLATE_MUTATOR_NAMES = [...MUTATOR_NAMES, ...Object.keys(TEMPLATE_MUTATORS)];
const ALL_MUTATORS: Record<string, Mutator> = { ...MUTATORS, ...HOSTILE_TEXT_MUTATORS, ...TEMPLATE_MUTATORS };
/**
 * How a template's mutations are drawn by default: broken Handlebars a third of the time
 * (drawn evenly, it would be 1 in 15), a stack file's mutations otherwise.
 */
export const TEMPLATE_MUTATION_DRAW = [...MUTATOR_NAMES, ...Array<string>(Math.floor(MUTATOR_NAMES.length / 2)).fill('handlebars')];

/** One to three mutations of `text`, chosen and applied deterministically from `seed`. */
export function mutate(text: string, seed: number, only: readonly string[] = MUTATOR_NAMES): Mutation {
  const r = random(seed);
  const count = r.next() < 0.75 ? 1 : 2 + r.int(2);
  let current = text;
  const descriptions: string[] = [];
  for (let n = 0; n < count; n++) {
    const name = r.pick(only);
    const { text: next, description } = ALL_MUTATORS[name](current, r);
    current = next;
    descriptions.push(`${name}: ${description}`);
  }
  return { text: current, description: descriptions.join('; ') };
}

/** A stack to fuzz: its folder, the files compiled together, the one to mutate, the template folders it needs. */
export interface FuzzInput {
  /** As reports show it; FUZZ_INPUT selects an input by it. */
  name: string;
  /** The stack's folder: the compile's working directory. */
  dir: string;
  /** The stack files compiled together, relative to `dir`. */
  files: string[];
  /** The file whose text is mutated, relative to `dir`: one of `files`, or a template file. */
  mutated: string;
  /** Template folders (`-t`) the stack needs, relative to `dir`. */
  templates: string[];
  /** Set when `mutated` is a template: its name. The mutated text is compiled from a folder searched first. */
  template?: string;
}

/** The stack files of a golden folder: `stack.yml` first, then its overrides. */
function goldenStackFiles(dir: string): string[] {
  const stacks = readdirSync(dir).filter((f) => /^stack(\..+)?\.ya?ml$/.test(f) && !f.startsWith('stack.out'));
  const base = stacks.find((f) => f === 'stack.yml');
  return [...(base ? [base] : []), ...stacks.filter((f) => f !== base).sort()];
}

function goldenTemplateFolders(dir: string): string[] {
  return existsSync(join(dir, 'templates')) ? ['templates'] : [];
}

/** Every examples/*\/stack.yml and test/golden/*\/stack*.yml, each as a mutation target (overrides compiled after their base file). */
export function fuzzInputs(root: string): FuzzInput[] {
  const inputs: FuzzInput[] = [];
  const examples = join(root, 'examples');
  for (const name of readdirSync(examples).sort()) {
    const dir = join(examples, name);
    if (existsSync(join(dir, 'stack.yml'))) inputs.push({ name: relative(root, join(dir, 'stack.yml')), dir, files: ['stack.yml'], mutated: 'stack.yml', templates: [] });
  }
  const golden = join(root, 'test', 'golden');
  for (const name of readdirSync(golden).sort()) {
    const dir = join(golden, name);
    const files = goldenStackFiles(dir);
    const templates = goldenTemplateFolders(dir);
    for (const file of files) inputs.push({ name: relative(root, join(dir, file)), dir, files, mutated: file, templates });
  }
  return inputs;
}

/**
 * Every template file to mutate, each compiled with a golden stack that uses it: a built-in
 * template with test/golden/<name>-args (every arg set), a golden folder's own templates with
 * that folder's stack.
 */
export function templateFuzzInputs(root: string): FuzzInput[] {
  const golden = join(root, 'test', 'golden');
  const inputs: FuzzInput[] = [];
  const add = (file: string, dir: string) => {
    const template = basename(file).replace(/\.ya?ml$/, '');
    inputs.push({ name: relative(root, file), dir, files: goldenStackFiles(dir), mutated: relative(dir, file), templates: goldenTemplateFolders(dir), template });
  };
  const builtins = join(root, 'templates');
  for (const file of readdirSync(builtins).filter((f) => f.endsWith('.yml')).sort()) {
    const dir = join(golden, `${file.replace(/\.yml$/, '')}-args`);
    if (!existsSync(dir)) throw new Error(`no golden stack ${relative(root, dir)} to fuzz templates/${file} with`);
    add(join(builtins, file), dir);
  }
  for (const name of readdirSync(golden).sort()) {
    for (const folder of ['templates', 'pod-templates']) {
      const path = join(golden, name, folder);
      if (existsSync(path)) for (const file of readdirSync(path).filter((f) => /\.ya?ml$/.test(f)).sort()) add(join(path, file), join(golden, name));
    }
  }
  return inputs;
}

/** Every fuzz input: the stacks, then the templates. */
export function allFuzzInputs(root: string): FuzzInput[] {
  return [...fuzzInputs(root), ...templateFuzzInputs(root)];
}
