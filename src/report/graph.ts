import type { Pod } from '../expand/build-pod.js';
import { isNamedVolumeSource, isObject, mountSource, mountTarget, type Json, type JsonObject } from '../model/compose-lists.js';

export const GRAPH_FORMATS = ['dot', 'mermaid', 'plantuml'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

interface GraphNode {
  id: string;
  label: string;
  kind: 'controller' | 'component' | 'volume' | 'service' | 'port';
  /** The pod it belongs to, for grouping. */
  pod?: string;
}

interface GraphEdge {
  from: string;
  to: string;
  label?: string;
}

/** The pods and what connects them: components in their pods, shared volumes, ports, added services. */
export interface PodGraph {
  pods: string[];
  nodes: GraphNode[];
  edges: GraphEdge[];
}

function id(...parts: string[]): string {
  return parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');
}

function portText(port: Json): string {
  if (isObject(port)) return `${String(port.published ?? '')}:${String(port.target)}`;
  return String(port);
}

/** The graph of a compiled stack's pods. */
export function podGraph(pods: readonly Pod[], stack: JsonObject): PodGraph {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const add = (node: GraphNode) => nodes.set(node.id, node);
  for (const pod of pods) {
    const controller = id(pod.service, 'controller');
    add({ id: controller, label: `controller\\n${String(pod.controller.image)}`, kind: 'controller', pod: pod.service });
    for (const port of Array.isArray(pod.controller.ports) ? pod.controller.ports : []) {
      const portId = id('port', portText(port));
      add({ id: portId, label: `:${portText(port)}`, kind: 'port' });
      edges.push({ from: portId, to: controller });
    }
    const components: [string, JsonObject][] = [...Object.entries(pod.components), ...pod.init.map((c, i): [string, JsonObject] => [`init-${i + 1}`, c])];
    for (const [name, component] of components) {
      const componentId = id(pod.service, name);
      add({ id: componentId, label: `${name}\\n${String(component.image ?? '')}`, kind: 'component', pod: pod.service });
      edges.push({ from: controller, to: componentId, label: name.startsWith('init-') ? 'runs first' : 'starts' });
      for (const volume of Array.isArray(component.volumes) ? component.volumes : []) {
        const source = mountSource(volume);
        if (!isNamedVolumeSource(source)) continue;
        const volumeId = id('volume', source);
        add({ id: volumeId, label: source, kind: 'volume' });
        edges.push({ from: componentId, to: volumeId, label: mountTarget(volume) });
      }
    }
    for (const layer of pod.layers) {
      for (const name of Object.keys(layer.stack.services ?? {})) {
        const serviceId = id('service', name);
        const image = isObject(stack.services) && isObject(stack.services[name]) ? String(stack.services[name].image ?? '') : '';
        add({ id: serviceId, label: `${name}\\n${image}`, kind: 'service' });
        edges.push({ from: controller, to: serviceId, label: `added by ${layer.source}` });
      }
    }
  }
  const unique = new Map(edges.map((e) => [`${e.from}>${e.to}>${e.label ?? ''}`, e]));
  return { pods: pods.map((p) => p.service), nodes: [...nodes.values()], edges: [...unique.values()] };
}

const quote = (text: string) => `"${text.replace(/"/g, '\\"')}"`;

function toDot(graph: PodGraph): string {
  const shape = { controller: 'box3d', component: 'box', volume: 'cylinder', service: 'box', port: 'circle' } as const;
  const line = (n: GraphNode) => `${n.id} [label=${quote(n.label)}, shape=${shape[n.kind]}${n.kind === 'service' ? ', style=dashed' : ''}];`;
  const out = ['digraph pods {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  for (const pod of graph.pods) {
    out.push(`  subgraph cluster_${id(pod)} {`, `    label=${quote(`pod ${pod}`)};`);
    for (const n of graph.nodes.filter((node) => node.pod === pod)) out.push(`    ${line(n)}`);
    out.push('  }');
  }
  for (const n of graph.nodes.filter((node) => !node.pod)) out.push(`  ${line(n)}`);
  for (const e of graph.edges) out.push(`  ${e.from} -> ${e.to}${e.label ? ` [label=${quote(e.label)}]` : ''};`);
  out.push('}');
  return `${out.join('\n')}\n`;
}

function toMermaid(graph: PodGraph): string {
  const label = (text: string) => `"${text.replace(/\\n/g, '<br/>').replace(/"/g, '#quot;')}"`;
  const shape = (n: GraphNode) => (n.kind === 'volume' ? `[(${label(n.label)})]` : n.kind === 'port' ? `((${label(n.label)}))` : `[${label(n.label)}]`);
  const out = ['flowchart LR'];
  for (const pod of graph.pods) {
    out.push(`  subgraph pod_${id(pod)} [${label(`pod ${pod}`)}]`);
    for (const n of graph.nodes.filter((node) => node.pod === pod)) out.push(`    ${n.id}${shape(n)}`);
    out.push('  end');
  }
  for (const n of graph.nodes.filter((node) => !node.pod)) out.push(`  ${n.id}${shape(n)}`);
  for (const e of graph.edges) out.push(`  ${e.from} -->${e.label ? `|${label(e.label)}|` : ''} ${e.to}`);
  return `${out.join('\n')}\n`;
}

function toPlantUml(graph: PodGraph): string {
  const keyword = { controller: 'node', component: 'component', volume: 'database', service: 'component', port: 'interface' } as const;
  const line = (n: GraphNode) => `${keyword[n.kind]} ${quote(n.label.replace(/\\n/g, '\\n'))} as ${n.id}`;
  const out = ['@startuml', 'left to right direction'];
  for (const pod of graph.pods) {
    out.push(`rectangle ${quote(`pod ${pod}`)} {`);
    for (const n of graph.nodes.filter((node) => node.pod === pod)) out.push(`  ${line(n)}`);
    out.push('}');
  }
  for (const n of graph.nodes.filter((node) => !node.pod)) out.push(line(n));
  for (const e of graph.edges) out.push(`${e.from} --> ${e.to}${e.label ? ` : ${e.label}` : ''}`);
  out.push('@enduml');
  return `${out.join('\n')}\n`;
}

export function renderGraph(graph: PodGraph, format: GraphFormat): string {
  return format === 'dot' ? toDot(graph) : format === 'mermaid' ? toMermaid(graph) : toPlantUml(graph);
}
