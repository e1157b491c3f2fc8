// examples/signal on a real Swarm: a server added to nginx's conf.d inside the app container
// is picked up because the signal component sends nginx SIGHUP, as the README shows it. The
// override's env_file reaches the app through a secret on the controller, which Podlike reads,
// and its value is nowhere in the output or in the service's spec.
import { check, docker, httpGet, waitFor } from './process.mjs';
import { componentContainer, serviceLogs, waitForComponents } from './stacks.mjs';

const FROM_ENV_FILE = 'read-by-podlike-7c1d';

const HELLO_SERVER = 'server { listen 8081; return 200 "reloaded\\n"; }';

export default {
  stack: 'signal',
  files: ['examples/signal/stack.yml', 'test/e2e/signal.override.yml'],

  async check(report, yaml) {
    await waitForComponents('signal', 'web', ['app', 'signal']);
    const app = componentContainer('signal', 'web', 'app');
    const seen = docker(['exec', app.id, 'printenv', 'E2E_FROM_ENV_FILE']);
    check(seen === FROM_ENV_FILE, `the app should see E2E_FROM_ENV_FILE from the env file, saw ${JSON.stringify(seen)}`);
    check(!yaml.includes(FROM_ENV_FILE), 'the env file\'s value should not be in the compiled stack');
    check(!docker(['service', 'inspect', 'signal_web']).includes(FROM_ENV_FILE), 'the env file\'s value should not be in docker service inspect');
    report('env_file through a secret', `the app sees E2E_FROM_ENV_FILE=${seen}; the value is in neither the output nor docker service inspect`);
    const before = await waitFor('nginx\'s default server on :8080', async () => {
      const page = await httpGet('http://127.0.0.1:8080/');
      return { ok: page.status === 200, seen: page };
    });
    const closed = await httpGet('http://127.0.0.1:8081/');
    check(closed.error, `nothing should listen on :8081 yet, saw ${JSON.stringify(closed)}`);
    report('before the change', `:8080 answers ${before.status}, :8081 ${closed.error}`);

    docker(['exec', app.id, 'sh', '-c', `echo '${HELLO_SERVER}' > /etc/nginx/conf.d/hello.conf`]);
    const after = await waitFor('the new server on :8081 (nginx reloaded)', async () => {
      const page = await httpGet('http://127.0.0.1:8081/');
      return { ok: page.status === 200, seen: page };
    }, { timeoutMs: 30_000 });
    check(after.body === 'reloaded\n', `:8081 should answer "reloaded", saw ${JSON.stringify(after.body)}`);
    report('after writing conf.d/hello.conf in the app', `:8081 answers ${after.status} ${JSON.stringify(after.body)}`);

    const logs = serviceLogs('signal', 'web');
    const sent = logs.split('\n').find((line) => line.includes("/etc/nginx/conf.d changed: sent SIGHUP to 'nginx'"));
    const received = logs.split('\n').find((line) => /signal 1 \(SIGHUP\) received/.test(line));
    check(sent, 'the signal component\'s log should say it sent SIGHUP');
    check(received, 'nginx\'s log should say it received SIGHUP');
    report('docker service logs signal_web', `"${sent.trim()}" and "${received.trim()}"`);
  },
};
