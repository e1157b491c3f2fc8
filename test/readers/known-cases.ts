/**
 * Issue 17's known cases: minimal stacks whose output docker or Podlike read otherwise than
 * their author meant (YAML 1.1 line breaks and scalars, `${VAR}` filled in before Podlike parses,
 * variables in keys, relative paths, controller flags). Each case says what the author meant as
 * values Podlike must end with; a compile that fails naming the service is also an answer.
 * Shared by known-cases.test.ts and by runs against older commits (their compile is passed in).
 */
import { join } from 'node:path';
import type { CompileOptions, CompileResult } from '../../src/compile.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { workspace } from '../helpers/workspace.js';
import type { PodlikePod } from './podlike-reader.js';
import { meaningProblems, readAsDeployed } from './read-as-deployed.js';

export interface KnownCase {
  name: string;
  /** The input stack.yml (JSON-style escapes keep invisible characters visible here). */
  stack: string;
  /** Template files for a `templates/` folder passed as -t. */
  templates?: Record<string, string>;
  /** The deploying shell's environment (empty otherwise). */
  environment?: Record<string, string>;
  /** Where Podlike's values differ from what the author wrote (dir: the stack's folder). */
  differences(pods: Record<string, PodlikePod>, dir: string): string[];
  /**
   * A documented limit (README, "What docker and Podlike read"): the readers end with another
   * value, and the compile must say so in a diagnostic matching this.
   */
  limit?: RegExp;
}

export type Compile = (input: { path: string; text: string }, options: CompileOptions) => CompileResult;

export interface KnownCaseOutcome {
  /** Set when the compile failed: its errors. */
  errors?: string;
  yaml?: string;
  /** What the readers found: empty when the output means what the author meant. */
  problems: string[];
  /** Every diagnostic of a compile that succeeded, formatted. */
  diagnostics?: string;
}

/** Compiles the case with `compile`, then reads the output with docker and Podlike. */
export function knownCaseOutcome(c: KnownCase, compile: Compile): KnownCaseOutcome {
  const files: Record<string, string> = { 'stack.yml': c.stack };
  for (const [name, text] of Object.entries(c.templates ?? {})) files[join('templates', name)] = text;
  const dir = workspace(files, 'podlike-gen-known-');
  const result = compile({ path: 'stack.yml', text: c.stack }, { cwd: dir, env: {}, templates: c.templates ? [join(dir, 'templates')] : [] });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || result.yaml === undefined) return { errors: errors.map(formatDiagnostic).join('\n'), problems: [] };
  const reading = readAsDeployed(result.yaml, dir, c.environment ?? {});
  const differences = Object.keys(reading.pods).length > 0 ? c.differences(reading.pods, dir) : [];
  const diagnostics = result.diagnostics.map(formatDiagnostic).join('\n');
  return { yaml: result.yaml, diagnostics, problems: [...new Set([...reading.problems, ...meaningProblems(result.yaml, dir), ...differences])] };
}

/** `service`'s `component` ends with exactly `environment` among its variables. */
function environmentIs(service: string, component: string, environment: Record<string, string>) {
  return (pods: Record<string, PodlikePod>): string[] => {
    const read = pods[service]?.components[component];
    if (!read) return [`${service}: Podlike has no component ${component}`];
    return Object.entries(environment)
      .filter(([key, value]) => read.environment[key] !== value)
      .map(([key, value]) => `${service}/${component}: ${key} is ${JSON.stringify(read.environment[key])}, the author wrote ${JSON.stringify(value)}`);
  };
}

/** No component of any pod runs privileged (the cases that inject one). */
function noneExtra(pods: Record<string, PodlikePod>): string[] {
  return Object.entries(pods).flatMap(([service, pod]) =>
    Object.entries(pod.components)
      .filter(([name, c]) => c?.privileged || !['app', 'logging'].includes(name))
      .map(([name]) => `${service}: Podlike runs a component ${name} nobody wrote`),
  );
}

function both(...checks: ((pods: Record<string, PodlikePod>, dir: string) => string[])[]) {
  return (pods: Record<string, PodlikePod>, dir: string) => checks.flatMap((check) => check(pods, dir));
}

