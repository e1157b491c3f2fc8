import { CompileError, error, type Diagnostic } from '../diagnostics.js';
import { stackPosition, type LoadedStack } from '../load/read-stack.js';
import { isObject, setEntry, type JsonObject } from '../model/compose-lists.js';
import type { TemplateLibrary } from '../templates/template-library.js';
import { assembleController } from './assemble-controller.js';
import { buildPod } from './build-pod.js';
import type { Pod } from '../model/pod.js';
import { controllerProblems, type ControllerUse } from './controller-release.js';
import { misspeltPodlikeLabelWarnings } from './misspelt-podlike-labels.js';
import { readPodRequest, type StackConfig } from './pod-config.js';
import { STACK_SECTIONS } from '../model/pod-layer.js';
import type { RenderContext } from './render-section.js';
import { collectStackAdditions, declarePodVolumes, type PodStackLayers } from './stack-additions.js';
import { outsideArgsProblems, stackArgsProblems } from './stack-args-use.js';
import { raiseVersion } from './stack-version.js';
import { readScope, type ReadScope } from '../host-files/read-scope.js';
import { duplicateMounts } from '../checks/duplicate-mounts.js';
import { hasImage, imagelessServices } from '../checks/imageless-services.js';
import { unreachableTargets, type TargetUse } from '../checks/unreachable-targets.js';

export interface ExpandedStack {
  model: JsonObject;
  /** The services that became pods, in stack order. */
  podServices: string[];
  /** Every pod as expanded, when asked for with keepPods. */
  pods?: Pod[];
}

export interface ExpandOptions {
  /** Called with each pod once its controller is written. */
  onPod?: (pod: Pod) => void;
  /**
   * Keep every pod (its layers, components and templates) in the result, for reports. Without
   * it a pod is released once it is written, which keeps a large stack's compile lean: the
   * garbage collector no longer copies every pod's objects from one young space to the next.
   */
  keepPods?: boolean;
  /** What the stack may read from this machine; by default the first stack file's folder tree. */
  scope?: ReadScope;
}

/** What stack additions need of a pod: its layers' stack sections, not their components. */
function stackAdditionsOf(pod: Pod): PodStackLayers {
  return { service: pod.service, layers: pod.layers.filter((layer) => Object.keys(layer.stack).length > 0).map(({ source, template, stack }) => ({ source, template, stack })) };
}

/** A pod's controller image and flags, placed where the stack chose them (else at the service). */
function controllerUse(stack: LoadedStack, pod: Pod): ControllerUse {
  const { image, command } = pod.controller;
  const chosen = (part: string) => {
    const controller = isObject(stack.model['x-podlike']) ? stack.model['x-podlike'].controller : undefined;
    const path = isObject(controller) && controller[part] !== undefined ? ['x-podlike', 'controller', part] : ['services', pod.service];
    return stackPosition(stack, path, path.length === 2);
  };
  return {
    service: pod.service,
    image: String(image),
    flags: Array.isArray(command) ? command.map(String) : typeof command === 'string' ? command.split(/\s+/).filter((word) => word !== '') : [],
    usesInit: pod.init.length > 0,
    flagsSetting: 'x-podlike.controller.flags',
    get imageAt() {
      return chosen('image');
    },
    get flagsAt() {
      return chosen('flags');
    },
  };
}

/** The top-level sections pods read and add to must be mappings (or empty). */
function checkSectionShapes(stack: LoadedStack): void {
  const misshapen = STACK_SECTIONS.filter((section) => stack.model[section] !== undefined && stack.model[section] !== null && !isObject(stack.model[section]));
  if (misshapen.length === 0) return;
  const entry = (section: string) => `${section.slice(0, -1)} name to ${section === 'services' ? 'service' : 'definition'}`;
  throw new CompileError(misshapen.map((section) => error(`${section} must be a mapping of ${entry(section)}`, stackPosition(stack, [section]))));
}

