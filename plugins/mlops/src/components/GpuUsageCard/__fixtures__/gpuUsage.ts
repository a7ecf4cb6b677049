/**
 * MLOps API answer for the GPU card: two clusters; `prod-eu` has two GPU
 * nodes (from NodeList `nvidia.com/gpu` capacity) and the project's pods, one
 * of them holding a GPU idle by DCGM; `prod-us` could not be read.
 */
import { GpuUsageResponse } from '@mlops-portal/plugin-mlops-common';

export const gpuUsage: GpuUsageResponse = {
  clusters: [
    {
      cluster: 'prod-eu',
      nodes: [
        {
          name: 'ip-10-0-1-23.eu-west-1.compute.internal',
          ready: true,
          instanceType: 'g5.12xlarge',
          gpuProduct: 'NVIDIA-A10G',
          capacity: 4,
          allocatable: 4,
          allocated: 3,
          physicalGpus: 4,
          resources: [
            {
              resource: 'nvidia.com/gpu',
              kind: 'gpu',
              vendor: 'nvidia',
              capacity: 4,
              allocatable: 4,
              allocated: 3,
            },
          ],
          taints: [
            { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
          ],
          utilizationPercent: 61,
          memoryUsedMiB: 38912,
        },
        {
          name: 'ip-10-0-2-41.eu-west-1.compute.internal',
          ready: true,
          instanceType: 'p4d.24xlarge',
          gpuProduct: 'NVIDIA-A100-SXM4-40GB',
          capacity: 14,
          allocatable: 14,
          allocated: 1,
          physicalGpus: 2,
          migStrategy: 'mixed',
          resources: [
            {
              resource: 'nvidia.com/mig-1g.5gb',
              kind: 'mig',
              vendor: 'nvidia',
              profile: '1g.5gb',
              capacity: 14,
              allocatable: 14,
              allocated: 1,
            },
          ],
          taints: [],
          utilizationPercent: 0,
          memoryUsedMiB: 512,
        },
      ],
      pods: [
        {
          namespace: 'fraud-detection',
          name: 'fraud-train-7c9f8b6d5-x2k4q',
          nodeName: 'ip-10-0-1-23.eu-west-1.compute.internal',
          phase: 'Running',
          gpuRequested: 2,
          devices: [{ resource: 'nvidia.com/gpu', kind: 'gpu', count: 2 }],
          shared: false,
          utilizationPercent: 88,
          memoryUsedMiB: 30720,
          idle: false,
        },
        {
          namespace: 'fraud-detection',
          name: 'fraud-notebook-0',
          nodeName: 'ip-10-0-2-41.eu-west-1.compute.internal',
          phase: 'Running',
          gpuRequested: 1,
          devices: [
            {
              resource: 'nvidia.com/mig-1g.5gb',
              kind: 'mig',
              profile: '1g.5gb',
              count: 1,
            },
          ],
          shared: false,
          utilizationPercent: 0,
          memoryUsedMiB: 512,
          idle: true,
        },
      ],
      totals: {
        capacity: 18,
        allocatable: 18,
        allocated: 4,
        requestedByEntity: 3,
        waitingByEntity: 0,
        idleAllocated: 1,
      },
      inventory: { refreshedAt: '2026-11-25T09:59:00.000Z', stale: false },
    },
    {
      cluster: 'prod-us',
      nodes: [],
      pods: [],
      // A cluster with no GPU: the backend's emptyTotals (readGpuUsage.ts), written out as the card sees it.
      totals: {
        capacity: 0,
        allocatable: 0,
        allocated: 0,
        requestedByEntity: 0,
        waitingByEntity: 0,
        idleAllocated: 0,
      },
      error: {
        code: 'UpstreamUnavailable',
        upstream: 'kubernetes',
        message: 'prod-us: connect ECONNREFUSED 10.1.0.1:443',
      },
    },
  ],
  metricsAvailable: true,
  meta: { demo: false, fetchedAt: '2026-11-25T10:00:00.000Z' },
};