/** A YAML double-quoted scalar holding exactly `value`, every character outside printable ASCII escaped (as an author must write U+2028). */
const q = (value: string): string => JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const INJECTION = (br: string) => `hello${br}      pod.component.evil:${br}        |${br}          image: alpine${br}          privileged: true`;
const BREAKS: [string, string][] = [['U+2028', '\u2028'], ['U+2029', '\u2029'], ['U+0085', '\u0085']];

const podWith = (lines: string) => `version: "3.8"\nservices:\n  svc:\n    image: alpine:3.20\n    labels:\n      podlike.templates: with-logging\n${lines}`;

const PROBE = `name: probe
description: writes its arg plain, double-quoted and with quote
args:
  type: object
  properties:
    v: { type: string, default: "", description: any text }
components: |
  app:
    environment:
      PLAIN: {{args.v}}
      QUOTED: "{{args.v}}"
      QUOTE: {{quote args.v}}
`;

function lineBreakCases(): KnownCase[] {
  return BREAKS.flatMap(([name, br]): KnownCase[] => [
    {
      name: `${name} in an environment value adds no component`,
      stack: podWith(`    environment:\n      X: ${q(INJECTION(br))}\n`),
      differences: both(environmentIs('svc', 'app', { X: INJECTION(br) }), noneExtra),
    },
    {
      name: `${name} in a template arg (plain, quoted, quote) adds no component`,
      stack: `version: "3.8"\nservices:\n  svc:\n    image: alpine:3.20\n    labels:\n      podlike.templates: probe\n      podlike.probe.v: ${q(INJECTION(br))}\n`,
      templates: { 'probe.yml': PROBE },
      differences: both(environmentIs('svc', 'app', { PLAIN: INJECTION(br), QUOTED: INJECTION(br), QUOTE: INJECTION(br) }), noneExtra),
    },
    {
      name: `${name} in the hostname the controller takes`,
      stack: podWith(`    hostname: ${q(`web${br}    privileged: true`)}\n`),
      differences: (pods) => {
        const hostname = pods.svc?.controller.service.hostname;
        return hostname === `web${br}    privileged: true` ? [] : [`svc: docker reads hostname ${JSON.stringify(hostname)}`];
      },
    },
  ]);
}

/** Plain scalars YAML 1.1 (Podlike's yaml.v2) reads as numbers, booleans or null where YAML 1.2 reads text. */
const YAML11_VALUES = ['1_000', '0b101', '0x_1F', '+1_0', '1_0.5', '-0b1', '1:20', '017', '0o17', '=', 'y', 'NO', 'off', '~', '.inf', '-.Inf', '1e3', '+12'];

function yaml11Cases(): KnownCase[] {
  return [
    ...YAML11_VALUES.map((v): KnownCase => ({
      name: `environment value ${v} stays text`,
      stack: podWith(`    environment:\n      X: ${q(v)}\n`),
      differences: environmentIs('svc', 'app', { X: v }),
    })),
    ...[['Y', 'ON'], ['y', 'n'], ['yes', 'off'], ['true', 'True'], ['null', '~'], ['1_0', '10']].map(([a, b]): KnownCase => ({
      name: `environment keys ${a} and ${b} stay two names`,
      stack: podWith(`    environment:\n      ${q(a)}: a\n      ${q(b)}: b\n`),
      differences: environmentIs('svc', 'app', { [a]: 'a', [b]: 'b' }),
    })),
    {
      name: 'environment key << is a name, not a merge',
      stack: podWith(`    environment:\n      "<<": x\n      A: "1"\n`),
      differences: environmentIs('svc', 'app', { '<<': 'x', A: '1' }),
    },
  ];
}

/** Values a deploying shell may hold, each breaking YAML written around an unquoted `${VAR}`. */
const SHELL_VALUES = ['*Secret1', 'yes', 'a: b', 'x #y', '&a', '!tag', '[x]', '{a: 1}', '- x', '"q', "'", '%x', '@x', '`x`', '? x', '| x', 'line\nbreak'];
/** The two that cannot pass through a single-quoted `${VAR}`: a note says so (README). */
const CANNOT_PASS = /uses \$\{ADMIN_PASSWORD:-admin\}.*must not hold a ' or a line break/;

