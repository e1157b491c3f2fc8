/**
 * What the pod's controller image can run. Podlike's releases differ (its git tags 0.4.0, 0.5.0
 * and 0.5.1 are published as rycus86/podlike:<tag>; master as rycus86/podlike:latest): init
 * components exist from 0.5.0, the -ipc flag only on master. Every release joins the
 * controller's IPC namespace, which Docker engines since 20.10 keep private, so on them only a
 * master build with -ipc=false starts any component (Podlike issues #5 and #7). A flag the
 * controller does not define stops it at start (Go's flag package), so a pod never starts.
 * Images podlike-gen cannot place (a digest, another repository or tag) are not checked.
 */
import { error, warning, type Diagnostic, type SourcePosition } from '../diagnostics.js';

const REPOSITORIES = new Set(['rycus86/podlike', 'docker.io/rycus86/podlike', 'index.docker.io/rycus86/podlike', 'docker.io/library/rycus86/podlike']);
const RELEASE_FLAGS = ['pids', 'volumes', 'logs', 'pull'];
const MASTER_FLAGS = [...RELEASE_FLAGS, 'ipc'];
const RELEASES = ['0.4.0', '0.5.0', '0.5.1'];
const FIRST_WITH_INIT = '0.5.0';
/** Releases before 0.4.0 exist too; podlike-gen knows them only as older than init components. */
const OLDEST_KNOWN = '0.4.0';
const GO_BOOLEANS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

type Controller = { kind: 'master' } | { kind: 'release'; version: string } | { kind: 'missing'; version: string };

/** `rycus86/podlike:0.5.1` → the release; `:latest` or no tag → master; anything else undefined. */
function controllerOf(image: string): Controller | undefined {
  if (image.includes('@')) return undefined;
  const colon = image.lastIndexOf(':');
  const hasTag = colon > image.lastIndexOf('/');
  const repository = hasTag ? image.slice(0, colon) : image;
  const tag = hasTag ? image.slice(colon + 1) : 'latest';
  if (!REPOSITORIES.has(repository)) return undefined;
  if (tag === 'latest') return { kind: 'master' };
  if (!/^\d+\.\d+\.\d+$/.test(tag)) return undefined;
  if (RELEASES.includes(tag) || compareVersions(tag, OLDEST_KNOWN) < 0) return { kind: 'release', version: tag };
  return { kind: 'missing', version: tag };
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** `-name`, `--name` or `-name=value` as Go's flag package reads one argument. */
function parseFlag(argument: string): { name: string; value?: string } | undefined {
  const match = /^--?([^-=][^=]*)(?:=(.*))?$/s.exec(argument);
  return match ? { name: match[1], value: match[2] } : undefined;
}

function flagProblems(image: string, flags: readonly string[], known: readonly string[], at: SourcePosition | undefined): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const argument of flags) {
    const flag = parseFlag(argument);
    if (!flag) {
      problems.push(error(`controller flag "${argument}" is not a flag: ${image} stops at start on any argument that is not (write -name or -name=value)`, at));
    } else if (!known.includes(flag.name)) {
      const ipcHint = flag.name === 'ipc' ? ': -ipc exists only on master builds (rycus86/podlike:latest)' : ` (it has ${known.map((k) => `-${k}`).join(', ')})`;
      problems.push(error(`controller flag "${argument}": ${image} does not define -${flag.name} and stops at start${ipcHint}`, at));
    } else if (flag.value !== undefined && !GO_BOOLEANS.has(flag.value)) {
      problems.push(error(`controller flag "${argument}": -${flag.name} takes true or false, and ${image} stops at start on "${flag.value}"`, at));
    }
  }
  return problems;
}

/** Whether the flags leave IPC sharing on (Podlike's default), the last -ipc winning as in Go. */
function sharesIpc(flags: readonly string[]): boolean {
  let shared = true;
  for (const argument of flags) {
    const flag = parseFlag(argument);
    if (flag?.name === 'ipc') shared = flag.value === undefined || ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(flag.value);
  }
  return shared;
}

const NO_COMPONENT_STARTS = "Docker engines since 20.10 keep a container's IPC namespace private, and a controller that joins it starts no component (\"non-shareable IPC\", Podlike issues #5 and #7)";

/** A pod's controller as the stack compiles it, and where each part was chosen. */
export interface ControllerUse {
  service: string;
  image: string;
  flags: readonly string[];
  /** Whether the pod has init components. */
  usesInit: boolean;
  imageAt?: SourcePosition;
  flagsAt?: SourcePosition;
  /** Where the stack sets the flags, for the advice: x-podlike.controller.flags, or a Podlike pod template's command. */
  flagsSetting: string;
}

/**
 * What would stop the pods' controllers, or keep them from starting components on today's
 * engines: said once for each image and flags, and for each pod whose init components its
 * release cannot run.
 */
export function controllerProblems(uses: readonly ControllerUse[]): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const use of uses) {
    const controller = controllerOf(use.image);
    if (!controller) continue;
    const key = JSON.stringify([use.image, use.flags]);
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(...imageProblems(controller, use));
    }
    if (controller.kind === 'release' && use.usesInit && compareVersions(controller.version, FIRST_WITH_INIT) < 0) {
      problems.push(error(`service "${use.service}": the pod has init components, which ${use.image} does not run (they exist from Podlike ${FIRST_WITH_INIT}): use rycus86/podlike:latest`, use.imageAt));
    }
  }
  return problems;
}

function imageProblems(controller: Controller, use: ControllerUse): Diagnostic[] {
  if (controller.kind === 'missing') {
    return [error(`controller image ${use.image} does not exist: Podlike's releases are ${RELEASES.join(', ')} and latest (master); use rycus86/podlike:latest with -ipc=false, or pin it by digest`, use.imageAt)];
  }
  const problems = flagProblems(use.image, use.flags, controller.kind === 'master' ? MASTER_FLAGS : RELEASE_FLAGS, use.flagsAt);
  if (controller.kind === 'release') {
    problems.push(warning(`controller ${use.image} always shares its IPC namespace with the components; ${NO_COMPONENT_STARTS}: use rycus86/podlike:latest with -ipc=false`, use.imageAt));
  } else if (sharesIpc(use.flags)) {
    problems.push(warning(`controller ${use.image} shares its IPC namespace with the components unless given -ipc=false; ${NO_COMPONENT_STARTS}: add -ipc=false to ${use.flagsSetting}`, use.flagsAt ?? use.imageAt));
  }
  return problems;
}
