/**
 * MLOps API answer of GET .../gpu/cost?window=7d for the GPU card: two days of
 * allocated vs used GPU-hours, one idle notebook, priced in USD (made up for
 * the card, as the backend computes it from Prometheus).
 */
import { GpuCostResponse } from '@mlops-portal/plugin-mlops-common';

export const gpuCost: GpuCostResponse = {
  window: '7d',
  stepSeconds: 840,
  idleThresholdPercent: 5,
  currency: 'USD',
  entity: {
    allocatedGpuHours: 120,
    usedGpuHours: 70.5,
    idleGpuHours: 30,
    cost: 492,
    unpricedGpuHours: 0,
    daily: [
      {
        day: '2026-11-23T00:00:00.000Z',
        allocatedGpuHours: 50,
        usedGpuHours: 40,
      },
      {
        day: '2026-11-24T00:00:00.000Z',
        allocatedGpuHours: 70,
        usedGpuHours: 30.5,
      },
    ],
    topIdlePods: [
      {
        namespace: 'fraud-detection',
        name: 'fraud-notebook-0',
        heldHours: 36,
        idleHours: 30,
        idleGpuHours: 30,
        averageUtilizationPercent: 0.4,
      },
    ],
  },
  clusters: [
    {
      cluster: 'prod-eu',
      allocatedGpuHours: 900,
      usedGpuHours: 610,
      cost: 3690,
      unpricedGpuHours: 0,
    },
  ],
  missing: [],
  meta: { demo: false, fetchedAt: '2026-11-25T10:00:00.000Z' },
};
