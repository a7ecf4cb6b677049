import { imagesRule, isPinnedImage, runsPackageInstaller } from './images';
import { goodProject } from '../__fixtures__/goodProject';
import { addObjects, breakObject, messages } from '../__fixtures__/breaks';

describe('images rule', () => {
  it('passes images pinned by tag or digest and commands without installers', () => {
    expect(messages(imagesRule, goodProject())).toEqual([]);
  });

  it('tells pinned from unpinned references', () => {
    expect(
      [
        'python:3.12',
        'ghcr.io/mlflow/mlflow',
        'nginx:latest',
        'localhost:5000/x',
        `x@sha256:${'0'.repeat(64)}`,
      ].map(isPinnedImage),
    ).toEqual([true, false, false, false, true]);
  });

  it('fails an image without a tag, or tagged latest', () => {
    const model = breakObject('Deployment', 'mlflow', o => {
      o.spec.template.spec.containers[0].image = 'ghcr.io/mlflow/mlflow:latest';
    });
    expect(messages(imagesRule, model)).toEqual([
      'Deployment demo/mlflow: spec.template.spec.containers[0].image image "ghcr.io/mlflow/mlflow:latest" is not pinned to a tag or digest',
    ]);
  });

  it('fails a container that pip-installs at start', () => {
    const model = breakObject('Deployment', 'demo-serving', o => {
      o.spec.template.spec.initContainers = [
        {
          name: 'deps',
          image: 'python:3.12',
          command: ['pip', 'install', 'scikit-learn==1.6.1'],
        },
      ];
    });
    expect(messages(imagesRule, model)).toEqual([
      'Deployment demo/demo-serving container deps: runs a package installer at start: pip install scikit-learn==1.6.1',
    ]);
    expect(
      [
        'apt-get install -y curl',
        'python -m pip install x',
        'sh -c "npm install"',
        'pip freeze',
      ].map(runsPackageInstaller),
    ).toEqual([true, true, true, false]);
  });

  it('fails a Ray runtime environment that installs packages', () => {
    const model = addObjects({
      apiVersion: 'ray.io/v1',
      kind: 'RayJob',
      metadata: { name: 'train', namespace: 'demo' },
      spec: { runtimeEnvYAML: 'pip: [scikit-learn==1.6.1]\n' },
    });
    expect(messages(imagesRule, model)).toEqual([
      'RayJob demo/train: the Ray runtime environment installs packages at start (pip)',
    ]);
  });
});
