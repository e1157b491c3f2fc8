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
import type { Pod } from '../model/pod.js';
import { labelComponent } from '../emit/label-text.js';
import { isObject, setEntry, type Json, type JsonObject } from '../model/compose-lists.js';
import { assemblePodlikePod, type PodlikeParts } from '../podlike-format/transform-pod.js';
import { defaultPodDefinition } from '../podlike-format/podlike-defaults.js';
import { LABEL_PREFIX, type StackConfig } from './pod-config.js';
import { APP, type PodLayer } from '../model/pod-layer.js';

/** The service as Podlike's merge sees it: without podlike-gen's own x-podlike and podlike.* labels. */
function serviceAsWritten(service: JsonObject): JsonObject {
  const { 'x-podlike': _config, ...rest } = service;
  const labels = rest.labels;
  if (isObject(labels)) rest.labels = Object.fromEntries(Object.entries(labels).filter(([key]) => !key.startsWith(LABEL_PREFIX)));
  else if (Array.isArray(labels)) rest.labels = labels.filter((item) => !String(item).startsWith(LABEL_PREFIX));
  return rest;
}

/** The template layers' sections as Podlike's template kinds; a kind no template gives gets Podlike's default. */
function partsOf(layers: readonly PodLayer[], service: JsonObject, main: string, config: StackConfig): PodlikeParts {
  const controllers = layers.map((layer) => layer.controller).filter((controller) => Object.keys(controller).length > 0);
  const apps = layers.flatMap((layer) => (layer.components[APP] ? [layer.components[APP]] : []));
  const others = (layer: PodLayer): JsonObject => {
    const mapping: JsonObject = {};
    for (const [name, component] of Object.entries(layer.components)) if (name !== APP) setEntry(mapping, name, component);
    return mapping;
  };
  return {
    pod: controllers.length > 0 ? controllers : [defaultPodDefinition(config.controllerImage, config.controllerFlags)],
    transformer: (apps.length > 0 ? apps : [{ image: (service.image ?? null) as Json }]).map((app): [string, JsonObject] => [main, app]),
    templates: layers.map(others).filter((mapping) => Object.keys(mapping).length > 0),
    init: layers.flatMap((layer) => layer.init),
    copy: layers.filter((layer) => Object.keys(layer.copy).length > 0).map((layer) => ({ mapping: layer.copy, describe: `template "${layer.template?.name ?? layer.source}"`, at: undefined })),
  };
}

/** The pod of a service whose template layers merge by Podlike's rules. */
export function podlikeMergedPod(base: Pick<Pod, 'service' | 'templates' | 'layers' | 'targets' | 'argOrigins'>, service: JsonObject, main: string, config: StackConfig, stackDir: string): Pod {
  const written = serviceAsWritten(service);
  const templateLayers = base.layers.filter((layer) => layer.template);
  const pod = assemblePodlikePod(partsOf(templateLayers, written, main, config), written, stackDir);
  const labeled = { components: {} as Record<string, JsonObject>, init: pod.init.map(labelComponent) };
  for (const [name, component] of Object.entries(pod.components)) setEntry(labeled.components, name, labelComponent(component));
  return { ...base, main, ...pod, labeled, volumes: [] };
}
