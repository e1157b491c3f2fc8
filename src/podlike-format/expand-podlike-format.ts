/**
 * Compiles a stack written in Podlike's own template format with Podlike's semantics: each
 * configured service becomes the pod `podlike template` would make of it, written through
 * podlike-gen's pod model, so the output keeps podlike-gen's guarantees (stable order,
 * untouched services and comments kept, labels docker and Podlike both read as meant).
 */
import { CompileError, type Diagnostic } from '../diagnostics.js';
import { assembleController } from '../expand/assemble-controller.js';
import type { Pod } from '../model/pod.js';
import type { ExpandedStack, ExpandOptions } from '../expand/expand-stack.js';
import { labelComponent } from '../emit/label-text.js';
import { stackPosition, type LoadedStack } from '../load/read-stack.js';
import { controllerProblems, type ControllerUse } from '../expand/controller-release.js';
import { isObject, setEntry, type JsonObject } from '../model/compose-lists.js';
import { templateData } from './template-data.js';
import { mergeRecursively } from './merge-rules.js';
import { readPodlikeConfig, type PodlikeServiceConfig } from './podlike-config.js';
import { renderTemplate } from './render-template.js';
import { templateText } from './template-source.js';
import { readScope, type ReadScope } from '../host-files/read-scope.js';
import { transformPod, type PodlikePod } from './transform-pod.js';

/** The service as written, without its Podlike configuration. */
function writtenService(service: JsonObject): JsonObject {
  const { 'x-podlike': _config, ...rest } = service;
  return rest;
}

/** template.go's render: the service's args, then the stack-wide ones where the service has none. */
function templateArgs(config: PodlikeServiceConfig, stackArgs: JsonObject): JsonObject {
  const args: JsonObject = {};
  mergeRecursively(args, config.args ?? {});
  mergeRecursively(args, stackArgs);
  return args;
}

/** podlike-gen's pod model of a Podlike-format pod: no podlike-gen templates or layers made it. */
function asPod(service: string, pod: PodlikePod): Pod {
  const labeled = { components: {} as Record<string, JsonObject>, init: pod.init.map(labelComponent) };
  for (const [name, component] of Object.entries(pod.components)) setEntry(labeled.components, name, labelComponent(component));
  return { service, main: Object.keys(pod.components)[0], merge: 'podlike', templates: [], controller: pod.controller, components: pod.components, init: pod.init, copy: pod.copy, layers: [], labeled, volumes: [], argOrigins: () => [], targets: [] };
}

function makePod(stack: LoadedStack, config: PodlikeServiceConfig, stackArgs: JsonObject, scope: ReadScope): Pod {
  const written = writtenService((stack.model.services as JsonObject)[config.service] as JsonObject);
  const data = templateData(config.service, written, templateArgs(config, stackArgs));
  const pod = transformPod(config, written, (source) => renderTemplate(templateText(stack, source, scope), data), stack.baseDir);
  return asPod(config.service, pod);
}

/** A pod's controller image and flags, for the checks of what the controller can run (at the service: a template set them). */
function controllerUse(stack: LoadedStack, pod: Pod): ControllerUse {
  const { image, command } = pod.controller;
  const at = stackPosition(stack, ['services', pod.service], true);
  const flags = Array.isArray(command) ? command.map(String) : typeof command === 'string' ? command.split(/\s+/).filter((word) => word !== '') : [];
  return { service: pod.service, image: String(image), flags, usesInit: pod.init.length > 0, imageAt: at, flagsAt: at, flagsSetting: 'the command of the pod template' };
}

/**
 * Every configured service as its pod; the rest of the stack as written, less the top-level
 * x-podlike. What would keep a pod's controller from starting it is added to `diagnostics`.
 */
export function expandPodlikeFormat(stack: LoadedStack, options: ExpandOptions = {}, diagnostics: Diagnostic[] = []): ExpandedStack {
  const config = readPodlikeConfig(stack);
  const outServices: JsonObject = { ...(isObject(stack.model.services) ? stack.model.services : {}) };
  const errors: Diagnostic[] = [];
  const pods: Pod[] = [];
  const controllers: ControllerUse[] = [];
  const scope = options.scope ?? readScope(['-'], [], stack.baseDir);
  for (const serviceConfig of config.services) {
    try {
      const pod = makePod(stack, serviceConfig, config.args, scope);
      outServices[serviceConfig.service] = assembleController(pod);
      controllers.push(controllerUse(stack, pod));
      options.onPod?.(pod);
      if (options.keepPods) pods.push(pod);
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      errors.push(...e.diagnostics);
    }
  }
  const controllerChecks = controllerProblems(controllers);
  errors.push(...controllerChecks.filter((d) => d.severity === 'error'));
  if (errors.length > 0) throw new CompileError(errors);
  diagnostics.push(...controllerChecks);
  const model: JsonObject = {};
  for (const [key, value] of Object.entries(stack.model)) if (key !== 'x-podlike') model[key] = key === 'services' ? outServices : value;
  const podServices = config.services.map((c) => c.service);
  return options.keepPods ? { model, podServices, pods } : { model, podServices };
}
