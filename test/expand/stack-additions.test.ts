import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SourcePosition } from '../../src/diagnostics.js';
import type { Pod } from '../../src/model/pod.js';
import { emptyLayer, type PodLayer } from '../../src/model/pod-layer.js';
import { collectStackAdditions, declarePodVolumes, VOLUME_REF_LABEL } from '../../src/expand/stack-additions.js';
import type { JsonObject } from '../../src/model/compose-lists.js';
import type { Template } from '../../src/templates/template.js';
import { diagnosticsOf } from '../helpers/diagnostics-of.js';

function templateLayer(name: string, stack: PodLayer['stack'], start: SourcePosition): PodLayer {
  const template = { name, sections: { stack: { name: 'stack', start, block: true, render: () => '' } } } as unknown as Template;
  return { ...emptyLayer(`template "${name}"`, template), stack };
}

function pod(service: string, layers: PodLayer[]): Pod {
  return { service, layers } as unknown as Pod;
}

const LOG_AT = { file: 'tpl/log.yml', line: 9, col: 3 };
const OTHER_AT = { file: 'tpl/other.yml', line: 5, col: 3 };

describe('collectStackAdditions', () => {
  it('adds the same definition from several pods once', () => {
    const pods = [
      pod('s1', [templateLayer('log', { volumes: { logs: { driver: 'local' } }, services: { collector: { image: 'c' } } }, LOG_AT)]),
      pod('s2', [templateLayer('log', { volumes: { logs: { driver: 'local' } }, services: { collector: { image: 'c' } } }, LOG_AT)]),
    ];
    assert.deepEqual(collectStackAdditions({}, pods), { volumes: { logs: { driver: 'local' } }, services: { collector: { image: 'c' } } });
  });

  it('refuses two different definitions under one name, naming both templates', () => {
    const pods = [
      pod('s1', [templateLayer('log', { services: { collector: { image: 'c' } } }, LOG_AT)]),
      pod('s2', [templateLayer('other', { services: { collector: { image: 'd' } } }, OTHER_AT)]),
    ];
    const [d, ...rest] = diagnosticsOf(() => collectStackAdditions({}, pods));
    assert.equal(rest.length, 0);
    assert.equal(
      d.message,
      'services "collector" is added with two different definitions: by template "log" (service "s1") and by template "other" (service "s2")',
    );
    // The first line of the template's stack section (a block scalar: the line after its key).
    assert.deepEqual(d.position, { ...OTHER_AT, line: OTHER_AT.line + 1 });
  });

  it('keeps the author\'s definition of a name the stack already has', () => {
    const pods = [
      pod('s1', [templateLayer('log', { services: { collector: { image: 'c' } }, networks: { mine: {} } }, LOG_AT)]),
      pod('s2', [templateLayer('other', { services: { collector: { image: 'd' } } }, OTHER_AT)]),
    ];
    const model: JsonObject = { services: { collector: { image: 'author' } } };
    assert.deepEqual(collectStackAdditions(model, pods), { networks: { mine: {} } });
  });

  it('adds nothing when no template adds anything', () => {
    assert.deepEqual(collectStackAdditions({}, [pod('s', [emptyLayer('defaults'), emptyLayer('service')])]), {});
  });

  it('keeps the stack\'s own entries first, and adds names that are also Object.prototype\'s', () => {
    const pods = [pod('s1', [templateLayer('log', { volumes: { logs: {}, constructor: { driver: 'local' } } }, LOG_AT)])];
    const sections = collectStackAdditions({ volumes: { data: { driver: 'nfs' } } }, pods);
    assert.deepEqual(Object.keys(sections.volumes ?? {}), ['data', 'logs', 'constructor']);
    assert.deepEqual(sections.volumes?.constructor, { driver: 'local' });
  });

  it('reads a null definition as an empty one', () => {
    const pods = [pod('s1', [templateLayer('log', { volumes: { cache: null } }, LOG_AT)])];
    assert.deepEqual(collectStackAdditions({}, pods), { volumes: { cache: {} } });
  });
});

describe('declarePodVolumes', () => {
  it('adds the volume-ref label to a volume with an explicit name', () => {
    const volumes = declarePodVolumes({ logs: { name: 'logs-{{.Task.ID}}' } }, ['logs']);
    assert.deepEqual(volumes, { logs: { name: 'logs-{{.Task.ID}}', labels: { [VOLUME_REF_LABEL]: 'logs' } } });
    assert.equal(VOLUME_REF_LABEL, 'com.github.rycus86.podlike.volume-ref');
  });

  it('keeps the other labels of a named volume, list form read as a mapping', () => {
    const volumes = declarePodVolumes({ logs: { name: 'n', labels: ['team=a'] } }, ['logs']);
    assert.deepEqual(volumes.logs, { name: 'n', labels: { team: 'a', [VOLUME_REF_LABEL]: 'logs' } });
  });

  it('leaves a volume that already has the label alone', () => {
    const definition = { name: 'n', labels: { [VOLUME_REF_LABEL]: 'custom' } };
    assert.deepEqual(declarePodVolumes({ logs: definition }, ['logs']).logs, definition);
  });

  it('declares a used volume the stack lacks, and leaves unnamed ones alone', () => {
    assert.deepEqual(declarePodVolumes({ plain: { driver: 'local' } }, ['plain', 'fresh']), { plain: { driver: 'local' }, fresh: {} });
  });

  it('leaves a volume declared with no value as it is, and declares one named like a prototype key', () => {
    assert.deepEqual(declarePodVolumes({ cache: null }, ['cache', 'toString']), { cache: null, toString: {} });
  });
});