function interpolationCases(): KnownCase[] {
  const stack = podWith('    environment:\n      - GF_SECURITY_ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin}\n    command: ["sh", "-c", "echo ${MSG:-hi}"]\n');
  return [
    {
      name: '${ADMIN_PASSWORD:-admin} with an empty environment is admin',
      stack,
      differences: environmentIs('svc', 'app', { GF_SECURITY_ADMIN_PASSWORD: 'admin' }),
    },
    ...SHELL_VALUES.map((v): KnownCase => ({
      name: v === "'" || v.includes('\n') ? `\${ADMIN_PASSWORD:-admin} filled with ${JSON.stringify(v)}: the known limit, named in a note` : `\${ADMIN_PASSWORD:-admin} and \${MSG} filled with ${JSON.stringify(v)} land as that text`,
      limit: v === "'" || v.includes('\n') ? CANNOT_PASS : undefined,
      stack,
      environment: { ADMIN_PASSWORD: v, MSG: v },
      differences: (pods) => [
        ...environmentIs('svc', 'app', { GF_SECURITY_ADMIN_PASSWORD: v })(pods),
        ...(JSON.stringify(pods.svc?.components.app?.command) === JSON.stringify(['sh', '-c', `echo ${v}`]) ? [] : [`svc/app: command is ${JSON.stringify(pods.svc?.components.app?.command)}`]),
      ],
    })),
  ];
}

function otherCases(): KnownCase[] {
  return [
    {
      name: 'an environment value whose line starts with a tab stays that text',
      stack: podWith(`    environment:\n      X: ${q('\tb\n')}\n`),
      differences: environmentIs('svc', 'app', { X: '\tb\n' }),
    },
    {
      name: 'a deploy label list with ${NAME} in a key is filled in',
      stack: 'version: "3.8"\nservices:\n  svc:\n    image: alpine:3.20\n    deploy:\n      labels: [podlike.templates=http, "traefik.http.routers.${NAME}.rule=Host(`x`)"]\n',
      environment: { NAME: 'web' },
      differences: (pods) => {
        const labels = (pods.svc?.controller.service.deploy as { labels?: Record<string, string> } | undefined)?.labels ?? {};
        return labels['traefik.http.routers.web.rule'] === 'Host(`x`)' ? [] : [`svc: docker reads deploy labels ${JSON.stringify(labels)}`];
      },
    },
    {
      name: 'relative host paths stay bind mounts of those paths',
      stack: podWith('    volumes:\n      - ./grafana/provisioning:/etc/grafana/provisioning\n      - type: bind\n        source: ./x\n        target: /x\n'),
      differences: (pods, dir) => {
        const mounts = pods.svc?.components.app?.mounts ?? [];
        return [['/etc/grafana/provisioning', join(dir, 'grafana/provisioning')], ['/x', join(dir, 'x')]].flatMap(([target, source]) => {
          const m = mounts.find((mount) => mount.target === target);
          return m?.type === 'bind' && m.source === source ? [] : [`svc/app: ${target} is mounted as ${JSON.stringify(m)}, the author meant a bind of ${source}`];
        });
      },
    },
    {
      name: 'the controller runs master (latest) with flags its flag set reads, sharing no IPC and pulling only missing images',
      stack: podWith(''),
      differences: (pods) => {
        const c = pods.svc?.controller;
        return c && c.image === 'rycus86/podlike:latest' && !c.ShareIpc && !c.AlwaysPull ? [] : [`svc: controller ${JSON.stringify(c && { image: c.image, args: c.args, ShareIpc: c.ShareIpc, AlwaysPull: c.AlwaysPull })}`];
      },
    },
  ];
}

export const KNOWN_CASES: KnownCase[] = [...lineBreakCases(), ...yaml11Cases(), ...interpolationCases(), ...otherCases()];
