import type { Pod } from '../model/pod.js';
import { targetLinks } from './target-links.js';
import { isNamedVolumeSource, isObject, mountSource, mountTarget, type Json, type JsonObject } from '../model/compose-lists.js';

export const GRAPH_FORMATS = ['dot', 'mermaid', 'plantuml'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

interface GraphNode {
  id: string;
  label: string;
  kind: 'controller' | 'component' | 'volume' | 'service' | 'port' | 'network';
  /** The pod it belongs to, for grouping. */
  pod?: string;
  /** A service a template added (drawn dashed). */
  added?: boolean;
}

interface GraphEdge {
  from: string;
  to: string;
  label?: string;
  /** `network`: attached to a network; `target`: a template points the pod at that service. */
  kind?: 'network' | 'target';
}

/** The whole stack: pods (controller and components), plain services, volumes, networks, published ports, and the links templates make. */
export interface PodGraph {
  pods: string[];
  nodes: GraphNode[];
  edges: GraphEdge[];
}

function id(...parts: string[]): string {
  return parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');
}

function portText(port: Json): string {
  if (!isObject(port)) return String(port);
  const protocol = port.protocol === undefined || port.protocol === 'tcp' ? '' : `/${String(port.protocol)}`;
  return `${String(port.published ?? '')}:${String(port.target)}${protocol}`;
}

const listOf = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : []);

/** The networks a service joins: docker stack puts one without any on the stack's `default` network. */
function networksOf(service: JsonObject): string[] {
  if (Array.isArray(service.networks)) return service.networks.map(String);
  if (isObject(service.networks)) return Object.keys(service.networks);
  return ['default'];
}

/** The graph of a compiled stack. */
export function podGraph(pods: readonly Pod[], stack: JsonObject): PodGraph {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const add = (node: GraphNode) => nodes.set(node.id, node);
  const services = isObject(stack.services) ? stack.services : {};
  const podNames = new Set(pods.map((p) => p.service));
  const serviceNode = (name: string) => (podNames.has(name) ? id(name, 'controller') : id('service', name));
  const attachVolumes = (from: string, volumes: Json | undefined) => {
    for (const volume of listOf(volumes)) {
      const source = mountSource(volume);
      if (!isNamedVolumeSource(source)) continue;
      add({ id: id('volume', source), label: source, kind: 'volume' });
      edges.push({ from, to: id('volume', source), label: mountTarget(volume) });
    }
  };

  for (const pod of pods) {
    const controller = id(pod.service, 'controller');
    add({ id: controller, label: `controller\\n${String(pod.controller.image)}`, kind: 'controller', pod: pod.service });
    const components: [string, JsonObject][] = [...Object.entries(pod.components), ...pod.init.map((c, i): [string, JsonObject] => [`init-${i + 1}`, c])];
    for (const [name, component] of components) {
      const componentId = id(pod.service, name);
      add({ id: componentId, label: `${name}\\n${String(component.image ?? '')}`, kind: 'component', pod: pod.service });
      edges.push({ from: controller, to: componentId, label: name.startsWith('init-') ? 'runs first' : 'starts' });
      attachVolumes(componentId, component.volumes);
    }
    for (const layer of pod.layers) {
      for (const name of Object.keys(layer.stack.services ?? {})) edges.push({ from: controller, to: id('service', name), label: `added by ${layer.source}` });
    }
  }
  const added = new Set(pods.flatMap((pod) => pod.layers.flatMap((layer) => Object.keys(layer.stack.services ?? {}))));
  for (const [name, service] of Object.entries(services)) {
    if (!isObject(service)) continue;
    const node = serviceNode(name);
    if (!podNames.has(name)) {
      add({ id: node, label: `${name}\\n${String(service.image ?? '')}`, kind: 'service', added: added.has(name) });
      attachVolumes(node, service.volumes);
    }
    for (const port of listOf(service.ports)) {
      add({ id: id('port', portText(port)), label: `:${portText(port)}`, kind: 'port' });
      edges.push({ from: id('port', portText(port)), to: node, label: 'published' });
    }
    for (const network of networksOf(service)) {
      add({ id: id('network', network), label: `network ${network}`, kind: 'network' });
      edges.push({ from: node, to: id('network', network), kind: 'network' });
    }
  }
  const names = new Set(Object.keys(services));
  for (const link of pods.flatMap((pod) => targetLinks(pod, names))) {
    edges.push({ from: serviceNode(link.from), to: serviceNode(link.to), label: link.via, kind: 'target' });
  }
  const unique = new Map(edges.map((e) => [`${e.from}>${e.to}>${e.label ?? ''}`, e]));
  return { pods: pods.map((p) => p.service), nodes: [...nodes.values()], edges: [...unique.values()] };
}

