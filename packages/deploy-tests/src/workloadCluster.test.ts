import type { IServiceAccount } from 'kubernetes-models/v1';
import type {
  IClusterRole,
  IClusterRoleBinding,
} from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { buildKustomization, findObject, KubernetesObject } from './kustomize';

/** What the MLOps cards read in a workload cluster: GPU nodes and pods, Argo Rollouts, Flagger. */
const expectedAccess = [
  { apiGroup: '', resource: 'nodes' },
  { apiGroup: '', resource: 'pods' },
  { apiGroup: 'argoproj.io', resource: 'rollouts' },
  { apiGroup: 'argoproj.io', resource: 'analysisruns' },
  { apiGroup: 'flagger.app', resource: 'canaries' },
];

function grants(role: IClusterRole) {
  return (role.rules ?? []).flatMap(rule =>
    (rule.apiGroups ?? []).flatMap(apiGroup =>
      (rule.resources ?? []).map(resource => ({
        apiGroup,
        resource,
        verbs: rule.verbs,
      })),
    ),
  );
}

describe.each(['manifests/workload-cluster', 'manifests/overlays/dev'])(
  'cluster access in %s',
  target => {
    const objects: KubernetesObject[] = buildKustomization(target);
    const role = findObject<IClusterRole>(
      objects,
      'ClusterRole',
      'mlops-portal-reader',
    );
    const binding = findObject<IClusterRoleBinding>(
      objects,
      'ClusterRoleBinding',
      'mlops-portal-reader',
    );

    it('grants get, list and watch on exactly the resources the cards read', () => {
      const granted = grants(role);
      expect(
        granted.map(({ apiGroup, resource }) => ({ apiGroup, resource })),
      ).toEqual(expect.arrayContaining(expectedAccess));
      expect(granted).toHaveLength(expectedAccess.length);
      for (const grant of granted) {
        expect([...grant.verbs].sort()).toEqual(['get', 'list', 'watch']);
      }
    });

    it('grants no wildcard, no secrets and no sub-resources', () => {
      const text = JSON.stringify(role.rules);
      expect(text).not.toContain('*');
      expect(text).not.toContain('secrets');
      expect(text).not.toContain('/');
      expect(role.aggregationRule).toBeUndefined();
    });

    it('binds the role to ServiceAccounts that the build creates', () => {
      expect(binding.roleRef).toEqual({
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: role.metadata!.name,
      });
      for (const subject of binding.subjects ?? []) {
        expect(subject.kind).toBe('ServiceAccount');
        const account = objects.find(
          o =>
            o.kind === 'ServiceAccount' &&
            o.metadata.name === subject.name &&
            o.metadata.namespace === subject.namespace,
        );
        expect(account).toBeDefined();
      }
    });
  },
);

describe('manifests/workload-cluster', () => {
  const objects = buildKustomization('manifests/workload-cluster');

  it('gives the remote portal a long-lived token of the reader ServiceAccount', () => {
    const token = objects.find(o => o.kind === 'Secret')!;
    expect(token.type).toBe('kubernetes.io/service-account-token');
    expect(
      token.metadata.annotations?.['kubernetes.io/service-account.name'],
    ).toBe('mlops-portal-reader');
    // Kubernetes fills the token in; the manifests carry no secret value.
    expect(token.data).toBeUndefined();
    expect(token.stringData).toBeUndefined();
  });
});

describe('manifests/overlays/dev', () => {
  const objects = buildKustomization('manifests/overlays/dev');

  it('lets the portal read its own cluster with its in-cluster ServiceAccount', () => {
    const binding = findObject<IClusterRoleBinding>(
      objects,
      'ClusterRoleBinding',
      'mlops-portal-reader',
    );
    expect(binding.subjects).toContainEqual({
      kind: 'ServiceAccount',
      name: 'mlops-portal',
      namespace: 'mlops-portal-dev',
    });
    const account = findObject<IServiceAccount>(
      objects,
      'ServiceAccount',
      'mlops-portal',
    );
    expect(account.automountServiceAccountToken).toBe(true);
  });
});

describe('manifests/overlays/prod', () => {
  it('gives the portal pod no Kubernetes API token: it reads remote clusters with theirs', () => {
    const objects = buildKustomization('manifests/overlays/prod');
    expect(objects.filter(o => o.kind.startsWith('ClusterRole'))).toEqual([]);
    const account = findObject<IServiceAccount>(
      objects,
      'ServiceAccount',
      'mlops-portal',
    );
    expect(account.automountServiceAccountToken).toBe(false);
  });
});
