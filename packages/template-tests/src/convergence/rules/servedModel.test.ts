import { servedModelRule } from './servedModel';
import { goodProject } from '../__fixtures__/goodProject';
import { breakObject, messages, withFile } from '../__fixtures__/breaks';

import type { Json } from '../model';

/** The passing fixture with the server started on `modelUri`, and its container changed further by `change`. */
function servingModel(
  modelUri: string,
  change: (container: Json) => void = () => {},
) {
  return breakObject('Deployment', 'demo-serving', o => {
    const container = o.spec.template.spec.containers[0];
    container.command = [
      'mlflow',
      'models',
      'serve',
      `--model-uri=${modelUri}`,
    ];
    change(container);
  });
}

describe('served model rule', () => {
  it('passes a server that reads the version pinned in served-model.env', () => {
    expect(messages(servedModelRule, goodProject())).toEqual([]);
  });

  it('fails a server that loads an alias', () => {
    const model = servingModel('models:/demo@champion', container => {
      container.envFrom = [];
    });
    expect(messages(servedModelRule, model)).toEqual([
      'Deployment demo/demo-serving: serves models:/demo@champion, which moves without a commit',
      'Deployment demo/demo-serving: does not read MODEL_VERSION 3 from control-plane/serving/served-model.env',
    ]);
  });

  it('fails a server that loads latest', () => {
    const model = servingModel('models:/demo/latest');
    expect(messages(servedModelRule, model)).toEqual([
      'Deployment demo/demo-serving: serves models:/demo/latest, which moves without a commit',
    ]);
  });

  it('fails when the version is not pinned in Git, or not an integer', () => {
    expect(
      messages(
        servedModelRule,
        withFile('control-plane/serving/served-model.env', undefined),
      ),
    ).toEqual([
      'control-plane/serving/served-model.env: missing: the served model version must be pinned in Git',
    ]);
    expect(
      messages(
        servedModelRule,
        withFile(
          'control-plane/serving/served-model.env',
          'MODEL_NAME=demo\nMODEL_VERSION=champion\n',
        ),
      ),
    ).toEqual([
      'control-plane/serving/served-model.env: needs MODEL_NAME and an integer MODEL_VERSION',
    ]);
  });

  it('fails when the ConfigMap the server reads is not the one generated from served-model.env', () => {
    const model = breakObject('ConfigMap', 'served-model-7h2k9', o => {
      o.data.MODEL_VERSION = '2';
    });
    expect(messages(servedModelRule, model)).toEqual([
      'Deployment demo/demo-serving: does not read MODEL_VERSION 3 from control-plane/serving/served-model.env',
    ]);
  });
});
