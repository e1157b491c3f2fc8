import { CompileError, error, hasErrors, note, warning, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { PathKey } from '../load/source-file.js';
import { envFileSecrets } from './env-file-secret.js';
import type { ReadScope } from '../host-files/read-scope.js';
import { deployVariableNotes } from './deploy-variable-notes.js';
import { placeholderWarnings } from './swarm-placeholders.js';
import { findInComponentStrings } from '../model/strings-in-components.js';
import { labelComponent } from '../emit/label-text.js';
import { isNamedVolumeSource, isObject, keyValueMap, misshapenKeyValueKeys, mountSource, objectSource, setEntry, type Json, type JsonObject } from '../model/compose-lists.js';
import { didYouMean } from '../suggest.js';
import type { TemplateLibrary } from '../templates/template-library.js';
import type { Template } from '../templates/template.js';
import { outsideDiagnostic } from '../outside-args/outside-arg.js';
import { resolveComponentBinds, type ComponentBindsInputs } from './component-binds.js';
import { componentForms } from './component-forms.js';
import { conflictWarnings } from './conflict-warnings.js';
import { merge } from './merge-layers.js';
import { orderTemplates } from './order-templates.js';
import type { PodRequest, StackConfig } from './pod-config.js';
import { APP, emptyLayer, type PodLayer } from '../model/pod-layer.js';
import type { Pod } from '../model/pod.js';
import type { RenderContext } from './render-section.js';
import { argOrigins, argsSetFor, resolveArgs } from './resolve-args.js';
import { splitService } from './split-service.js';
import { strayPodLabelWarnings } from './stray-pod-labels.js';
import { nameMainComponent } from './main-component-name.js';
import { podlikeMergedPod } from './podlike-merge.js';
import { componentPosition, templateLayer } from './template-layer.js';
import { sameNameComponents } from '../checks/component-names.js';
import { duplicateMounts } from '../checks/duplicate-mounts.js';
import { portClashes } from '../checks/port-clashes.js';
import { shadowedVolumes } from '../checks/shadowed-volumes.js';
import { defaultTargets } from '../checks/unreachable-targets.js';

/** Where the controller mounts a volume a component uses, so Swarm attaches it to the task. */
const CONTROLLER_VOLUME_DIR = '/var/lib/podlike/volumes';
const DOCKER_SOCKET = '/var/run/docker.sock:/var/run/docker.sock:ro';

export interface PodInputs {
  request: PodRequest;
  service: JsonObject;
  stackConfig: StackConfig;
  library: TemplateLibrary;
  stackContext: RenderContext['stack'];
  /** Folder the stack's relative paths resolve against. */
  stackDir: string;
  /** What the stack may have read from this machine (its env files). */
  scope: ReadScope;
  /** Deploy-time variables a note has named already, in this stack: each is named once. */
  notedVariables: Set<string>;
  /** Where a path of the stack was written, for diagnostics: its value, or with `key` its key. */
  where: (path: PathKey[], key?: boolean) => SourcePosition | undefined;
}

function defaultsLayer(service: JsonObject, config: StackConfig): PodLayer {
  const layer = emptyLayer('defaults');
  layer.controller = { image: config.controllerImage, command: config.controllerFlags, volumes: [DOCKER_SOCKET] };
  layer.components[APP] = service.image === undefined ? {} : { image: service.image };
  return layer;
}

/** A service's KEY=VALUE keys must be a mapping or a list before they are merged as one. */
function checkServiceShapes(inputs: PodInputs): void {
  const { service, request } = inputs;
  const deploy = isObject(service.deploy) ? service.deploy : {};
  const problems = [
    ...misshapenKeyValueKeys(service).map((key) => ['services', request.service, key]),
    ...misshapenKeyValueKeys({ labels: deploy.labels ?? null }).map(() => ['services', request.service, 'deploy', 'labels']),
  ];
  if (problems.length === 0) return;
  throw new CompileError(
    problems.map((path) => error(`service "${request.service}": ${path.slice(2).join('.')} must be a mapping or a list of KEY=VALUE strings`, inputs.where(path))),
  );
}

/**
 * The service's env_file as secrets on the controller, which Podlike reads for the app
 * (env-file-secret.ts); a name the file sets that a template's environment sets too is
 * a warning: at run time the environment wins, as in docker.
 */
function deployEnvFiles(inputs: PodInputs, templateLayers: readonly PodLayer[], app: JsonObject, controller: JsonObject, layer: PodLayer, notes: Diagnostic[]): void {
  const { service, request } = inputs;
  const where = inputs.where(['services', request.service, 'env_file']);
  const secrets = envFileSecrets(app.env_file, { service: request.service, stackDir: inputs.stackDir, scope: inputs.scope, where, taken: new Set(Object.keys(inputs.stackContext.secrets)) });
  app.env_file = secrets.map((secret) => secret.path);
  controller.secrets = [...(Array.isArray(controller.secrets) ? controller.secrets : []), ...secrets.map(({ name }) => ({ source: name, target: name }))];
  layer.stack.secrets = Object.fromEntries(secrets.map(({ name, definition }) => [name, definition]));
  const own = keyValueMap(service.environment);
  const fromTemplates = new Map<string, string>();
  for (const template of templateLayers) {
    for (const key of Object.keys(keyValueMap(template.components[APP]?.environment))) fromTemplates.set(key, template.template?.name ?? template.source);
  }
  for (const key of new Set(secrets.flatMap((secret) => secret.keys))) {
    const template = fromTemplates.get(key);
    if (template !== undefined && !Object.hasOwn(own, key)) {
      notes.push(warning(`service "${request.service}": env_file sets ${key}, which template "${template}" sets in the app's environment too; the environment wins over env_file (in Podlike as in docker), so set ${key} in the service's environment to override the template`, where));
    }
  }
  notes.push(note(`service "${request.service}": env_file deployed as ${secrets.length === 1 ? 'secret' : 'secrets'} ${secrets.map((s) => `"${s.name}"`).join(', ')} on the controller, where Podlike reads it for the app; its values are not written in the output`, where));
}

function serviceLayer(inputs: PodInputs, templateLayers: readonly PodLayer[], notes: Diagnostic[]): PodLayer {
  const { service, request } = inputs;
  checkServiceShapes(inputs);
  notes.push(...strayPodLabelWarnings(request.service, service, inputs.where));
  const layer = emptyLayer('service');
  const { controller, app: written } = splitService(service);
  const app = componentForms(written, request.service, inputs.where, notes);
  if (app.env_file !== undefined) deployEnvFiles(inputs, templateLayers, app, controller, layer, notes);
  layer.controller = controller;
  layer.components[APP] = app;
  return layer;
}

/** A hint for a label with a word between `podlike.` and the template's name (`podlike.args.http.port`). */
function templateNamedAfter(path: readonly string[], applied: readonly string[]): string {
  return path.length >= 2 && applied.includes(path[0]) ? ` (the template's name comes right after "podlike.": "podlike.${path.join('.')}")` : '';
}

/** What a template layer's components get wrong by themselves or next to earlier templates' components. */
function templateComponentProblems(request: PodRequest, template: Template, layer: PodLayer, owners: Map<string, string>): Diagnostic[] {
  const where = (name: string) => componentPosition(template, name, request.service) ?? request.where;
  const problems = sameNameComponents(request.service, template, Object.keys(layer.components), owners, where);
  for (const [name, component] of Object.entries(layer.components)) {
    problems.push(...duplicateMounts(`service "${request.service}", template "${template.name}", component "${name}"`, component.volumes, () => where(name)));
  }
  return problems;
}

/** Label, x-podlike and per-service outside args must belong to a template the pod applies. */
function checkArgTargets(request: PodRequest, templates: readonly Template[], stackConfig: StackConfig): void {
  const applied = templates.map((t) => t.name);
  const errors: Diagnostic[] = [];
  for (const label of request.labelArgs) {
    if (!applied.includes(label.template)) {
      errors.push(
        error(
          `service "${request.service}": label "podlike.${label.template}.${label.path.join('.')}" sets an arg of template "${label.template}", which this pod does not apply${didYouMean(label.template, applied) || templateNamedAfter(label.path, applied)}`,
          label.where,
        ),
      );
    }
  }
  for (const [template, args] of Object.entries(request.serviceArgs)) {
    if (!applied.includes(template)) {
      errors.push(error(`service "${request.service}": x-podlike.args has args for template "${template}", which this pod does not apply${didYouMean(template, applied)}`, args.where));
    }
  }
  for (const arg of stackConfig.outside.perService) {
    if (arg.service === request.service && !applied.includes(arg.template)) {
      errors.push(outsideDiagnostic(arg, 'error', `service "${request.service}": args given for template "${arg.template}", which this pod does not apply${didYouMean(arg.template, applied)}`, 'template'));
    }
  }
  if (errors.length > 0) throw new CompileError(errors);
}

function mergeLayers(layers: readonly PodLayer[]): Pick<Pod, 'controller' | 'components' | 'init' | 'copy'> {
  let controller: JsonObject = {};
  const components: Record<string, JsonObject> = {};
  let init: JsonObject[] = [];
  const copy: Record<string, string[]> = {};
  for (const layer of layers) {
    // Most template layers leave the controller alone; merging nothing would only copy it.
    if (Object.keys(layer.controller).length > 0) controller = merge(controller, layer.controller);
    for (const [name, component] of Object.entries(layer.components)) {
      components[name] = components[name] ? merge(components[name], component) : component;
    }
    if (layer.init.length > 0) init = [...init, ...layer.init.filter((c) => !init.some((i) => JSON.stringify(i) === JSON.stringify(c)))];
    for (const [name, specs] of Object.entries(layer.copy)) {
      copy[name] = [...new Set([...(copy[name] ?? []), ...specs])];
    }
  }
  return { controller, components, init, copy };
}

/**
 * Configs and secrets the author mounted on the service: Swarm mounts them on the
 * controller, which copies them into the app at the path the author asked for.
 */
function copySwarmFiles(inputs: PodInputs, copy: Record<string, string[]>, diagnostics: Diagnostic[]): void {
  const { service, request } = inputs;
  const specs: string[] = [];
  for (const [kind, defaultDir] of [['configs', '/'], ['secrets', '/run/secrets/']] as const) {
    const entries = service[kind];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, i) => {
      const target = isObject(entry) && typeof entry.target === 'string' ? entry.target : `${defaultDir}${objectSource(entry)}`;
      const path = target.startsWith('/') ? target : `${defaultDir}${target}`;
      specs.push(`${path}:${path}`);
      if (path.startsWith(SECRETS_DIR)) diagnostics.push(note(`service "${request.service}": ${kind.slice(0, -1)} "${objectSource(entry)}" is copied into the app at ${path}; Podlike copies a file only into a folder the image already has, so the app's image needs ${SECRETS_DIR.slice(0, -1)} (or give it a target: in a folder the image has)`, inputs.where(['services', request.service, kind, i])));
    });
  }
  if (specs.length > 0) copy[APP] = [...new Set([...(copy[APP] ?? []), ...specs])];
}

