import demoModule from '@mlops-portal/plugin-mlops-backend-module-demo';
import {
  GpuCostResponse,
  GpuUsageResponse,
} from '@mlops-portal/plugin-mlops-common';
import request from 'supertest';
import { startMlopsTestBackend } from '../__testUtils__/startMlopsTestBackend';

const entity = '/api/mlops/entity/default/Component/fraud-detection';
// Example prices of the demo profile's app-config.yaml (not real prices).
const gpuPricing = {
  currency: 'USD',
  instanceTypes: [
    { instanceType: 'p4d.24xlarge', perGpuHour: 4.1 },
    { instanceType: 'g5.12xlarge', perGpuHour: 1.42 },
  ],
  gpuModels: [{ model: 'NVIDIA A10G', perGpuHour: 1.21 }],
};

describe('GPU figures of the demo profile', () => {
  it('show the inventory, cost and the idle notebook of the example project', async () => {
    const { server: backend } = await startMlopsTestBackend({
      features: [demoModule],
      config: { gpuPricing },
    });

    const usage = (await request(backend).get(`${entity}/gpu`))
      .body as GpuUsageResponse;
    expect(usage.clusters.map(c => [c.cluster, c.inventory?.stale])).toEqual([
      ['gpu-prod-eu', false],
      ['gpu-staging-us', false],
    ]);
    // On staging the shadow evaluation runs on a GPU and the batch-scoring pod waits for a node: 1 held, 1 waiting.
    expect(
      usage.clusters.map(c => [
        c.cluster,
        c.totals.requestedByEntity,
        c.totals.waitingByEntity,
      ]),
    ).toEqual([
      ['gpu-prod-eu', 6, 0],
      ['gpu-staging-us', 1, 1],
    ]);

    const res = await request(backend).get(`${entity}/gpu/cost?window=7d`);
    expect(res.status).toBe(200);
    const cost = res.body as GpuCostResponse;
    expect(cost.meta.demo).toBe(true);
    expect(cost.missing).toEqual([]);
    expect(cost.currency).toBe('USD');
    expect(cost.entity.allocatedGpuHours).toBeGreaterThan(0);
    expect(cost.entity.usedGpuHours!).toBeLessThan(
      cost.entity.allocatedGpuHours,
    );
    expect(cost.entity.idleGpuHours!).toBeGreaterThan(0);
    expect(cost.entity.cost!).toBeGreaterThan(0);
    expect(cost.entity.daily.length).toBeGreaterThanOrEqual(7);
    // Only the example project's pods: its notebook sits at 0 % and heads the idle list.
    expect(cost.entity.topIdlePods[0]).toMatchObject({
      namespace: 'fraud-detection',
      name: 'fraud-detection-notebook-0',
      averageUtilizationPercent: 0,
    });
    expect(
      cost.entity.topIdlePods.every(p => p.namespace === 'fraud-detection'),
    ).toBe(true);
    expect(cost.clusters.map(c => c.cluster)).toEqual([
      'gpu-prod-eu',
      'gpu-staging-us',
    ]);
  });
});
