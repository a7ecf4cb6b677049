import { GpuCostResponse } from '@mlops-portal/plugin-mlops-common';
import {
  FakePrometheusAnswer,
  createFakePrometheus,
  gpuNodeFixtures,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import request from 'supertest';
import { gpuCostQueries, stepFor } from '../gpu/gpuCost';
// The GPU route tests share the test backend's helpers; only the import list repeats.
import {
  fakeKubernetesBackend,
  setupMswServer,
  startMlopsTestBackend,
} from '../__testUtils__/startMlopsTestBackend';

/*
 * Prometheus answers shaped like the HTTP API's (https://prometheus.io/docs/prometheus/latest/querying/api/):
 * range queries a `matrix` of `values: [[<unix seconds>, "<value>"], ...]`, instant queries a `vector`
 * of `value: [<unix seconds>, "<value>"]`; label sets as kube-state-metrics and dcgm-exporter give them.
 * Not recorded from a live Prometheus.
 */
const PROMETHEUS = 'http://prometheus.test';
const path = '/api/mlops/entity/default/Component/fraud-detection/gpu/cost';
const selection = {
  labelSelector: 'backstage.io/kubernetes-id=fraud-detection',
};
const names = { extraResourceNames: [] };
const queries = gpuCostQueries(selection, names, '7d');
const STEP = stepFor('7d');
const DAY1 = Date.parse('2026-11-28T00:00:00Z') / 1000;
const DAY2 = Date.parse('2026-11-29T00:00:00Z') / 1000;
const a100 = gpuNodeFixtures.wholeA100.metadata.name;

const matrix = (result: unknown[]): FakePrometheusAnswer => ({
  status: 'success',
  data: { resultType: 'matrix', result },
});
const vector = (result: unknown[]): FakePrometheusAnswer => ({
  status: 'success',
  data: { resultType: 'vector', result },
});
const points = (start: number, count: number, value: string) =>
  Array.from({ length: count }, (_, i) => [start + i * STEP, value]);
const pod = (name: string, node: string) => ({
  namespace: 'fraud-detection',
  pod: name,
  node,
});

const allocated = matrix([
  { metric: pod('train-0', a100), values: points(DAY1, 24, '4') },
  {
    metric: pod('eval-0', 'ip-10-9-9-9.ec2.internal'),
    values: points(DAY1, 3, '1'),
  },
  { metric: pod('orphan-0', 'gone-node'), values: points(DAY1, 2, '1') },
  { metric: pod('notebook-0', a100), values: points(DAY2, 12, '1') },
]);
const utilization = matrix([
  {
    metric: {
      namespace: 'fraud-detection',
      pod: 'train-0',
      modelName: 'NVIDIA A100-SXM4-40GB',
    },
    values: points(DAY1, 24, '80'),
  },
  {
    metric: {
      namespace: 'fraud-detection',
      pod: 'eval-0',
      modelName: 'NVIDIA H100 80GB HBM3',
    },
    values: points(DAY1, 3, '0'),
  },
  {
    metric: {
      namespace: 'fraud-detection',
      pod: 'notebook-0',
      modelName: 'NVIDIA A100-SXM4-40GB',
    },
    values: points(DAY2, 12, '1'),
  },
]);
const now = [DAY2 + 86400, ''];
const instant = {
  [queries.clusterAllocated]: vector([
    { metric: { node: a100 }, value: [now[0], '120'] },
  ]),
  [queries.clusterUsed]: vector([{ metric: {}, value: [now[0], '77'] }]),
  [queries.probes.ksm]: vector([{ metric: {}, value: [now[0], '5000'] }]),
  [queries.probes.dcgm]: vector([{ metric: {}, value: [now[0], '4000'] }]),
  [queries.probes.podLabels]: vector([]),
};
const pricing = {
  currency: 'USD',
  instanceTypes: [{ instanceType: 'p4d.24xlarge', perGpuHour: 4.1 }],
  gpuModels: [{ model: 'NVIDIA-H100-80GB-HBM3', perGpuHour: 6 }],
};

describe('GET .../gpu/cost', () => {
  const server = setupMswServer();

  async function start(
    range: Record<string, FakePrometheusAnswer>,
    answers: Record<string, FakePrometheusAnswer>,
    config: Record<string, unknown> = {},
  ) {
    const prometheus = createFakePrometheus(answers, {
      baseUrl: PROMETHEUS,
      range,
    });
    server.use(
      ...fakeKubernetesBackend({
        prod: {
          '/api/v1/nodes': {
            kind: 'NodeList',
            apiVersion: 'v1',
            items: [gpuNodeFixtures.wholeA100],
          },
          '/api/v1/pods': { kind: 'PodList', apiVersion: 'v1', items: [] },
        },
      }),
      ...prometheus.handlers,
    );
    const { server: backend } = await startMlopsTestBackend({
      config: { prometheus: { baseUrl: PROMETHEUS }, ...config },
    });
    return { backend, prometheus };
  }

  it('gives allocated, used and idle GPU-hours, cost per day and the top idle pods from bounded range queries', async () => {
    const { backend, prometheus } = await start(
      {
        [queries.entityAllocated]: allocated,
        [queries.entityUtilization]: utilization,
      },
      instant,
      { gpuPricing: pricing },
    );

    const res = await request(backend).get(`${path}?window=7d`);

    expect(res.status).toBe(200);
    const body = res.body as GpuCostResponse;
    expect(body).toMatchObject({
      window: '7d',
      stepSeconds: 840,
      idleThresholdPercent: 5,
      currency: 'USD',
      missing: [],
    });
    for (const q of prometheus.rangeQueries) {
      expect(q.step).toBe('840s');
      expect((Number(q.end) - Number(q.start)) / 840).toBeLessThanOrEqual(720);
    }
    expect(prometheus.rangeQueries.map(q => q.query).sort()).toEqual(
      [queries.entityAllocated, queries.entityUtilization].sort(),
    );
    // train 24 × 4 × 0.2333 h = 22.4 (p4d price), eval 0.7 (H100 model price), orphan 0.47 (no price), notebook 2.8 (p4d).
    expect(body.entity).toMatchObject({
      allocatedGpuHours: 26.37,
      usedGpuHours: 17.95,
      idleGpuHours: 2.8,
      cost: 107.52,
      unpricedGpuHours: 0.47,
    });
    expect(body.entity.daily).toEqual([
      {
        day: '2026-11-28T00:00:00.000Z',
        allocatedGpuHours: 23.57,
        usedGpuHours: 17.92,
      },
      {
        day: '2026-11-29T00:00:00.000Z',
        allocatedGpuHours: 2.8,
        usedGpuHours: 0.03,
      },
    ]);
    // eval-0 was at 0 % for 42 minutes only: not an hour, not idle.
    expect(body.entity.topIdlePods).toEqual([
      {
        namespace: 'fraud-detection',
        name: 'notebook-0',
        heldHours: 2.8,
        idleHours: 2.8,
        idleGpuHours: 2.8,
        averageUtilizationPercent: 1,
      },
    ]);
    expect(body.clusters).toEqual([
      {
        cluster: '',
        allocatedGpuHours: 28,
        usedGpuHours: 17.97,
        cost: 114.8,
        unpricedGpuHours: 0,
      },
    ]);
  });

  it('counts a higher idle threshold from config and prices nothing without gpuPricing', async () => {
    const { backend } = await start(
      {
        [queries.entityAllocated]: allocated,
        [queries.entityUtilization]: utilization,
      },
      instant,
      { gpu: { idleUtilizationPercent: 90 } },
    );
    const body = (await request(backend).get(`${path}?window=7d`))
      .body as GpuCostResponse;
    // train-0 at 80 % is idle by that threshold too.
    expect(body.entity.idleGpuHours).toBe(25.2);
    expect(body.entity.topIdlePods.map(p => p.name)).toEqual([
      'train-0',
      'notebook-0',
    ]);
    expect(body.currency).toBeUndefined();
    expect(body.entity.cost).toBeUndefined();
    expect(body.entity.unpricedGpuHours).toBe(26.37);
  });

  it('says which series are missing and leaves out what they would give', async () => {
    const empty = matrix([]);
    const q = gpuCostQueries(selection, names, '24h');
    const { backend } = await start(
      { [q.entityAllocated]: empty, [q.entityUtilization]: empty },
      {
        [q.clusterAllocated]: vector([]),
        [q.clusterUsed]: vector([]),
        [q.probes.ksm]: vector([]),
        [q.probes.dcgm]: vector([]),
      },
    );

    const body = (await request(backend).get(`${path}?window=24h`))
      .body as GpuCostResponse;

    expect(body.stepSeconds).toBe(300);
    expect(body.missing).toEqual([
      {
        series: 'kube-state-metrics',
        metric: 'kube_pod_container_resource_requests',
        effect: expect.stringMatching(/no allocated GPU-hours/),
      },
      {
        series: 'dcgm-exporter',
        metric: 'DCGM_FI_DEV_GPU_UTIL',
        effect: expect.stringMatching(/no used or idle GPU-hours/),
      },
    ]);
    expect(body.entity).toEqual({
      allocatedGpuHours: 0,
      unpricedGpuHours: 0,
      daily: [],
      topIdlePods: [],
    });
  });

  it('names kube_pod_labels when kube-state-metrics runs but exports no label of the entity', async () => {
    const q = gpuCostQueries(selection, names, '30d');
    const { backend } = await start(
      { [q.entityAllocated]: matrix([]), [q.entityUtilization]: utilization },
      {
        [q.clusterAllocated]: vector([]),
        [q.clusterUsed]: vector([]),
        [q.probes.ksm]: vector([{ metric: {}, value: [now[0], '10'] }]),
        [q.probes.podLabels]: vector([]),
      },
    );
    const body = (await request(backend).get(`${path}?window=30d`))
      .body as GpuCostResponse;
    expect(body.stepSeconds).toBe(3600);
    expect(body.missing).toEqual([
      {
        series: 'kube-state-metrics',
        metric: 'kube_pod_labels',
        effect: expect.stringMatching(
          /metric-labels-allowlist=pods=\[backstage.io\/kubernetes-id\]/,
        ),
      },
    ]);
  });

  it('refuses an unknown window, and says when Prometheus is not configured', async () => {
    const { backend } = await start({}, {});
    const bad = await request(backend).get(`${path}?window=1y`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: 'InvalidInput',
      message: 'window must be one of 24h, 7d, 30d',
    });

    const { server: plain } = await startMlopsTestBackend({});
    const none = await request(plain).get(path);
    expect(none.status).toBe(422);
    expect(none.body.error).toMatchObject({
      code: 'NotConfigured',
      upstream: 'prometheus',
    });
  });

  it('gives an upstream error when Prometheus refuses a query', async () => {
    // The fake answers an unknown query with Prometheus' 400 bad_data.
    const { backend } = await start({}, {});
    const res = await request(backend).get(path);
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ upstream: 'prometheus' });
  });
});

describe('GPU-hours queries', () => {
  it('select the entity by kube_pod_labels and refuse selectors PromQL cannot express', () => {
    const q = gpuCostQueries(
      {
        labelSelector:
          'app.kubernetes.io/part-of in (fraud, fraud.v2),tier=train',
        namespace: 'ml',
      },
      names,
      '24h',
    );
    expect(q.entityAllocated).toContain(
      'kube_pod_labels{label_app_kubernetes_io_part_of=~"fraud|fraud\\\\.v2",label_tier="train",namespace="ml"}',
    );
    expect(q.entityAllocated).toContain(
      'resource=~"nvidia_com_gpu|nvidia_com_gpu_shared|nvidia_com_mig_.+|amd_com_gpu|gpu_intel_com_i915|gpu_intel_com_xe"',
    );
    expect(() =>
      gpuCostQueries({ labelSelector: 'tier!=batch' }, names, '24h'),
    ).toThrow(/'tier!=batch' has no kube_pod_labels equivalent/);
    expect(() =>
      gpuCostQueries({ labelSelector: '!canary' }, names, '24h'),
    ).toThrow(/no kube_pod_labels equivalent/);
  });
});
