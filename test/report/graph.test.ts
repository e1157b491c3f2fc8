/**
 * graph draws the whole stack: pods, plain services, networks, which pod or service
 * publishes which port, and the links templates make (a pod's log collector to the log
 * server named in its args). The DOT output is rendered with Graphviz, PlantUML's with plantuml.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { hostNamed } from '../../src/report/target-links.js';
import { runCli } from '../helpers/run-cli.js';
import { workspace } from '../helpers/workspace.js';

const STACK = `version: "3.8"
services:
  api:
    image: acme/api:1.0
    ports: ["8000:80"]
    labels:
      podlike.templates: with-logging
      podlike.with-logging.server: "logs:24224"
    networks: [back]
  logs:
    image: fluent/fluent-bit:3.2.10
    ports: ["24224:24224"]
    networks: [back]
  web:
    image: nginx:1.27
    ports: [{ target: 53, published: 5353, protocol: udp }]
networks:
  back: {}
`;

const has = (binary: string) => spawnSync('which', [binary]).status === 0;

describe('graph of the whole stack', () => {
  const dir = workspace({ 'stack.yml': STACK });

  it('DOT: plain services, networks, published ports and the template link; Graphviz renders it', (t) => {
    const run = runCli(['graph', 'stack.yml'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split('\n').map((l) => l.trim());
    for (const expected of [
      'service_logs [label="logs\\nfluent/fluent-bit:3.2.10", shape=box];',
      'service_web [label="web\\nnginx:1.27", shape=box];',
      'network_back [label="network back", shape=hexagon];',
      'network_default [label="network default", shape=hexagon];',
      'port_8000_80 -> api_controller [label="published"];',
      'port_24224_24224 -> service_logs [label="published"];',
      'port_5353_53_udp -> service_web [label="published"];',
      'api_controller -> network_back [dir=none, style=dotted];',
      'service_web -> network_default [dir=none, style=dotted];',
      'api_controller -> service_logs [label="with-logging.server", style=bold, color=blue];',
    ]) {
      assert.ok(lines.includes(expected), `missing: ${expected}\n${run.stdout}`);
    }
    if (!has('dot')) return t.skip('graphviz (dot) not installed: the DOT output was not rendered');
    const svg = spawnSync('dot', ['-Tsvg'], { input: run.stdout, encoding: 'utf8' });
    assert.equal(svg.status, 0, svg.stderr);
    assert.match(svg.stdout, /<svg[\s\S]*>with(-|&#45;)logging\.server</);
  });

  it('Mermaid and PlantUML show the same network and link', (t) => {
    const mermaid = runCli(['graph', '--format', 'mermaid', 'stack.yml'], { cwd: dir }).stdout;
    assert.match(mermaid, /^ {2}network_back\{\{"network back"\}\}$/m);
    assert.match(mermaid, /^ {2}api_controller -\.->\|"with-logging\.server"\| service_logs$/m);
    const plantuml = runCli(['graph', '--format', 'plantuml', 'stack.yml'], { cwd: dir }).stdout;
    assert.match(plantuml, /^cloud "network back" as network_back$/m);
    assert.match(plantuml, /^api_controller \.\.> service_logs : with-logging\.server$/m);
    if (!has('plantuml')) return t.skip('plantuml not installed: the PlantUML output was not rendered');
    const svg = spawnSync('plantuml', ['-tsvg', '-pipe', '-failfast2'], { input: plantuml, encoding: 'utf8' });
    assert.equal(svg.status, 0, svg.stderr);
    assert.doesNotMatch(svg.stdout, /Syntax Error/);
  });
});

describe('hostNamed (the link heuristic)', () => {
  it('reads the host of host, host:port and scheme://host:port/path; not of other text', () => {
    assert.equal(hostNamed('logs:24224'), 'logs');
    assert.equal(hostNamed('http://jaeger:4318/v1/traces'), 'jaeger');
    assert.equal(hostNamed('consul-server'), 'consul-server');
    assert.equal(hostNamed('/var/log/app'), undefined);
    assert.equal(hostNamed('a value: with spaces'), undefined);
  });
});
