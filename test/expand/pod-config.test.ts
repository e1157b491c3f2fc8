import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadStack } from '../../src/load/read-stack.js';
import { DEFAULT_CONTROLLER_FLAGS, DEFAULT_CONTROLLER_IMAGE, podlikeLabels, readPodRequest, readStackConfig, splitNames } from '../../src/expand/pod-config.js';
import type { JsonObject } from '../../src/model/compose-lists.js';
import { diagnosticsOf } from '../helpers/diagnostics-of.js';

function request(text: string, service: string) {
  const stack = loadStack([{ path: 'stack.yml', text }]);
  return readPodRequest(stack, service, (stack.model.services as JsonObject)[service] as JsonObject);
}

describe('splitNames', () => {
  it('splits on commas and/or spaces, dropping empty names', () => {
    assert.deepEqual(splitNames(' http, with-logging  with-sd,,x '), ['http', 'with-logging', 'with-sd', 'x']);
    assert.deepEqual(splitNames(''), []);
    assert.deepEqual(splitNames('http'), ['http']);
  });
});

describe('readPodRequest', () => {
  it('returns undefined for a service with no marker', () => {
    assert.equal(request('services:\n  a:\n    image: x\n    labels: { other: y }\n', 'a'), undefined);
  });

  it('reads templates and args from labels in mapping form, with positions', () => {
    const r = request('services:\n  api:\n    image: x\n    labels:\n      podlike.templates: http, with-sd\n      podlike.http.port: "5000"\n      podlike.with-sd.a.b: v\n', 'api')!;
    assert.deepEqual(r.templates.map((t) => t.value), ['http', 'with-sd']);
    assert.deepEqual(r.templates[0].where, { file: 'stack.yml', line: 5, col: 26 });
    assert.deepEqual(
      r.labelArgs.map(({ template, path, value }) => ({ template, path, value })),
      [
        { template: 'http', path: ['port'], value: '5000' },
        { template: 'with-sd', path: ['a', 'b'], value: 'v' },
      ],
    );
    assert.deepEqual(r.labelArgs[0].where, { file: 'stack.yml', line: 6, col: 7 });
    assert.deepEqual(r.where, { file: 'stack.yml', line: 2, col: 3 });
  });

  it('reads labels in KEY=VALUE list form', () => {
    const r = request('services:\n  api:\n    image: x\n    labels:\n      - podlike.templates=http\n      - podlike.http.port=5000\n      - keep=me\n', 'api')!;
    assert.deepEqual(r.templates.map((t) => t.value), ['http']);
    assert.deepEqual(r.labelArgs.map((l) => [l.template, l.path, l.value]), [['http', ['port'], '5000']]);
  });

  it('reads deploy.labels', () => {
    const r = request('services:\n  api:\n    image: x\n    deploy:\n      labels:\n        podlike.templates: with-logging\n', 'api')!;
    assert.deepEqual(r.templates.map((t) => t.value), ['with-logging']);
  });

  it('reads x-podlike templates and args, x-podlike templates first, each once', () => {
    const r = request(
      'services:\n  api:\n    image: x\n    labels:\n      podlike.templates: http with-logging\n    x-podlike:\n      templates: [http, with-sd]\n      args:\n        http: { port: 5000 }\n',
      'api',
    )!;
    assert.deepEqual(r.templates.map((t) => t.value), ['http', 'with-sd', 'with-logging']);
    assert.deepEqual(r.serviceArgs.http.value, { port: 5000 });
  });

  it('refuses a podlike label without an arg name', () => {
    const [d] = diagnosticsOf(() => request('services:\n  api:\n    image: x\n    labels:\n      podlike.http: "5000"\n', 'api'));
    assert.equal(d.message, 'service "api": label "podlike.http" is not of the form podlike.<template>.<arg>');
    assert.deepEqual(d.position, { file: 'stack.yml', line: 5, col: 7 });
  });

  it('suggests podlike.templates for a label near it, and nothing for one that is not', () => {
    const of = (key: string) => diagnosticsOf(() => request(`services:\n  api:\n    image: x\n    labels:\n      ${key}: http\n`, 'api'))[0].message;
    assert.equal(of('podlike.template'), 'service "api": label "podlike.template" is not of the form podlike.<template>.<arg> (did you mean "podlike.templates"?)');
    assert.match(of('podlike.tempaltes'), /\(did you mean "podlike\.templates"\?\)$/);
    assert.doesNotMatch(of('podlike.http'), /did you mean/);
  });

  it('refuses an unknown key in a service x-podlike, with a suggestion', () => {
    const [d] = diagnosticsOf(() => request('services:\n  api:\n    image: x\n    x-podlike:\n      templatse: [http]\n', 'api'));
    assert.match(d.message, /^services\.api\.x-podlike: unknown key "templatse" \(did you mean "templates"\?\)/);
    assert.deepEqual(d.position, { file: 'stack.yml', line: 5, col: 7 });
  });
});

describe('podlikeLabels', () => {
  it('collects podlike.* labels from labels and deploy.labels only', () => {
    const labels = podlikeLabels('s', { labels: ['podlike.templates=a', 'x=y'], deploy: { labels: { 'podlike.a.b': 'c', other: 'd' } } });
    assert.deepEqual(labels.map((l) => [l.key, l.value]), [
      ['podlike.templates', 'a'],
      ['podlike.a.b', 'c'],
    ]);
  });
});

describe('readStackConfig', () => {
  it('fills in the controller defaults', () => {
    const config = readStackConfig(loadStack([{ path: 's.yml', text: 'services: {}\n' }]));
    assert.equal(config.controllerImage, DEFAULT_CONTROLLER_IMAGE);
    assert.deepEqual(config.controllerFlags, DEFAULT_CONTROLLER_FLAGS);
    assert.deepEqual(config.defaults, []);
    assert.deepEqual(config.templatesPath, []);
  });

  it('reads defaults, templates-path, controller and args', () => {
    const config = readStackConfig(
      loadStack([
        {
          path: 's.yml',
          text: 'x-podlike:\n  templates-path: ./t\n  defaults: [with-logging]\n  controller: { image: "rycus86/podlike:0.5", flags: [-logs] }\n  args:\n    with-logging: { server: "logs:24224" }\n',
        },
      ]),
    );
    assert.deepEqual(config.templatesPath, ['./t']);
    assert.deepEqual(config.defaults.map((d) => d.value), ['with-logging']);
    assert.equal(config.controllerImage, 'rycus86/podlike:0.5');
    assert.deepEqual(config.controllerFlags, ['-logs']);
    assert.deepEqual(config.args['with-logging'].value, { server: 'logs:24224' });
  });
});