function stackContext(model: JsonObject): RenderContext['stack'] {
  const section = (name: string) => (isObject(model[name]) ? model[name] : {});
  return {
    services: Object.keys(section('services')),
    volumes: section('volumes'),
    configs: section('configs'),
    secrets: section('secrets'),
    networks: section('networks'),
  };
}

/** Expands every pod of the stack and adds what the pods need at the top level. */
export function expandStack(stack: LoadedStack, stackConfig: StackConfig, library: TemplateLibrary, diagnostics: Diagnostic[], options: ExpandOptions = {}): ExpandedStack {
  const { model } = stack;
  checkSectionShapes(stack);
  const services = (model.services ?? {}) as JsonObject;
  const context = stackContext(model);
  const errors: Diagnostic[] = [];
  const pods: Pod[] = [];
  const podServices: string[] = [];
  const stackLayers: PodStackLayers[] = [];
  const usedVolumes: string[] = [];
  const outServices: JsonObject = {};
  const applied = new Set<string>();
  const controllers: ControllerUse[] = [];
  const notedVariables = new Set<string>();
  const scope = options.scope ?? readScope(['-'], [], stack.baseDir);
  const requested = new Set<string>();
  const targets: TargetUse[] = [];
  errors.push(...imagelessServices(services, (name) => stackPosition(stack, ['services', name], true)));

  for (const [name, service] of Object.entries(services)) {
    setEntry(outServices, name, service);
    if (!isObject(service)) continue;
    diagnostics.push(...misspeltPodlikeLabelWarnings(name, service, (path, key) => stackPosition(stack, path, key)));
    const mountProblems = duplicateMounts(`service "${name}"`, service.volumes, (i) => stackPosition(stack, ['services', name, 'volumes', i]));
    errors.push(...mountProblems);
    try {
      const request = readPodRequest(stack, name, service);
      if (!request) continue;
      requested.add(name);
      // A pod made of a service already in error would only repeat its problem.
      if (mountProblems.length > 0 || !hasImage(service)) continue;
      const pod = buildPod({ request, service, stackConfig, library, stackContext: context, stackDir: stack.baseDir, scope, notedVariables, where: (path, key) => stackPosition(stack, path, key) }, diagnostics);
      setEntry(outServices, name, assembleController(pod));
      controllers.push(controllerUse(stack, pod));
      podServices.push(name);
      stackLayers.push(stackAdditionsOf(pod));
      usedVolumes.push(...pod.volumes);
      targets.push(...pod.targets);
      for (const template of pod.templates) applied.add(template.name);
      options.onPod?.(pod);
      if (options.keepPods) pods.push(pod);
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      errors.push(...e.diagnostics);
    }
  }
  const stackProblems = [...stackArgsProblems(stack, stackConfig, library, applied), ...outsideArgsProblems(stackConfig, requested, applied), ...controllerProblems(controllers)];
  errors.push(...stackProblems.filter((d) => d.severity === 'error'));
  if (errors.length > 0) throw new CompileError(errors);
  diagnostics.push(...stackProblems);

  const output: JsonObject = {};
  for (const [key, value] of Object.entries(model)) {
    if (key !== 'x-podlike') setEntry(output, key, key === 'services' ? outServices : value);
  }
  const sections = collectStackAdditions(output, stackLayers);
  for (const section of STACK_SECTIONS) if (sections[section]) output[section] = sections[section];
  // Pod volumes are declared in the section made with the templates' additions, else in a copy of the stack's own.
  if (usedVolumes.length > 0) output.volumes = declarePodVolumes(sections.volumes ?? { ...((output.volumes as JsonObject | null) ?? {}) }, usedVolumes);
  diagnostics.push(...unreachableTargets(targets, Object.keys(isObject(output.services) ? output.services : {})));
  const expanded: ExpandedStack = { model: raiseVersion(output, diagnostics, stackPosition(stack, ['version'])), podServices };
  if (options.keepPods) expanded.pods = pods;
  return expanded;
}
