// A stack of N pods, each with an app template and three sidecar templates (bench/templates):
// component volumes, environment, and stack volumes per pod.
export function generateStack(pods) {
  const lines = ['version: "3.8"', 'x-podlike:', '  templates-path: [./templates]', '  args:', '    bench-logs: { server: "logs:24224" }', 'services:'];
  for (let i = 0; i < pods; i++) {
    lines.push(
      `  app-${i}:`,
      `    image: registry.example.com/team/app-${i}:1.${i % 10}.0`,
      `    ports: ["${10000 + i}:80"]`,
      '    environment:',
      `      APP_NAME: app-${i}`,
      '      LOG_LEVEL: ${LOG_LEVEL:-info}',
      '    volumes:',
      `      - cache-${i}:/var/cache/app`,
      '    deploy:',
      `      replicas: ${1 + (i % 3)}`,
      '    labels:',
      '      podlike.templates: bench-app, bench-proxy, bench-logs, bench-sd',
      '      podlike.bench-app.port: "5000"',
      `      podlike.bench-sd.tags: app,team-${i % 7}`,
    );
  }
  lines.push('volumes:');
  for (let i = 0; i < pods; i++) lines.push(`  cache-${i}: {}`);
  return `${lines.join('\n')}\n`;
}
