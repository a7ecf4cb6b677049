import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import { demoCatalog } from './__testUtils__/demoCatalog';
import { demoClusters } from './demoData';
import { derivedWorkloads } from './demoWorkloads';
import {
  demoKubernetesFetcher,
  kubernetesModuleMlopsDemo,
} from './kubernetesModule';

// The demo catalog's example project, as the demo profile loads it.
const project = demoCatalog.find(
  e => e.kind === 'Component' && e.metadata.name === 'fraud-detection',
)!;

// The Kubernetes plugin's configuration of the demo profile (app-config.yaml): no cluster of its own.
const kubernetesConfig = {
  serviceLocatorMethod: { type: 'multiTenant' },
  clusterLocatorMethods: [{ type: 'config', clusters: [] }],
};

type ClusterObjects = {
  cluster: { name: string; title?: string };
  errors: unknown[];
  resources: Array<{
    type: string;
    resources: Array<{ kind?: string; metadata: { name: string } }>;
  }>;
};

async function objectsOf(entity: Entity) {
  const { server } = await startTestBackend({
    features: [
      kubernetesPlugin,
      kubernetesModuleMlopsDemo,
      catalogServiceMock.factory({ entities: [entity] }),
      mockServices.rootConfig.factory({
        data: { kubernetes: kubernetesConfig },
      }),
    ],
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const call = (route: string, init?: RequestInit) =>
    fetch(`http://localhost:${port}/api/kubernetes${route}`, {
      ...init,
      headers: {
        authorization: mockCredentials.user.header(),
        'content-type': 'application/json',
      },
    });
  const clusters = await (await call('/clusters')).json();
  // What the entity page's Kubernetes tab asks for.
  const res = await call(`/services/${entity.metadata.name}`, {
    method: 'POST',
    body: JSON.stringify({ entity, auth: {} }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { items: ClusterObjects[] };
  return { clusters, items: body.items };
}

const namesOf = (cluster: ClusterObjects, type: string) =>
  cluster.resources
    .filter(r => r.type === type)
    .flatMap(r => r.resources.map(o => o.metadata.name));

describe('the demo profile of the Kubernetes plugin', () => {
  it('shows the example project’s objects on the two demo clusters the GPU and canary cards read', async () => {
    const { clusters, items } = await objectsOf(project);
    expect(clusters.items.map((c: { name: string }) => c.name)).toEqual([
      'gpu-prod-eu',
      'gpu-staging-us',
    ]);
    expect(items.map(i => [i.cluster.name, i.errors])).toEqual([
      ['gpu-prod-eu', []],
      ['gpu-staging-us', []],
    ]);
    const [prod, staging] = items;

    // The same pods as the GPU card: training, HPO trial, notebook and the serving pods of the rollout.
    expect(namesOf(prod, 'pods')).toEqual(
      expect.arrayContaining([
        'fraud-detection-train-29371713-c6n6x',
        'fraud-detection-hpo-trial-7-vh7pp',
        'fraud-detection-notebook-0',
      ]),
    );
    expect(
      namesOf(prod, 'pods').every(n => n.startsWith('fraud-detection-')),
    ).toBe(true);
    expect(namesOf(prod, 'pods')).toHaveLength(9);
    // The canary card's Rollout on prod and Flagger Canary on staging.
    const kinds = (c: ClusterObjects) =>
      c.resources
        .filter(r => r.type === 'customresources')
        .flatMap(r => r.resources.map(o => `${o.kind}/${o.metadata.name}`));
    expect(kinds(prod)).toEqual(['Rollout/fraud-detection-serving']);
    expect(kinds(staging)).toEqual(['Canary/fraud-detection-serving']);
    // Controllers the tab groups pods by.
    expect(namesOf(prod, 'replicasets').sort()).toEqual([
      'fraud-detection-serving-6d4b9c7f8d',
      'fraud-detection-serving-7f9c5d6b4a',
    ]);
    expect(namesOf(prod, 'jobs').sort()).toEqual([
      'fraud-detection-hpo-trial-7',
      'fraud-detection-train-sweep-14',
    ]);
    expect(namesOf(prod, 'statefulsets')).toEqual(['fraud-detection-notebook']);
    expect(namesOf(staging, 'deployments').sort()).toEqual([
      'fraud-detection-serving',
      'fraud-detection-serving-primary',
    ]);
    // Other teams' and system pods are not the project's.
    expect(namesOf(staging, 'pods')).not.toContain(
      'recsys-feature-backfill-rrp9c',
    );
  });

  it('shows nothing for an entity whose selector matches no demo object (negative)', async () => {
    const other: Entity = {
      ...project,
      metadata: {
        ...project.metadata,
        name: 'unknown-project',
        annotations: {
          'backstage.io/kubernetes-id': 'unknown-project',
          'backstage.io/kubernetes-label-selector':
            'app.kubernetes.io/part-of=unknown-project',
        },
      },
    };
    const { items } = await objectsOf(other);
    for (const cluster of items) {
      expect(cluster.resources.flatMap(r => r.resources)).toEqual([]);
    }
  });

  it('answers a cluster it does not hold with a not-found error, not a crash', async () => {
    const fetcher = demoKubernetesFetcher(demoClusters());
    const answer = await fetcher.fetchObjectsForService({
      serviceId: 'fraud-detection',
      clusterDetails: {
        name: 'elsewhere',
        url: 'https://elsewhere.invalid',
        authMetadata: {},
      },
      credential: { type: 'anonymous' },
      objectTypesToFetch: new Set([
        { objectType: 'pods', group: '', apiVersion: 'v1', plural: 'pods' },
      ]),
      customResources: [],
    });
    expect(answer).toEqual({
      errors: [
        { errorType: 'NOT_FOUND', statusCode: 404, resourcePath: 'elsewhere' },
      ],
      responses: [],
    });
  });
});

describe('derivedWorkloads', () => {
  it('gives each ReplicaSet of a Rollout the Rollout as owner and counts its pods', () => {
    const prod = demoClusters()['gpu-prod-eu'];
    const rollout = prod['/apis/argoproj.io/v1alpha1/rollouts'].items[0] as {
      metadata: { uid: string };
    };
    const replicaSets = derivedWorkloads(prod)['/apis/apps/v1/replicasets']
      .items as Array<{
      metadata: {
        name: string;
        ownerReferences: Array<{ kind: string; uid: string }>;
      };
      status: { replicas: number };
    }>;
    const serving = replicaSets.filter(rs =>
      rs.metadata.name.startsWith('fraud-detection-serving-'),
    );
    expect(
      serving.map(rs => [
        rs.metadata.name,
        rs.metadata.ownerReferences[0].kind,
        rs.status.replicas,
      ]),
    ).toEqual([
      ['fraud-detection-serving-6d4b9c7f8d', 'Rollout', 4],
      ['fraud-detection-serving-7f9c5d6b4a', 'Rollout', 2],
    ]);
    expect(
      serving.every(
        rs => rs.metadata.ownerReferences[0].uid === rollout.metadata.uid,
      ),
    ).toBe(true);
  });

  it('derives nothing from a cluster without pods', () => {
    const lists = derivedWorkloads({});
    expect(Object.values(lists).flatMap(l => l.items)).toEqual([]);
  });
});
