import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { excerpt } from '../../diagnostics.js';
import { writeProblem } from '../../load/file-problem.js';
import { join, relative, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../../package-root.js';
import { PLAIN_NAME } from '../../templates/template-library.js';
import { FIXTURE_FOLDER, runFixture } from '../../fixtures/fixtures.js';
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type CommonFlags } from '../context.js';


/** A new template with every section present and commented. */
function templateScaffold(name: string, schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}
# A podlike-gen template: see docs/templates.md. Every section below is optional and is a
# Handlebars template whose output is YAML. {{ }} values land literally where they are written;
# write $$ for a $ a program must see, and \\{{ for a literal {{.
name: ${name}
description: TODO say in one line what ${name} adds to a pod
requires: []                 # templates applied before this one, each once
args:                        # JSON Schema of the args; give every arg a description and a default
  type: object
  additionalProperties: false
  properties:
    port:
      type: integer
      default: 9000
      description: port the sidecar listens on inside the pod
    greeting:
      type: string
      default: hello
      description: text the sidecar answers with

# What the components listen on: two that bind one port in a pod are an error. A port is an
# arg's name (its value; 0 or empty for none) or a number; protocol: udp, when: <arg> optional.
listens:
  - { component: ${name}, port: port }
# extends: [proxy]           # components of earlier templates this one adds to on purpose
# targets: { server: add_server }   # an arg naming a service the pod sends to: the arg that adds it, or null

# Merged into the controller: the Swarm-level service (deploy, healthcheck, ports ...).
controller: |
  deploy:
    labels:
      ${name}.enabled: "true"

# Merged into the main component, app (the service's own container).
app: |
  environment:
    SIDECAR_URL: "http://127.0.0.1:{{args.port}}"

# New components: name -> component (Compose v2.4 keys that Podlike supports).
components: |
  ${name}:
    image: busybox:1.36.1
    command: ["sh", "-c", "while true; do printf 'HTTP/1.0 200 OK\\\\r\\\\n\\\\r\\\\n%s\\\\n' \\"$$GREETING\\" | nc -l -p {{args.port}}; done"]
    environment:
      GREETING: "{{args.greeting}}"

# Components that run to completion, in order, before the others.
init: |
  - image: busybox:1.36.1
    command: ["sh", "-c", "echo preparing {{service.name}}"]

# Files copied from the controller into a component before it starts: component -> "/src:/dst".
copy: |
  # app: /run/secrets/token:/etc/app/token

# Top-level sections added once to the stack: volumes, configs, secrets, networks, services.
stack: |
  # volumes:
  #   {{service.name}}-data: {}
`;
}

const FIXTURE_STACK = (name: string) => `# A fixture for the ${name} template: podlike-gen test compiles this and compares expected.yml.
version: "3.8"
services:
  web:
    image: nginx:1.27.5-alpine
    ports:
      - "8080:80"
    labels:
      podlike.templates: ${name}
      podlike.${name}.greeting: hi
`;

/** The longest name new-template takes: its fixture folder `<name>-basic` must fit a file name. */
const MAX_NAME = 100;

/** `new-template NAME [--dir DIR]`: the template and a fixture whose expectation passes at once. */
export function runNewTemplate(name: string, flags: CommonFlags & { dir: string }): number {
  if (!PLAIN_NAME.test(name) || name.length > MAX_NAME) {
    process.stderr.write(`error: template name "${excerpt(name)}" must be letters, digits, - and _, at most ${MAX_NAME} of them\n`);
    return EXIT_USAGE;
  }
  const file = join(flags.dir, `${name}.yml`);
  const fixture = join(flags.dir, FIXTURE_FOLDER, `${name}-basic`);
  for (const path of [file, fixture]) {
    if (existsSync(path)) {
      process.stderr.write(`error: ${path} already exists; nothing was written\n`);
      return EXIT_ERRORS;
    }
  }
  // All or nothing: what was made before a failure (a folder that is read-only, a file in the way) is taken back.
  const made: string[] = [];
  try {
    const firstFolder = mkdirSync(fixture, { recursive: true });
    if (firstFolder) made.push(firstFolder);
    made.push(file);
    writeFileSync(file, templateScaffold(name, relative(flags.dir, join(PACKAGE_ROOT, 'schemas', 'template.schema.json'))), { flag: 'wx' });
    writeFileSync(join(fixture, 'stack.yml'), FIXTURE_STACK(name));
    runFixture(fixture, `${name}-basic`, [resolve(flags.dir)], true);
  } catch (e) {
    for (const path of made.reverse()) rmSync(path, { recursive: true, force: true });
    process.stderr.write(`${flags.dir}: error: cannot create the template: ${writeProblem(e)}; nothing was written\n`);
    return EXIT_ERRORS;
  }
  process.stdout.write(`created ${file}\ncreated ${join(fixture, 'stack.yml')} and expected.yml\nrun: podlike-gen test ${flags.dir}\n`);
  return EXIT_OK;
}
