/**
 * A pod as the stages after expansion see it: validate checks it, emit writes its controller,
 * explain and graph report on it. Either format's expansion makes one (podlike-gen's layers,
 * or Podlike's own template format).
 */
import type { JsonObject } from './compose-lists.js';
import type { PodLayer } from './pod-layer.js';
import type { Template } from '../templates/template.js';
import type { TargetUse } from '../checks/unreachable-targets.js';
import type { ArgOrigin } from '../expand/resolve-args.js';

/** A pod after merging its layers, before it becomes a controller service. */
export interface Pod {
  service: string;
  /** The main component's name: `app` unless the service names it (x-podlike.main-component). */
  main: string;
  /** Whose rules merged the layers: podlike-gen's (a later layer wins) or Podlike's (the first wins). */
  merge: 'podlike-gen' | 'podlike';
  templates: readonly Template[];
  controller: JsonObject;
  components: Record<string, JsonObject>;
  init: JsonObject[];
  copy: Record<string, string[]>;
  /** The layers in merge order, for stack additions and for explaining the result. */
  layers: PodLayer[];
  /** Each component as its label holds it (labelComponent): what the controller carries and what is validated. */
  labeled: { components: Record<string, JsonObject>; init: JsonObject[] };
  /** Named volumes the components use. */
  volumes: string[];
  /** Targets the pod's templates left at their defaults, for the stack-wide check that the stack has them. */
  targets: TargetUse[];
  /** For explain: every arg the pod's templates got and the layers that set it (worked out when asked). */
  argOrigins: () => ArgOrigin[];
}
