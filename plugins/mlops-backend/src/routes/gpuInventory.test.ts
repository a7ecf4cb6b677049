import {
  CacheService,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { GpuUsageResponse } from '@mlops-portal/plugin-mlops-common';
import {
  FakeCluster,
  FakeKubernetesList,
  gpuNodeFixtures,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import { http, HttpResponse } from 'msw';
import request from 'supertest';
import {
  fakeKubernetesBackend,
  nodesRefusedOn,
  setupMswServer,
  startMlopsTestBackend,
} from '../__testUtils__/startMlopsTestBackend';

const path = '/api/mlops/entity/default/Component/fraud-detection/gpu';
const list = (kind: string, items: object[]): FakeKubernetesList => ({
  kind,
  apiVersion: 'v1',
  metadata: { resourceVersion: '42' },
  items,
});
const trainPod = (
  name: string,
  node: string,
  resource: string,
  gpus: number,
) => ({
  metadata: {
    name,
    namespace: 'ml',
    labels: { 'backstage.io/kubernetes-id': 'fraud-detection' },
  },
  spec: {
    nodeName: node,
    containers: [
      { name: 'main', resources: { limits: { [resource]: String(gpus) } } },
    ],
  },
  status: { phase: 'Running' },
});
const otherPod = (name: string, node: string, gpus: number) => ({
  metadata: { name, namespace: 'other', labels: { app: 'other' } },
  spec: {
    nodeName: node,
    containers: [
      {
        name: 'main',
        resources: { limits: { 'nvidia.com/gpu': String(gpus) } },
      },
    ],
  },
  status: { phase: 'Running' },
});

const a100 = gpuNodeFixtures.wholeA100.metadata.name;
const h100 = gpuNodeFixtures.migMixed.metadata.name;
const t4 = gpuNodeFixtures.timeSliced.metadata.name;
const mi300 = gpuNodeFixtures.amdMi300x.metadata.name;

function cluster(): FakeCluster {
  return {
    '/api/v1/nodes': list('NodeList', [
      gpuNodeFixtures.wholeA100,
      gpuNodeFixtures.migMixed,
      gpuNodeFixtures.timeSliced,
      gpuNodeFixtures.amdMi300x,
      gpuNodeFixtures.cpu,
    ]),
    '/api/v1/pods': list('PodList', [
      trainPod('train-0', a100, 'nvidia.com/gpu', 4),
      trainPod('eval-0', h100, 'nvidia.com/mig-1g.10gb', 1),
      trainPod('notebook-0', t4, 'nvidia.com/gpu', 1),
      trainPod('rocm-0', mi300, 'amd.com/gpu', 2),
      otherPod('other-0', a100, 2),
    ]),
  };
}

/** One in-memory cache, shared by the replicas that get its factory (as Redis or memcached would be). */
function sharedCache() {
  const entries = new Map<string, unknown>();
  const cache: CacheService = {
    get: async key => entries.get(key) as never,
    set: async (key, value) => {
      entries.set(key, value);
    },
    delete: async key => {
      entries.delete(key);
    },
    withOptions: () => cache,
  };
  return createServiceFactory({
    service: coreServices.cache,
    deps: {},
    factory: () => cache,
  });
}

/** A scheduler that only records tasks; the test runs them (as the one replica that holds the task's lock). */
function recordingScheduler() {
  const tasks: Array<
    SchedulerServiceTaskScheduleDefinition &
      SchedulerServiceTaskInvocationDefinition
  > = [];
  const mock = mockServices.scheduler.mock({
    scheduleTask: async task => {
      tasks.push(task);
    },
  });
  return {
    factory: mock.factory,
    run: () => Promise.all(tasks.map(t => t.fn(new AbortController().signal))),
    tasks,
  };
}

describe('GPU inventory (background refresh)', () => {
  const server = setupMswServer();

  async function replica(
    clusters: Record<string, FakeCluster>,
    calls: string[],
    cache = sharedCache(),
  ) {
    const scheduler = recordingScheduler();
    server.use(...fakeKubernetesBackend(clusters, calls));
    const { server: backend } = await startMlopsTestBackend({
      features: [scheduler.factory, cache],
    });
    return { backend, scheduler };
  }

  it('schedules a global refresh; a request then lists only the entity pods', async () => {
    const calls: string[] = [];
    const { backend, scheduler } = await replica({ prod: cluster() }, calls);
    expect(scheduler.tasks.map(t => [t.id, t.scope, t.frequency])).toEqual([
      ['mlops-gpu-inventory-refresh', 'global', { seconds: 60 }],
    ]);
    await scheduler.run();
    expect(calls).toEqual([
      'clusters',
      'prod /api/v1/nodes?resourceVersion=0',
      'prod /api/v1/pods?fieldSelector=status.phase!%3DSucceeded%2Cstatus.phase!%3DFailed&resourceVersion=0',
    ]);
    calls.length = 0;

    const res = await request(backend).get(path);

    expect(res.status).toBe(200);
    expect(calls).toEqual([
      'prod /api/v1/pods?labelSelector=backstage.io%2Fkubernetes-id%3Dfraud-detection',
    ]);
    const [usage] = (res.body as GpuUsageResponse).clusters;
    expect(usage.inventory).toEqual({
      refreshedAt: expect.any(String),
      stale: false,
    });
    expect(Date.now() - Date.parse(usage.inventory!.refreshedAt)).toBeLessThan(
      10_000,
    );
    expect(
      usage.nodes.map(n => [n.name, n.capacity, n.allocated, n.physicalGpus]),
    ).toEqual([
      [a100, 8, 6, 8],
      [h100, 32, 1, 8],
      [t4, 16, 1, 4],
      [mi300, 8, 2, 8],
    ]);
    expect(
      usage.pods.map(p => [
        p.name,
        p.devices.map(d => `${d.count}x ${d.resource} ${d.kind}`).join(),
        p.shared,
      ]),
    ).toEqual([
      ['train-0', '4x nvidia.com/gpu gpu', false],
      ['eval-0', '1x nvidia.com/mig-1g.10gb mig', false],
      ['notebook-0', '1x nvidia.com/gpu shared', true],
      ['rocm-0', '2x amd.com/gpu gpu', false],
    ]);
  });

  it('relists on the next refresh: new pods and nodes show after it, not before', async () => {
    const calls: string[] = [];
    const clusters = { prod: cluster() };
    const { backend, scheduler } = await replica(clusters, calls);
    await scheduler.run();
    clusters.prod['/api/v1/pods'].items.push(otherPod('other-1', a100, 2));
    clusters.prod['/api/v1/nodes'].items.push(gpuNodeFixtures.intelXe);

    const before = (await request(backend).get(path)).body as GpuUsageResponse;
    expect(before.clusters[0].nodes.find(n => n.name === a100)!.allocated).toBe(
      6,
    );
    await scheduler.run();
    // A local copy lives two seconds; the refreshing replica replaced its own.
    const after = (await request(backend).get(path)).body as GpuUsageResponse;
    expect(after.clusters[0].nodes.find(n => n.name === a100)!.allocated).toBe(
      8,
    );
    expect(after.clusters[0].nodes.map(n => n.name)).toContain('intel-xe-1');
  });

  it('keeps the last good inventory, marked stale with the error, when a refresh fails', async () => {
    const calls: string[] = [];
    const { backend, scheduler } = await replica({ prod: cluster() }, calls);
    await scheduler.run();
    const good = (await request(backend).get(path)).body as GpuUsageResponse;
    server.use(
      http.get('http://backstage.test/api/kubernetes/proxy/api/v1/nodes', () =>
        HttpResponse.json(
          {
            kind: 'Status',
            message:
              'nodes is forbidden: User "system:serviceaccount:backstage:portal" cannot list resource "nodes"',
            code: 403,
          },
          { status: 403 },
        ),
      ),
    );
    await scheduler.run();

    const res = await request(backend).get(path);

    const [usage] = (res.body as GpuUsageResponse).clusters;
    expect(usage.error).toBeUndefined();
    expect(usage.nodes).toEqual(good.clusters[0].nodes);
    expect(usage.inventory).toMatchObject({
      stale: true,
      refreshedAt: good.clusters[0].inventory!.refreshedAt,
    });
    expect(usage.inventory!.error).toMatchObject({
      code: 'UpstreamError',
      upstream: 'kubernetes',
      upstreamStatus: 403,
    });
    expect(usage.inventory!.error!.message).toMatch(/nodes is forbidden/);

    // The next good refresh clears the mark.
    server.resetHandlers();
    server.use(...fakeKubernetesBackend({ prod: cluster() }, calls));
    await scheduler.run();
    const fresh = (await request(backend).get(path)).body as GpuUsageResponse;
    expect(fresh.clusters[0].inventory).toMatchObject({ stale: false });
    expect(fresh.clusters[0].inventory!.error).toBeUndefined();
  });

  it('serves a second replica from the shared cache: it never lists nodes or all pods', async () => {
    const calls: string[] = [];
    const cache = sharedCache();
    const first = await replica({ prod: cluster() }, calls, cache);
    const second = await replica({ prod: cluster() }, calls, cache);
    await first.scheduler.run();
    calls.length = 0;

    const res = await request(second.backend).get(path);

    expect(res.status).toBe(200);
    expect(calls).toEqual([
      'prod /api/v1/pods?labelSelector=backstage.io%2Fkubernetes-id%3Dfraud-detection',
    ]);
    expect(
      (res.body as GpuUsageResponse).clusters[0].nodes.map(n => n.allocated),
    ).toEqual([6, 1, 1, 2]);
  });

  it('refreshes a cluster on its first request when no refresh has run yet, and says when it has never been read', async () => {
    const calls: string[] = [];
    const { backend } = await replica({ prod: cluster(), broken: {} }, calls);
    server.use(nodesRefusedOn('broken', 401, 'Unauthorized'));

    const res = await request(backend).get(path);

    const byName = Object.fromEntries(
      (res.body as GpuUsageResponse).clusters.map(c => [c.cluster, c]),
    );
    expect(byName.prod.inventory).toMatchObject({ stale: false });
    expect(byName.prod.totals.capacity).toBe(64);
    expect(byName.broken.inventory).toBeUndefined();
    expect(byName.broken.error).toMatchObject({
      code: 'UpstreamError',
      upstreamStatus: 401,
    });
  });
});
