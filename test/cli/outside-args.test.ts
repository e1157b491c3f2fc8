/**
 * Args from outside the stack (`--set`, `--values`) and the compile inputs every command
 * takes, through the real CLI: what reaches the pods, which layer wins, and what explain says.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { runCli } from '../helpers/run-cli.js';
import { workspace } from '../helpers/workspace.js';

/** web leaves http's port to the default, api sets it with a label; db is no pod. */
const STACK = `version: "3.8"
services:
  web:
    image: acme/web:1.0
    labels:
      podlike.templates: http
  api:
    image: acme/api:1.0
    labels:
      podlike.templates: http
      podlike.http.port: "5000"
  db:
    image: postgres:16
`;

/** The port each pod's app was told to listen on. */
function ports(stdout: string): Record<string, string> {
  const services = parse(stdout).services as Record<string, { labels?: Record<string, string> }>;
  const result: Record<string, string> = {};
  for (const [name, service] of Object.entries(services)) {
    const app = service.labels?.['pod.component.app'];
    if (app) result[name] = String(parse(app).environment.HTTP_PORT);
  }
  return result;
}

describe('--set', () => {
  it('sets an arg of every pod that applies the template, typed by its schema, below what a service wrote itself', () => {
    const run = runCli(['--set', 'http.port=8080', 'stack.yml'], { cwd: workspace({ 'stack.yml': STACK }) });
    assert.equal(run.stderr, '');
    assert.deepEqual(ports(run.stdout), { web: '8080', api: '5000' });
  });

  it('SERVICE: sets it for that service only, over its label; the last of two flags wins', () => {
    const run = runCli(['--set', 'api:http.port=7000', '--set', 'api:http.port=7001', 'stack.yml'], { cwd: workspace({ 'stack.yml': STACK }) });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(ports(run.stdout), { web: '8080', api: '7001' });
  });

  it('wins over the stack x-podlike.args', () => {
    const stack = `${STACK}x-podlike:\n  args:\n    http: { port: 6000 }\n`;
    const dir = workspace({ 'stack.yml': stack });
    assert.deepEqual(ports(runCli(['stack.yml'], { cwd: dir }).stdout), { web: '6000', api: '5000' });
    assert.deepEqual(ports(runCli(['--set', 'http.port=6001', 'stack.yml'], { cwd: dir }).stdout), { web: '6001', api: '5000' });
  });
});

describe('--values', () => {
  const VALUES = 'http:\n  port: 9000\nservices:\n  api:\n    http:\n      port: 9001\n';

  it('gives args by template and per service; a later file wins, and --set wins over every file', () => {
    const dir = workspace({ 'stack.yml': STACK, 'prod.yml': VALUES, 'late.yml': 'http: { port: 9100 }\n' });
    assert.deepEqual(ports(runCli(['--values', 'prod.yml', 'stack.yml'], { cwd: dir }).stdout), { web: '9000', api: '9001' });
    assert.deepEqual(ports(runCli(['--values', 'prod.yml', '--values', 'late.yml', 'stack.yml'], { cwd: dir }).stdout), { web: '9100', api: '9001' });
    assert.deepEqual(ports(runCli(['--set', 'http.port=1234', '--values', 'late.yml', 'stack.yml'], { cwd: dir }).stdout), { web: '1234', api: '5000' });
  });

  it('explain names the flag or the file:line:col that set each arg, and what it overrode', () => {
    const dir = workspace({ 'stack.yml': STACK, 'prod.yml': VALUES });
    const run = runCli(['explain', '--values', 'prod.yml', '--set', 'api:http.cache=false', 'stack.yml', 'api'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.ok(lines.includes('  args.http.port = 9001  <- prod.yml:6:7 (overrides prod.yml:2:3, labels)'), run.stdout);
    assert.ok(lines.includes('  args.http.cache = false  <- --set api:http.cache=false'), run.stdout);
    // Args only the template's defaults set are not listed; `templates show` has them.
    assert.ok(!lines.some((line) => line.startsWith('  args.http.timeout')), run.stdout);
  });
});

describe('every command takes what compile takes', () => {
  const OVERRIDE = 'version: "3.8"\nservices:\n  web:\n    labels:\n      podlike.http.port: "4000"\n';

  it('validate, explain and graph read a base and its override, and --set', () => {
    const dir = workspace({ 'stack.yml': STACK, 'stack.prod.yml': OVERRIDE });
    const explain = runCli(['explain', '--set', 'http.cache=false', 'stack.yml', 'stack.prod.yml', 'web'], { cwd: dir });
    assert.equal(explain.status, 0, explain.stderr);
    assert.match(explain.stdout, /^ {2}args\.http\.port = 4000 {2}<- labels$/m);
    assert.match(explain.stdout, /^ {2}args\.http\.cache = false {2}<- --set http\.cache=false$/m);
    assert.doesNotMatch(explain.stdout, /service "api"/);

    const graph = runCli(['graph', '--format', 'mermaid', 'stack.yml', 'stack.prod.yml'], { cwd: dir });
    assert.equal(graph.status, 0, graph.stderr);
    assert.match(graph.stdout, /web/);

    const validate = runCli(['validate', '--set', 'web:http.port=x', 'stack.yml', 'stack.prod.yml'], { cwd: dir });
    assert.equal(validate.status, 1);
    assert.match(validate.stderr, /^error: --set web:http\.port=x: service "web", template "http" \(podlike-gen\/templates\/http\.yml\): arg "port" must be a whole number$/m);
  });

  it("explain and graph read '-' (stdin) and -t folders", () => {
    const dir = workspace({ 'tpl/side.yml': 'name: side\ndescription: a sidecar\nargs:\n  type: object\n  properties:\n    tag: { type: string, default: "3.20" }\ncomponents: |\n  side:\n    image: alpine:{{args.tag}}\n' });
    const stack = 'services:\n  web:\n    image: acme/web:1.0\n    labels:\n      podlike.templates: side\n';
    const explain = runCli(['explain', '-t', 'tpl', '--set', 'side.tag=3.21', '-'], { cwd: dir, input: stack });
    assert.equal(explain.status, 0, explain.stderr);
    assert.match(explain.stdout, /^ {2}components\.side\.image = "alpine:3\.21" {2}<- template "side"/m);
    const graph = runCli(['graph', '-t', 'tpl', '-'], { cwd: dir, input: stack });
    assert.equal(graph.status, 0, graph.stderr);
    assert.match(graph.stdout, /alpine:3\.20/);
  });
});