const quote = (text: string) => `"${text.replace(/"/g, '\\"')}"`;

function toDot(graph: PodGraph): string {
  const shape = { controller: 'box3d', component: 'box', volume: 'cylinder', service: 'box', port: 'circle', network: 'hexagon' } as const;
  const line = (n: GraphNode) => `${n.id} [label=${quote(n.label)}, shape=${shape[n.kind]}${n.added ? ', style=dashed' : ''}];`;
  const style = { network: ', dir=none, style=dotted', target: ', style=bold, color=blue' } as const;
  const out = ['digraph pods {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  for (const pod of graph.pods) {
    out.push(`  subgraph cluster_${id(pod)} {`, `    label=${quote(`pod ${pod}`)};`);
    for (const n of graph.nodes.filter((node) => node.pod === pod)) out.push(`    ${line(n)}`);
    out.push('  }');
  }
  for (const n of graph.nodes.filter((node) => !node.pod)) out.push(`  ${line(n)}`);
  for (const e of graph.edges) {
    const attributes = `${e.label ? `label=${quote(e.label)}` : ''}${e.kind ? style[e.kind] : ''}`.replace(/^, /, '');
    out.push(`  ${e.from} -> ${e.to}${attributes ? ` [${attributes}]` : ''};`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

function toMermaid(graph: PodGraph): string {
  const label = (text: string) => `"${text.replace(/\\n/g, '<br/>').replace(/"/g, '#quot;')}"`;
  const shape = (n: GraphNode) =>
    n.kind === 'volume' ? `[(${label(n.label)})]` : n.kind === 'port' ? `((${label(n.label)}))` : n.kind === 'network' ? `{{${label(n.label)}}}` : `[${label(n.label)}]`;
  const arrow = { network: '---', target: '-.->' } as const;
  const out = ['flowchart LR'];
  for (const pod of graph.pods) {
    out.push(`  subgraph pod_${id(pod)} [${label(`pod ${pod}`)}]`);
    for (const n of graph.nodes.filter((node) => node.pod === pod)) out.push(`    ${n.id}${shape(n)}`);
    out.push('  end');
  }
  for (const n of graph.nodes.filter((node) => !node.pod)) out.push(`  ${n.id}${shape(n)}`);
  for (const e of graph.edges) out.push(`  ${e.from} ${e.kind ? arrow[e.kind] : '-->'}${e.label ? `|${label(e.label)}|` : ''} ${e.to}`);
  return `${out.join('\n')}\n`;
}

function toPlantUml(graph: PodGraph): string {
  const keyword = { controller: 'node', component: 'component', volume: 'database', service: 'component', port: 'interface', network: 'cloud' } as const;
  const arrow = { network: '--', target: '..>' } as const;
  const line = (n: GraphNode) => `${keyword[n.kind]} ${quote(n.label.replace(/\\n/g, '\\n'))} as ${n.id}`;
  const out = ['@startuml', 'left to right direction'];
  for (const pod of graph.pods) {
    out.push(`rectangle ${quote(`pod ${pod}`)} {`);
    for (const n of graph.nodes.filter((node) => node.pod === pod)) out.push(`  ${line(n)}`);
    out.push('}');
  }
  for (const n of graph.nodes.filter((node) => !node.pod)) out.push(line(n));
  for (const e of graph.edges) out.push(`${e.from} ${e.kind ? arrow[e.kind] : '-->'} ${e.to}${e.label ? ` : ${e.label}` : ''}`);
  out.push('@enduml');
  return `${out.join('\n')}\n`;
}

export function renderGraph(graph: PodGraph, format: GraphFormat): string {
  return format === 'dot' ? toDot(graph) : format === 'mermaid' ? toMermaid(graph) : toPlantUml(graph);
}