/** Swarm's folder for secrets, which few images have: Podlike's copy does not create it (pkg/component/copy.go). */
const SECRETS_DIR = '/run/secrets/';

/** Named volumes the components use, attached to the controller so Swarm mounts them on the task. */
function attachNamedVolumes(controller: JsonObject, components: readonly JsonObject[]): string[] {
  const names = new Set<string>();
  for (const component of components) {
    if (!Array.isArray(component.volumes)) continue;
    for (const entry of component.volumes) {
      const source = mountSource(entry);
      if (isNamedVolumeSource(source)) names.add(source);
    }
  }
  const mounts = [...names].map((name) => `${name}:${CONTROLLER_VOLUME_DIR}/${name}`);
  if (mounts.length > 0) controller.volumes = merge({ volumes: (controller.volumes as Json[]) ?? [] }, { volumes: mounts }).volumes;
  return [...names];
}

/** The merged components with their relative bind sources made absolute; a `~` source fails the pod. */
function resolveBinds<T extends Pick<Pod, 'components' | 'init'>>(inputs: PodInputs, layers: readonly PodLayer[], merged: T, diagnostics: Diagnostic[]): T {
  const context: ComponentBindsInputs = {
    service: inputs.request.service,
    serviceVolumes: inputs.service.volumes ?? null,
    stackDir: inputs.stackDir,
    layers,
    where: inputs.where,
    // Read only for a diagnostic: finding a position costs a look through the stack's files.
    get serviceWhere() {
      return inputs.request.where;
    },
  };
  const found: Diagnostic[] = [];
  const components: Record<string, JsonObject> = {};
  for (const [name, component] of Object.entries(merged.components)) setEntry(components, name, resolveComponentBinds(context, name, component, found));
  const init = merged.init.map((component, i) => resolveComponentBinds(context, `init[${i}]`, component, found));
  if (hasErrors(found)) throw new CompileError(found.filter((d) => d.severity === 'error'));
  diagnostics.push(...found);
  return { ...merged, components, init };
}

