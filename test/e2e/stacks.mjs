// Deploying compiled stacks and looking at them as a user would: podlike-gen's output piped
// into `docker stack deploy`, the controller's logs (`-logs` streams the components' output
// into them), the component containers Podlike starts (named <controller>.podlike.<component>),
// and, when a check fails, everything needed to see why.
import { join } from 'node:path';
import { docker, run, waitFor } from './process.mjs';

/** Compiles stack files with podlike-gen (merged as `docker stack deploy -c a -c b` would). */
export function compile(repoRoot, files) {
  return run('node', [join(repoRoot, 'bin', 'podlike-gen.js'), ...files], { cwd: repoRoot }).stdout;
}

/**
 * Deploys a compiled stack from standard input, with the images as they are on this node. It
 * runs in the first stack file's folder: `-c -` resolves relative paths (a config's `file:`)
 * against the current folder, and podlike-gen leaves them relative to the input's folder.
 */
export function deploy(folder, stack, yaml, env = {}) {
  run('docker', ['stack', 'deploy', '--resolve-image', 'never', '-c', '-', stack],
    { input: yaml, cwd: folder, env, timeoutMs: 120_000 });
}

/** The containers of a stack, controllers and components: [{ id, name, status }]. */
export function containers(stack, { all = false } = {}) {
  const out = docker(['ps', ...(all ? ['-a'] : []), '--filter', `name=^${stack}_`, '--format', '{{.ID}}\t{{.Names}}\t{{.Status}}']);
  return out ? out.split('\n').map((line) => {
    const [id, name, status] = line.split('\t');
    return { id, name, status };
  }) : [];
}

/** The running container of a pod's component (Podlike names it <controller name>.podlike.<component>). */
export function componentContainer(stack, service, component) {
  const pattern = new RegExp(`^${stack}_${service}\\.\\d+\\.\\w+\\.podlike\\.${component}$`);
  return containers(stack).find((c) => pattern.test(c.name));
}

/** Everything a service's tasks printed: the controller's own lines and, with -logs, its components'. */
export function serviceLogs(stack, service) {
  const result = run('docker', ['service', 'logs', '--raw', '--no-trunc', `${stack}_${service}`], { allowFail: true, timeoutMs: 30_000 });
  return result.stdout + result.stderr;
}

/** Waits until the controller of a pod says each component started. */
export function waitForComponents(stack, service, components, timeoutMs = 90_000) {
  return waitFor(`${stack}_${service}: components ${components.join(', ')} started`, () => {
    const logs = serviceLogs(stack, service);
    const missing = components.filter((c) => !logs.includes(`Component started: ${c}\n`));
    return { ok: missing.length === 0, seen: `not yet started: ${missing.join(', ')}; logs end: ${logs.slice(-600)}` };
  }, { timeoutMs, intervalMs: 1000 });
}

/** Removes a stack and waits until its containers (Podlike's components included) are gone. */
export async function remove(stack) {
  run('docker', ['stack', 'rm', stack], { allowFail: true, timeoutMs: 60_000 });
  try {
    await waitFor(`stack ${stack} to be gone`, () => {
      const left = containers(stack, { all: true });
      return { ok: left.length === 0, seen: left.map((c) => c.name).join(', ') };
    }, { timeoutMs: 60_000, intervalMs: 1000 });
  } catch (error) {
    console.log(`  ${error.message}: removing them`);
    for (const c of containers(stack, { all: true })) run('docker', ['rm', '-f', c.id], { allowFail: true });
  }
  await waitFor(`stack ${stack}'s network to be gone`, () => {
    const left = docker(['network', 'ls', '--filter', `label=com.docker.stack.namespace=${stack}`, '-q']);
    return { ok: left === '', seen: left };
  }, { timeoutMs: 30_000, intervalMs: 1000 });
}

/** Prints what explains a failure: task states, each service's logs, each container's own logs. */
export function printDiagnostics(stack) {
  const section = (title, text) => console.log(`\n----- ${title}\n${text.trim()}`);
  section(`docker stack ps --no-trunc ${stack}`,
    run('docker', ['stack', 'ps', '--no-trunc', stack], { allowFail: true }).stdout);
  const services = docker(['stack', 'services', '--format', '{{.Name}}', stack]).split('\n').filter(Boolean);
  for (const service of services) {
    section(`docker service logs ${service} (controller, with its components' output)`,
      run('docker', ['service', 'logs', '--no-trunc', service], { allowFail: true, timeoutMs: 30_000 }).stdout.split('\n').slice(-150).join('\n'));
  }
  for (const c of containers(stack, { all: true })) {
    const logs = run('docker', ['logs', '--tail', '60', c.id], { allowFail: true });
    section(`docker logs ${c.name} (${c.status})`, logs.stdout + logs.stderr);
  }
}
