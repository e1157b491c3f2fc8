import { CompileError, error, note, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { isObject, misshapenKeyValueKeys, type Json, type JsonObject } from '../model/compose-lists.js';
import { didYouMean } from '../suggest.js';
import { sectionPosition } from '../templates/load-template.js';
import { sectionText, type CompiledSection, type SectionName, type Template } from '../templates/template.js';
import { COMPONENT_KEYS, UNSUPPORTED_COMPONENT_KEYS } from './component-keys.js';
import { merge } from './merge-layers.js';
import { APP, emptyLayer, STACK_SECTIONS, type PodLayer, type StackSection } from '../model/pod-layer.js';
import { renderSection, type RenderContext } from './render-section.js';
import { podlikeLabels } from './pod-config.js';

const COMPONENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** The column (0-based) of `key` when a line starts with it as a mapping key (after a list's `- `), or undefined. */
function startsWithKey(line: string, key: string): number | undefined {
  const indent = /^\s*(?:-\s+)?/.exec(line)![0].length;
  for (const written of [key, `"${key}"`, `'${key}'`]) {
    if (line.startsWith(written, indent) && /^\s*:(\s|$)/.test(line.slice(indent + written.length))) return indent;
  }
  return undefined;
}

class SectionShape {
  constructor(
    readonly template: Template,
    readonly section: CompiledSection,
    readonly service: string,
  ) {}

  /** Stops with `message`, at the line that writes top-level `key` when given, else at the section's start. */
  fail(message: string, key?: string): never {
    const where = key === undefined ? sectionPosition(this.section, 1) : this.keyPosition(key);
    throw new CompileError([error(`service "${this.service}", template "${this.template.name}", section "${this.section.name}": ${message}`, where)]);
  }

  /**
   * Where the template wrote `key`: the first line of the section's text that starts with it
   * (after component `under`'s own line, before the next component, in the components section);
   * the section's start when its text does not show the key (a value wrote it).
   */
  keyPosition(key: string, under?: string): SourcePosition {
    const text = sectionText(this.template, this.section.name);
    if (text === undefined) return sectionPosition(this.section, 1);
    const lines = text.split('\n');
    let from = 0;
    let to = lines.length;
    if (under !== undefined) {
      const own = lines.findIndex((line) => startsWithKey(line, under) === 0);
      if (own >= 0) {
        from = own + 1;
        const next = lines.findIndex((line, i) => i > own && /^[^\s#]/.test(line));
        if (next >= 0) to = next;
      }
    }
    for (let i = from; i < to; i++) {
      const column = startsWithKey(lines[i], key);
      if (column !== undefined) return sectionPosition(this.section, i + 1, column);
    }
    return sectionPosition(this.section, 1);
  }

  mapping(value: unknown, what: string): JsonObject {
    if (value === null || value === undefined) return {};
    if (!isObject(value)) this.fail(`${what} must be a mapping, not ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}`);
    return value;
  }
}

/** `/a:/b`, a list of those, or a `{src: dst}` mapping → `src:dst` strings. */
function copySpecs(value: Json, shape: SectionShape, component: string): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  if (isObject(value)) return Object.entries(value).map(([src, dst]) => `${src}:${String(dst)}`);
  return shape.fail(`copy spec for "${component}" must be "/src:/dst", a list of those, or a src: dst mapping`, component);
}

/**
 * Applies Podlike's rules to a component a template wrote: keys with a home on the
 * controller move there (with a note), other unsupported or unknown keys are errors.
 */
function checkComponentKeys(component: JsonObject, name: string, shape: SectionShape, layer: PodLayer, notes: Diagnostic[]): JsonObject {
  if (Object.keys(component).every((key) => COMPONENT_KEYS.has(key)) && misshapenKeyValueKeys(component).length === 0) return component;
  const kept: JsonObject = {};
  const where = (key: string) => shape.keyPosition(key, shape.section.name === 'components' ? name : undefined);
  const subject = `service "${shape.service}", template "${shape.template.name}", component "${name}"`;
  const errors: Diagnostic[] = misshapenKeyValueKeys(component).map((key) =>
    error(`${subject}: ${key} must be a mapping or a list of KEY=VALUE strings`, where(key)),
  );
  for (const [key, value] of Object.entries(component)) {
    const unsupported = UNSUPPORTED_COMPONENT_KEYS[key];
    if (COMPONENT_KEYS.has(key)) kept[key] = value;
    else if (unsupported?.controller) {
      layer.controller = merge(layer.controller, { [key]: value });
      notes.push(note(`${subject}: "${key}" moved to the controller: ${unsupported.reason}`, where(key)));
    } else if (unsupported) {
      errors.push(error(`${subject}: "${key}" is not supported in a pod component: ${unsupported.reason}`, where(key)));
    } else {
      // The nearest name may be one a pod cannot have: the suggestion then leads to why.
      errors.push(error(`${subject}: unknown component key "${key}"${didYouMean(key, [...COMPONENT_KEYS, ...Object.keys(UNSUPPORTED_COMPONENT_KEYS)])}`, where(key)));
    }
  }
  if (errors.length > 0) throw new CompileError(errors);
  return kept;
}

function render(template: Template, name: SectionName, context: RenderContext): { value: unknown; shape: SectionShape } | undefined {
  const section = template.sections[name];
  if (!section) return undefined;
  return { value: renderSection(template, section, context), shape: new SectionShape(template, section, context.service.name) };
}

/** Where a template writes a component: its key in the components section, or the app section's start. */
export function componentPosition(template: Template, name: string, service: string): SourcePosition | undefined {
  const section = template.sections[name === APP && template.sections.app ? 'app' : 'components'];
  if (!section) return undefined;
  const shape = new SectionShape(template, section, service);
  return section.name === 'app' ? sectionPosition(section, 1) : shape.keyPosition(name);
}

/** Renders a template's sections for one pod into a layer; notes are added to `notes`. */
export function templateLayer(template: Template, context: RenderContext, notes: Diagnostic[]): PodLayer {
  const layer = emptyLayer(`template "${template.name}"`, template);

  const controller = render(template, 'controller', context);
  if (controller) {
    layer.controller = controller.shape.mapping(controller.value, 'the controller section');
    const asks = podRequestIn(layer.controller);
    if (asks) controller.shape.fail(`the controller has ${asks}, which would make it a pod of its own when the output is compiled again: podlike-gen reads it on the services of the stack only`, asks === 'x-podlike' ? 'x-podlike' : undefined);
  }

  const app = render(template, 'app', context);
  if (app) layer.components[APP] = checkComponentKeys(app.shape.mapping(app.value, 'the app section'), APP, app.shape, layer, notes);

  const components = render(template, 'components', context);
  if (components) {
    for (const [name, value] of Object.entries(components.shape.mapping(components.value, 'the components section'))) {
      if (!COMPONENT_NAME.test(name)) components.shape.fail(`component name "${name}" must be letters, digits, ., - and _`, name);
      const component = checkComponentKeys(components.shape.mapping(value, `component "${name}"`), name, components.shape, layer, notes);
      layer.components[name] = layer.components[name] ? merge(layer.components[name], component) : component;
    }
  }

  const init = render(template, 'init', context);
  if (init && init.value !== null) {
    const list: unknown[] = Array.isArray(init.value) ? init.value : init.shape.fail('the init section must be a list of components');
    layer.init = list.map((item: unknown, i: number) =>
      checkComponentKeys(init.shape.mapping(item, `init component ${i + 1}`), `init[${i}]`, init.shape, layer, notes),
    );
  }

  const copy = render(template, 'copy', context);
  if (copy) {
    for (const [component, spec] of Object.entries(copy.shape.mapping(copy.value, 'the copy section'))) {
      layer.copy[component] = copySpecs(spec, copy.shape, component);
    }
  }

  const stack = render(template, 'stack', context);
  if (stack) {
    for (const [section, entries] of Object.entries(stack.shape.mapping(stack.value, 'the stack section'))) {
      if (!STACK_SECTIONS.includes(section as StackSection)) {
        stack.shape.fail(`"${section}" cannot be added to the stack; use one of ${STACK_SECTIONS.join(', ')}${didYouMean(section, STACK_SECTIONS)}`, section);
      }
      layer.stack[section as StackSection] = stack.shape.mapping(entries, `stack section "${section}"`);
    }
    for (const [name, service] of Object.entries(layer.stack.services ?? {})) refuseAddedPod(stack.shape, name, service);
  }
  return layer;
}

/**
 * What in a service a template writes asks for a pod (x-podlike, a podlike.* label): written as
 * it is, it would become a pod only when the output is compiled again, so the output would not
 * be what compiling it gives.
 */
function podRequestIn(service: JsonObject): string | undefined {
  if (service['x-podlike'] !== undefined) return 'x-podlike';
  return podlikeLabels('', service).length > 0 ? 'a podlike.* label' : undefined;
}

function refuseAddedPod(shape: SectionShape, name: string, service: Json): void {
  const asks = isObject(service) ? podRequestIn(service) : undefined;
  if (asks) shape.fail(`service "${name}" it adds has ${asks}: a service a template adds is not made a pod; add it to the stack as a service of its own to make it one`, name);
}
