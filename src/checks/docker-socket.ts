/**
 * Whether a pod's controller can reach Docker: Podlike creates the pod's components through
 * the Docker socket. podlike-gen's own controller mounts it; a controller a template or a
 * Podlike pod template states in full may not (Podlike adds it only to a controller with no
 * volumes at all, so a Podlike-format service with volumes of its own loses it).
 */
import { warning, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { keyValueMap, mountTarget, type JsonObject } from '../model/compose-lists.js';

const SOCKET = '/var/run/docker.sock';

/** A warning for a controller that mounts no Docker socket and is given no other DOCKER_HOST. */
export function dockerSocketProblems(service: string, controller: JsonObject, where: SourcePosition | undefined): Diagnostic[] {
  const volumes = Array.isArray(controller.volumes) ? controller.volumes : [];
  if (Object.hasOwn(keyValueMap(controller.environment), 'DOCKER_HOST') || volumes.some((entry) => mountTarget(entry) === SOCKET)) return [];
  return [warning(`service "${service}": the controller does not mount the Docker socket, through which Podlike starts the pod's components, so none starts: mount ${SOCKET}:${SOCKET}:ro on it`, where)];
}
