import { collisions } from './collisions';
import { goodProject } from '../__fixtures__/goodProject';
import { ClusterModel } from '../model';

/** The fixture as a second project: its names and namespace changed as the template would. */
function renamed(model: ClusterModel, project: string): ClusterModel {
  const text = JSON.stringify(model.objects).replace(/\bdemo\b/g, project);
  return { ...model, project, objects: JSON.parse(text) };
}

/** The fixture without its cluster-wide parts (the traffic controller, its GatewayClass, cert-manager). */
function projectOnly(model: ClusterModel): ClusterModel {
  return {
    ...model,
    objects: model.objects.filter(
      o =>
        o.kind !== 'GatewayClass' &&
        !(
          o.kind === 'Application' &&
          /(envoy-gateway|cert-manager)$/.test(o.metadata?.name ?? '')
        ),
    ),
  };
}

describe('collision rule (many projects, one cluster)', () => {
  it('passes two projects whose objects live in their own namespaces or carry their names', () => {
    expect(
      collisions(
        projectOnly(goodProject()),
        projectOnly(renamed(goodProject(), 'churn')),
      ),
    ).toEqual([]);
  });

  it('fails two projects that both declare a cluster-wide object under a fixed name and install the same Helm release', () => {
    expect(collisions(goodProject(), renamed(goodProject(), 'churn'))).toEqual([
      {
        rule: 'collisions',
        subject: 'GatewayClass envoy',
        message: 'declared by both demo and churn',
      },
      {
        rule: 'collisions',
        subject:
          'Helm release envoy-gateway-system/eg (chart gateway-helm, from Application argocd/demo-envoy-gateway)',
        message: 'declared by both demo and churn',
      },
      {
        rule: 'collisions',
        subject:
          'Helm release cert-manager/cert-manager (chart cert-manager, from Application argocd/demo-cert-manager)',
        message: 'declared by both demo and churn',
      },
    ]);
  });

  it('fails a shared namespace that both projects create', () => {
    const shared = (m: ClusterModel) => ({
      ...m,
      objects: [
        ...m.objects,
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'monitoring' },
        },
      ],
    });
    expect(
      collisions(
        shared(projectOnly(goodProject())),
        shared(projectOnly(renamed(goodProject(), 'churn'))),
      ).map(v => v.subject),
    ).toEqual(['Namespace monitoring']);
  });
});

describe('collision rule and the cluster layer', () => {
  it('does not count the cluster layer, which the second project detects and reuses', () => {
    const layer = (m: ClusterModel): ClusterModel => ({
      ...m,
      clusterLayer: m.objects.filter(
        o =>
          o.kind === 'GatewayClass' ||
          (o.kind === 'Application' &&
            /(envoy-gateway|cert-manager)$/.test(o.metadata?.name ?? '')),
      ),
    });
    const a = layer(goodProject());
    const b = renamed(goodProject(), 'churn');
    // The second project's render holds the same cluster layer objects (same names).
    const sameLayer = layer({
      ...b,
      objects: [...projectOnly(b).objects, ...a.clusterLayer!],
    });
    expect(collisions(a, sameLayer)).toEqual([]);
    // Without the marker the same objects collide.
    expect(
      collisions(goodProject(), { ...sameLayer, clusterLayer: [] }).map(
        v => v.subject,
      ),
    ).toEqual([
      'Application argocd/demo-envoy-gateway',
      'GatewayClass envoy',
      'Application argocd/demo-cert-manager',
      'Helm release envoy-gateway-system/eg (chart gateway-helm, from Application argocd/demo-envoy-gateway)',
      'Helm release cert-manager/cert-manager (chart cert-manager, from Application argocd/demo-cert-manager)',
    ]);
  });
});
