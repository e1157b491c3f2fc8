/**
 * A service without an image: docker's own schema accepts it and `docker stack deploy` fails
 * on it (a service needs an image reference). Usually an override file's misspelt service name
 * (`webb: {deploy: {replicas: 6}}`), which made a new service instead of changing one.
 */
import { error, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import { isObject, type JsonObject } from '../model/compose-lists.js';
import { nearestName } from '../suggest.js';

export function hasImage(service: JsonObject): boolean {
  return typeof service.image === 'string' && service.image.trim() !== '';
}

/** An error for each service with no image, suggesting the service an override meant. */
export function imagelessServices(services: JsonObject, where: (service: string) => SourcePosition | undefined): Diagnostic[] {
  const names = Object.keys(services);
  const errors: Diagnostic[] = [];
  for (const [name, service] of Object.entries(services)) {
    if (!isObject(service) || hasImage(service)) continue;
    const near = nearestName(name, names.filter((other) => other !== name && isObject(services[other]) && hasImage(services[other] as JsonObject)));
    const fix =
      service.build !== undefined
        ? ' (it ignores build): build and push the image, and name it in image:'
        : near !== undefined
          ? `: did you mean "${near}"? (a service in an override file changes the service of the same name)`
          : ': add image:';
    errors.push(error(`service "${name}" has no image, so docker stack deploy cannot create it${fix}`, where(name)));
  }
  return errors;
}
