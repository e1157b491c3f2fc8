// The examples whose images Debian does not package (Fluent Bit, Goss, Consul, the
// OpenTelemetry Collector, Traefik, Jaeger, the example apps, ...): deployed as compiled all
// the same, to check what can be checked here: Podlike's controller accepted every component
// definition (it parses them all strictly before starting any), and every component either
// started or failed only because its image cannot be pulled in this sandbox.
import YAML from 'yaml';
import { check, run, waitFor } from './process.mjs';
import { serviceLogs } from './stacks.mjs';

const PARSE_FAILURES = ['failed to initialize the init components', 'failed to initialize the components', 'no components found', 'panic:'];
/** How the engine refuses a pull with no registry reachable (DNS, connection, or no such image). */
const PULL_FAILURE = /Error response from daemon: (Get "https:\/\/[^"]+\/v2\/|pull access denied|manifest unknown|No such image)|no such host/;

/** The controller's line when a component's exit ends the pod (an init component exiting 0 does not). */
const GAVE_UP = /^Exited: (?!init-\d+ Status: 0$).*$/m;

/** The behaviours each example's README describes that cannot be checked here, and why. */
const SKIPPED = {
  logging: 'Fluent Bit tailing /var/log/app and the logging-server receiving the lines: fluent/fluent-bit is not packaged by Debian',
  healthz: 'GET /healthz and the pod\'s health following the Java app: neither Goss nor rycus86/sample-jmx-app can be had here',
  'service-mesh': 'routing through Traefik by the Consul catalog and traces in Jaeger: Traefik, Consul, the OpenTelemetry Collector, Jaeger and the example apps are not in Debian',
  modernized: 'the whole stack (Traefik, Consul, Jaeger, Loki, Grafana, Prometheus targets, the example apps): the images are not in Debian',
};

/** The pod services of a compiled stack and the components each controller should start. */
function podsOf(yaml) {
  const services = YAML.parse(yaml).services;
  return Object.entries(services).filter(([, service]) => String(service.image).startsWith('rycus86/podlike')).map(([name, service]) => {
    const labels = service.labels ?? {};
    const inits = labels['pod.init.components'] ? YAML.parse(labels['pod.init.components']) : [];
    const components = [
      ...inits.map((init, index) => ({ name: `init-${index + 1}`, image: init.image })),
      ...Object.keys(labels).filter((key) => key.startsWith('pod.component.'))
        .map((key) => ({ name: key.slice('pod.component.'.length), image: YAML.parse(labels[key]).image })),
    ];
    return { name, components };
  });
}

function imageIsHere(image) {
  return run('docker', ['image', 'inspect', image], { allowFail: true }).status === 0;
}

/** What the controller said about each component: started, failed (and why), or still pulling its image. */
function outcomes(logs, components) {
  const lines = logs.split('\n');
  return components.map(({ name, image }) => ({
    name,
    image,
    started: lines.includes(`Component started: ${name}`),
    failure: lines.find((line) => line.includes(`Failed to start ${name}: `)),
    pulling: lines.includes(`Pulling image: ${image}`),
  }));
}

function settled(logs, pod) {
  return GAVE_UP.test(logs) || pod.components.every((c) => logs.includes(`Component started: ${c.name}\n`));
}

/**
 * Podlike parses every component label strictly before it starts any: its first "Starting
 * component" line means it accepted them all. Then each component either starts or fails to
 * pull an image this sandbox cannot have; the pod is given up to 30s to show which.
 */
async function checkPod(stack, pod, report) {
  await waitFor(`${stack}_${pod.name}'s controller to read its labels`, () => {
    const logs = serviceLogs(stack, pod.name);
    return { ok: logs.includes('Starting component: ') || PARSE_FAILURES.some((text) => logs.includes(text)), seen: logs.slice(-600) };
  }, { timeoutMs: 90_000, intervalMs: 2000 });
  const logs = await waitFor(`${stack}_${pod.name}'s components to start or fail`, () => {
    const text = serviceLogs(stack, pod.name);
    return { ok: settled(text, pod), seen: text };
  }, { timeoutMs: 30_000, intervalMs: 2000 }).catch(() => serviceLogs(stack, pod.name));
  const refused = PARSE_FAILURES.find((text) => logs.includes(text));
  check(!refused, `${stack}_${pod.name}: the controller refused its labels: ${logs.split('\n').find((line) => line.includes(refused))}`);
  const seen = outcomes(logs, pod.components);
  for (const c of seen.filter((o) => o.failure)) {
    check(PULL_FAILURE.test(c.failure) && !imageIsHere(c.image),
      `${stack}_${pod.name}: component ${c.name} failed for another reason than a missing image: ${c.failure}`);
  }
  const names = (filter) => seen.filter(filter).map((o) => `${o.name} (${o.image})`).join(', ') || 'none';
  report(`${pod.name}: Podlike accepted all ${pod.components.length} component definitions`,
    `started: ${names((o) => o.started)}; pull failed: ${names((o) => o.failure)}; `
    + `still pulling after 30s: ${names((o) => !o.started && !o.failure && o.pulling)}; `
    + `not started (waiting for a component it depends on): ${names((o) => !o.started && !o.failure && !o.pulling)}`);
}

function acceptedOnly(example) {
  return {
    stack: example.replace(/-/g, ''),
    files: [`examples/${example}/stack.yml`],
    async check(report, yaml) {
      const pods = podsOf(yaml);
      const reports = [];
      await Promise.all(pods.map((pod) => checkPod(this.stack, pod, (...line) => reports.push(line))));
      for (const line of reports.sort(([a], [b]) => a.localeCompare(b))) report(...line);
      report('skipped', SKIPPED[example]);
    },
  };
}

export default Object.keys(SKIPPED).map(acceptedOnly);
