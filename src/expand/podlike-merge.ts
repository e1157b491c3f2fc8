/**
 * A pod merged by Podlike's own rules instead of podlike-gen's, for a stack that asks for it
 * (`x-podlike.merge: podlike`), as `podlike-gen migrate` writes for a stack it migrated from
 * Podlike's template format: the templates' sections are merged as Podlike merges its pod,
 * transformer, component, init and copy templates (the first template wins a key, lists
 * append), then the service's keys fill in what they left out, on the controller and on the
 * main component as Podlike copies them (pkg/template/merge.go); no volume is attached to the
 * controller and no config copied into the app but what the templates say. The migrated stack
 * then deploys the pods the Podlike-format stack did, with podlike-gen's templates and args.
 */
import { labelComponent } from '../emit/label-text.js';
import { isObject, setEntry, type Json, type JsonObject } from '../model/compose-lists.js';
import { APP, emptyLayer, type PodLayer } from '../model/pod-layer.js';
import type { Pod } from '../model/pod.js';
import { MERGED_POD_KEYS, MERGED_TRANSFORMER_KEYS } from '../podlike-format/merge-rules.js';
import { defaultPodDefinition, minimalPodProperties } from '../podlike-format/podlike-defaults.js';
import { assemblePodlikePod, type PodlikeParts } from '../podlike-format/transform-pod.js';
import { mainComponentClash } from './main-component-name.js';
import type { Located, StackConfig } from './pod-config.js';
import { withoutPodlikeLabels } from './split-service.js';

/** The service as Podlike's merge sees it: without podlike-gen's own x-podlike and podlike.* labels (in labels and deploy.labels). */
function serviceAsWritten(service: JsonObject): JsonObject {
  const { 'x-podlike': _config, ...rest } = service;
  if (rest.labels !== undefined) rest.labels = withoutPodlikeLabels(rest.labels);
  if (isObject(rest.deploy) && rest.deploy.labels !== undefined) rest.deploy = { ...rest.deploy, labels: withoutPodlikeLabels(rest.deploy.labels) };
  return rest;
}

/** The keys of `object` among `keys`. */
function picked(object: JsonObject, keys: readonly string[]): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([key]) => keys.includes(key)));
}

/** Podlike's default pod and transformer templates, for a kind no template gives (else an empty layer). */
function defaultTemplates(layers: readonly PodLayer[], service: JsonObject, config: StackConfig): PodLayer {
  const layer = emptyLayer("Podlike's default templates");
  if (!layers.some((l) => Object.keys(l.controller).length > 0)) layer.controller = defaultPodDefinition(config.controllerImage, config.controllerFlags);
  if (!layers.some((l) => l.components[APP])) layer.components[APP] = { image: (service.image ?? null) as Json };
  return layer;
}

/**
 * The layers in the order Podlike merges them, the first winning a key: the templates, the
 * default templates where none gave a kind, the service's keys, the controller's image and
 * Docker socket where still missing.
 */
function podlikeLayers(templateLayers: readonly PodLayer[], service: JsonObject, config: StackConfig): PodLayer[] {
  const fill = emptyLayer('service (filling in, as Podlike does)');
  fill.controller = picked(service, MERGED_POD_KEYS);
  fill.components[APP] = picked(service, MERGED_TRANSFORMER_KEYS);
  const minimal = emptyLayer("Podlike's controller defaults");
  minimal.controller = minimalPodProperties();
  return [...templateLayers, defaultTemplates(templateLayers, service, config), fill, minimal];
}

/** The template layers' sections as Podlike's template kinds; a kind no template gives gets Podlike's default. */
function partsOf(layers: readonly PodLayer[], defaults: PodLayer, main: string): PodlikeParts {
  const given = layers.filter((layer) => Object.keys(layer.controller).length > 0);
  const apps = layers.flatMap((layer) => (layer.components[APP] ? [layer.components[APP]] : []));
  const others = (layer: PodLayer): JsonObject => {
    const mapping: JsonObject = {};
    for (const [name, component] of Object.entries(layer.components)) if (name !== APP) setEntry(mapping, name, component);
    return mapping;
  };
  return {
    pod: given.length > 0 ? given.map((layer) => layer.controller) : [defaults.controller],
    transformer: (apps.length > 0 ? apps : [defaults.components[APP]]).map((app): [string, JsonObject] => [main, app]),
    templates: layers.map(others).filter((mapping) => Object.keys(mapping).length > 0),
    init: layers.flatMap((layer) => layer.init),
    copy: layers.filter((layer) => Object.keys(layer.copy).length > 0).map((layer) => ({ mapping: layer.copy, describe: `template "${layer.template?.name ?? layer.source}"`, at: undefined })),
  };
}

/** A layer with its main component (and copies) under the pod's name for it. */
function withMainNamed(layer: PodLayer, main: string): PodLayer {
  if (main === APP) return layer;
  const rename = <T>(record: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(record).map(([key, value]) => [key === APP ? main : key, value]));
  return { ...layer, components: rename(layer.components), copy: rename(layer.copy) };
}

/** The pod of a service whose template layers merge by Podlike's rules. */
export function podlikeMergedPod(base: Pick<Pod, 'service' | 'templates' | 'layers' | 'targets' | 'argOrigins'>, service: JsonObject, mainComponent: Located<string> | undefined, config: StackConfig, stackDir: string): Pod {
  const main = mainComponent?.value ?? APP;
  const clash = mainComponent && mainComponentClash(base.service, mainComponent, base.layers);
  if (clash) throw clash;
  const written = serviceAsWritten(service);
  const layers = podlikeLayers(base.layers, written, config);
  const pod = assemblePodlikePod(partsOf(base.layers, layers[base.layers.length], main), written, stackDir);
  const labeled = { components: {} as Record<string, JsonObject>, init: pod.init.map(labelComponent) };
  for (const [name, component] of Object.entries(pod.components)) setEntry(labeled.components, name, labelComponent(component));
  return { ...base, main, merge: 'podlike', layers: layers.map((layer) => withMainNamed(layer, main)), ...pod, labeled, volumes: [] };
}
