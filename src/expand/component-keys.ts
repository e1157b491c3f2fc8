import { readSchema } from '../validate/ajv.js';

/** The keys Podlike's strict component parser accepts, from the shipped component schema. */
export const COMPONENT_KEYS: ReadonlySet<string> = new Set(
  Object.keys((readSchema('component.schema.json').properties ?? {}) as Record<string, unknown>),
);

/**
 * Compose keys Podlike refuses on a component, with its reason; `controller` marks the ones
 * that have a home on the controller's Swarm service, where they are moved instead.
 */
export const UNSUPPORTED_COMPONENT_KEYS: Readonly<Record<string, { reason: string; controller?: true }>> = {
  build: { reason: 'Podlike starts pre-built images only' },
  cgroup_parent: { reason: 'the controller sets it' },
  container_name: { reason: 'the controller names the containers' },
  dns: { reason: 'DNS belongs to the controller', controller: true },
  dns_opt: { reason: 'DNS belongs to the controller' },
  dns_search: { reason: 'DNS belongs to the controller', controller: true },
  domainname: { reason: 'networking belongs to the controller', controller: true },
  expose: { reason: 'publish ports on the Swarm service (the controller) instead' },
  extends: { reason: 'Compose-style extends is not supported' },
  external_links: { reason: 'container links are not supported' },
  extra_hosts: { reason: 'networking belongs to the controller', controller: true },
  hostname: { reason: 'networking belongs to the controller', controller: true },
  init: { reason: 'the controller acts as the pod\'s init' },
  ipc: { reason: 'the controller sets the IPC namespace' },
  links: { reason: 'container links are not supported; components reach each other on 127.0.0.1' },
  mac_address: { reason: 'networking belongs to the controller' },
  network_mode: { reason: 'the controller sets the network namespace' },
  networks: { reason: 'networks are attached to the Swarm service (the controller)', controller: true },
  pid: { reason: 'the controller sets the PID namespace' },
  platform: { reason: 'use a placement constraint on the Swarm service instead' },
  ports: { reason: 'ports are published on the Swarm service (the controller)', controller: true },
  restart: { reason: 'restarts are Swarm\'s job (deploy.restart_policy on the service)' },
  scale: { reason: 'scale the Swarm service\'s replicas instead' },
  volume_driver: { reason: 'volumes are managed through the controller' },
  volumes_from: { reason: 'the controller shares volumes itself' },
};
