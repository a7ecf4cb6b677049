import { mockCredentials } from '@backstage/backend-test-utils';
import { GpuUsageResponse } from '@mlops-portal/plugin-mlops-common';
import { http, HttpResponse } from 'msw';
import request from 'supertest';
import {
  demoClusters,
  demoPrometheusAnswers,
} from '@mlops-portal/plugin-mlops-backend-module-demo';
import { createFakePrometheus } from '@mlops-portal/plugin-mlops-node/testUtils';
import {
  entityWith,
  fakeKubernetesBackend,
  nodesRefusedOn,
  setupMswServer,
  startMlopsTestBackend,
} from '../__testUtils__/startMlopsTestBackend';

const PROMETHEUS = 'http://prometheus.test';
const path = '/api/mlops/entity/default/Component/fraud-detection/gpu';
const prod = demoClusters()['gpu-prod-eu'];
const cluster = {
  '/api/v1/nodes': prod['/api/v1/nodes'],
  '/api/v1/pods': prod['/api/v1/pods'],
};

describe('GET .../gpu', () => {
  const server = setupMswServer();

  it('reports GPU nodes, allocation, the entity pods and DCGM usage per node and pod', async () => {
    const prometheus = createFakePrometheus(demoPrometheusAnswers(), {
      baseUrl: PROMETHEUS,
    });
    const queries = prometheus.queries;
    server.use(
      ...fakeKubernetesBackend({ 'gpu-prod-eu': cluster }),
      ...prometheus.handlers,
    );
    const { server: backend } = await startMlopsTestBackend({
      config: { prometheus: { baseUrl: PROMETHEUS } },
    });

    const res = await request(backend).get(path);

    expect(res.status).toBe(200);
    const body = res.body as GpuUsageResponse;
    expect(body.meta.demo).toBe(false);
    expect(body.metricsAvailable).toBe(true);
    expect(queries.sort()).toEqual([
      'DCGM_FI_DEV_FB_USED',
      'DCGM_FI_DEV_GPU_UTIL',
      'DCGM_FI_PROF_GR_ENGINE_ACTIVE{GPU_I_ID!=""}',
    ]);
    const [usage] = body.clusters;
    expect(usage.cluster).toBe('gpu-prod-eu');
    expect(usage.nodes.map(n => [n.name, n.capacity, n.allocated])).toEqual([
      ['ip-10-20-10-36.eu-west-1.compute.internal', 8, 8],
      ['ip-10-20-27-188.eu-west-1.compute.internal', 4, 1],
      ['ip-10-20-44-80.eu-west-1.compute.internal', 4, 3],
    ]);
    expect(usage.nodes[0]).toMatchObject({
      ready: true,
      gpuProduct: 'NVIDIA-A100-SXM4-40GB',
      instanceType: 'p4d.24xlarge',
      taints: [
        { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
      ],
      utilizationPercent: 93.1,
      memoryUsedMiB: 268708,
    });
    expect(
      usage.pods.map(p => [
        p.name,
        p.gpuRequested,
        p.utilizationPercent,
        p.idle,
      ]),
    ).toEqual([
      ['fraud-detection-train-29371713-c6n6x', 4, 89.8, false],
      ['fraud-detection-hpo-trial-7-vh7pp', 1, 64, false],
      ['fraud-detection-notebook-0', 1, 0, true],
    ]);
    expect(usage.totals).toEqual({
      capacity: 16,
      allocatable: 16,
      allocated: 12,
      requestedByEntity: 6,
      waitingByEntity: 0,
      idleAllocated: 1,
    });
  });

  it('uses the label selector and namespace annotations like the Kubernetes plugin', async () => {
    const calls: string[] = [];
    server.use(...fakeKubernetesBackend({ 'gpu-prod-eu': cluster }, calls));
    const { server: backend } = await startMlopsTestBackend({
      entities: [
        entityWith('llm', {
          'backstage.io/kubernetes-id': undefined,
          'backstage.io/kubernetes-label-selector':
            'backstage.io/kubernetes-id in (llm-eval)',
          'backstage.io/kubernetes-namespace': 'llm-eval',
        }),
      ],
    });

    const res = await request(backend).get(
      '/api/mlops/entity/default/Component/llm/gpu',
    );

    expect(res.status).toBe(200);
    expect(res.body.metricsAvailable).toBe(false);
    expect(
      res.body.clusters[0].pods.map((p: { name: string }) => p.name),
    ).toEqual(['llm-eval-harness-ftwb5']);
    expect(calls).toContain(
      'gpu-prod-eu /api/v1/namespaces/llm-eval/pods?labelSelector=backstage.io%2Fkubernetes-id%20in%20(llm-eval)',
    );
  });

  it('keeps answering for the other clusters when one cluster fails', async () => {
    server.use(
      nodesRefusedOn('broken', 403, 'nodes is forbidden'),
      ...fakeKubernetesBackend({ 'gpu-prod-eu': cluster, broken: {} }),
    );
    const { server: backend } = await startMlopsTestBackend({});

    const res = await request(backend).get(path);

    expect(res.status).toBe(200);
    const broken = res.body.clusters.find(
      (c: { cluster: string }) => c.cluster === 'broken',
    );
    expect(broken.error).toMatchObject({
      code: 'UpstreamError',
      upstream: 'kubernetes',
      upstreamStatus: 403,
    });
    expect(broken.error.message).toMatch(/nodes is forbidden/);
    const ok = res.body.clusters.find(
      (c: { cluster: string }) => c.cluster === 'gpu-prod-eu',
    );
    expect(ok.totals.capacity).toBe(16);
  });

  it('names the missing annotation when the entity has no Kubernetes selection', async () => {
    const { server: backend } = await startMlopsTestBackend({
      entities: [
        entityWith('plain', { 'backstage.io/kubernetes-id': undefined }),
      ],
    });
    const res = await request(backend).get(
      '/api/mlops/entity/default/Component/plain/gpu',
    );
    // Every route refuses alike (status, code, annotation); each route's test checks its own refusal.
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'NotConfigured',
      annotation: 'backstage.io/kubernetes-id',
    });
  });

  it('refuses a request without credentials', async () => {
    const { server: backend } = await startMlopsTestBackend({});
    const res = await request(backend)
      .get(path)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('says so when the Kubernetes backend is not installed', async () => {
    const { server: backend } = await startMlopsTestBackend({});
    server.use(
      http.get('http://backstage.test/api/kubernetes/clusters', () =>
        HttpResponse.json(
          { error: { name: 'NotFoundError', message: 'Not Found' } },
          { status: 404 },
        ),
      ),
    );
    const res = await request(backend).get(path);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'NotConfigured',
      upstream: 'kubernetes',
    });
    expect(res.body.error.message).toMatch(/plugin-kubernetes-backend/);
  });
});