/**
 * A component's env_file as a list: Podlike reads a single path, then refuses it as
 * "unexpected env file(s)" (variablesFromEnvFiles has no return after its string case).
 */
function envFilesAsLists<T extends Pick<Pod, 'components' | 'init'>>(merged: T): T {
  const listed = (component: JsonObject): JsonObject => (typeof component.env_file === 'string' ? { ...component, env_file: [component.env_file] } : component);
  const components: Record<string, JsonObject> = {};
  for (const [name, component] of Object.entries(merged.components)) setEntry(components, name, listed(component));
  return { ...merged, components, init: merged.init.map(listed) };
}

/** Expands one service into its pod: defaults, then templates, then the service as written. */
export function buildPod(inputs: PodInputs, diagnostics: Diagnostic[]): Pod {
  const { request, service, stackConfig, library } = inputs;
  const templates = orderTemplates(request.service, [...stackConfig.defaults, ...request.templates], library);
  checkArgTargets(request, templates, stackConfig);

  const templateLayers: PodLayer[] = [];
  const componentNames = [APP];
  const main = request.mainComponent?.value ?? APP;
  // Not copied: whatever a template takes from it reaches the output through value tokens, which copy.
  const serviceContext = { ...service, name: request.service };
  const errors: Diagnostic[] = [];
  const owners = new Map<string, string>();
  const resolved = new Map<Template, JsonObject>();
  for (const template of templates) {
    try {
      const args = resolveArgs(request, template, stackConfig);
      resolved.set(template, args);
      const context: RenderContext = {
        service: serviceContext,
        args,
        pod: { app: main, components: componentNames.map((name) => (name === APP ? main : name)) },
        stack: inputs.stackContext,
      };
      const layer = templateLayer(template, context, diagnostics);
      // Only a template with targets asks which args were set (their defaults are checked).
      layer.args = { values: args, set: Object.keys(template.targets).length > 0 ? argsSetFor(request, template, stackConfig) : new Set() };
      errors.push(...templateComponentProblems(request, template, layer, owners));
      for (const name of Object.keys(layer.components)) if (!componentNames.includes(name)) componentNames.push(name);
      templateLayers.push(layer);
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      errors.push(...e.diagnostics.map((d) => (d.position || d.file ? d : { ...d, position: request.where })));
    }
  }
  if (errors.length > 0) throw new CompileError(errors);
  const origins = () => [...resolved].flatMap(([template, args]) => argOrigins(request, template, stackConfig, args));
  const targets = defaultTargets(request.service, templateLayers, request.where);
  if (stackConfig.merge === 'podlike') return podlikeMergedPod({ service: request.service, templates, layers: templateLayers, targets, argOrigins: origins }, service, request.mainComponent, stackConfig, inputs.stackDir);
  diagnostics.push(...conflictWarnings(request, templateLayers));

  const layers = [defaultsLayer(service, stackConfig), ...templateLayers, serviceLayer(inputs, templateLayers, diagnostics)];
  const clashes = portClashes(request.service, layers, componentNames, request.where);
  if (clashes.length > 0) throw new CompileError(clashes);
  diagnostics.push(...shadowedVolumes(request.service, layers, (i) => inputs.where(['services', request.service, 'volumes', i])));
  const merged = envFilesAsLists(resolveBinds(inputs, layers, mergeLayers(layers), diagnostics));
  copySwarmFiles(inputs, merged.copy, diagnostics);
  const everyComponent = { ...merged.components, ...Object.fromEntries(merged.init.map((c, i) => [`init[${i}]`, c])) };
  // One walk over every string: those that may hold a Swarm placeholder or a deploy-time variable.
  const marked = findInComponentStrings(everyComponent, (text) => (text.includes('{{') || text.includes('$') ? text : undefined));
  if (marked.length > 0) {
    diagnostics.push(...placeholderWarnings(request.service, marked, request.where), ...deployVariableNotes(request.service, marked, inputs.notedVariables, request.where));
  }
  const volumes = attachNamedVolumes(merged.controller, [...Object.values(merged.components), ...merged.init]);
  const labeled = { components: {} as Record<string, JsonObject>, init: merged.init.map(labelComponent) };
  for (const [name, component] of Object.entries(merged.components)) setEntry(labeled.components, name, labelComponent(component));
  const built = { ...merged, layers, labeled };
  const named = request.mainComponent ? nameMainComponent(request.service, built, request.mainComponent) : built;
  return { service: request.service, main, merge: 'podlike-gen', templates, ...named, volumes, targets, argOrigins: origins };
}
