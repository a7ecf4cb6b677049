import { buildKustomization, KubernetesObject } from './kustomize';
import { validateKubernetesObject } from './schemas';

/** Every kustomize target a user applies. */
const targets = [
  'manifests/overlays/dev',
  'manifests/overlays/prod',
  'manifests/workload-cluster',
];

describe.each(targets)('kubectl kustomize %s', target => {
  const objects = buildKustomization(target);

  it('builds objects', () => {
    expect(objects.length).toBeGreaterThan(0);
  });

  it.each(objects.map(o => [`${o.kind} ${o.metadata.name}`, o] as const))(
    '%s validates against its Kubernetes schema',
    (_name, object) => {
      expect(validateKubernetesObject(object)).toEqual([]);
    },
  );

  it('has no two objects of the same kind, namespace and name', () => {
    const ids = objects.map(
      o => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`,
    );
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});

describe('validateKubernetesObject', () => {
  const deployment: KubernetesObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'broken' },
    spec: {
      selector: { matchLabels: { app: 'x' } },
      template: {
        metadata: { labels: { app: 'x' } },
        spec: {
          containers: [
            {
              name: 'backend',
              image: 'img',
              ports: [{ containerPort: 'http' }],
            },
          ],
        },
      },
    },
  };

  it('names the field that breaks the schema', () => {
    expect(validateKubernetesObject(deployment)).toEqual([
      expect.stringContaining(
        '/spec/template/spec/containers/0/ports/0/containerPort',
      ),
    ]);
  });

  it('rejects a kind it has no schema for instead of passing it', () => {
    expect(
      validateKubernetesObject({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'x' },
      }),
    ).toEqual(['no schema known for batch/v1 CronJob']);
  });
});
