/**
 * What a Podlike-format pod gets when its configuration leaves something out
 * (pkg/template/defaults.go), with one deliberate difference: the default controller runs
 * with `-logs -ipc=false` (podlike-gen's flags), not Podlike's `-logs`. Podlike's master
 * build shares the IPC namespace unless told not to, and Docker engines since 20.10 keep it
 * private, so a controller without `-ipc=false` starts no component (Podlike issues #5, #7).
 */
import type { PathKey } from '../load/source-file.js';
import { DEFAULT_CONTROLLER_FLAGS, DEFAULT_CONTROLLER_IMAGE } from '../expand/pod-config.js';
import type { JsonObject } from '../model/compose-lists.js';
import type { TemplateSource } from './podlike-config.js';

const DOCKER_SOCKET = '/var/run/docker.sock:/var/run/docker.sock:ro';

/** The pod template used when none is given: the controller image, its flags, the Docker socket. */
export function defaultPodTemplate(at: PathKey[]): TemplateSource {
  const text = ['pod:', `  image: ${DEFAULT_CONTROLLER_IMAGE}`, `  command: ${DEFAULT_CONTROLLER_FLAGS.join(' ')}`, '  volumes:', `    - ${DOCKER_SOCKET}`, ''].join('\n');
  return { kind: 'inline', text, at, builtIn: 'the default pod template' };
}

/** What the default pod template renders to, for a controller image and flags. */
export function defaultPodDefinition(image: string, flags: readonly string[]): JsonObject {
  return { image, command: flags.join(' '), volumes: [DOCKER_SOCKET] };
}

/** The transformer used when none is given: component `app` with the service's image. */
export function defaultTransformerTemplate(at: PathKey[]): TemplateSource {
  return { kind: 'inline', text: 'app:\n  image: {{ .Service.Image }}', at, builtIn: 'the default transformer template' };
}

/** Set on the controller after every pod template when still missing (defaults.go's getMinimalPodProperties). */
export function minimalPodProperties(): JsonObject {
  return { image: DEFAULT_CONTROLLER_IMAGE, volumes: [DOCKER_SOCKET] };
}
