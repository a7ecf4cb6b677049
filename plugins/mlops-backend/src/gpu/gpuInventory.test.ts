import { allocationByNode, combineGpuUsage, entityGpuPods, gpuNodes, podGpuRequest } from './gpuInventory';

const pod = (name: string, phase: string, nodeName: string | undefined, gpus: { requests?: string; limits?: string }[], init?: string) => ({
  metadata: { name, namespace: 'ml' },
  spec: {
    nodeName,
    containers: gpus.map(g => ({
      resources: {
        ...(g.requests ? { requests: { 'nvidia.com/gpu': g.requests } } : {}),
        ...(g.limits ? { limits: { 'nvidia.com/gpu': g.limits } } : {}),
      },
    })),
    ...(init ? { initContainers: [{ resources: { limits: { 'nvidia.com/gpu': init } } }] } : {}),
  },
  status: { phase },
});

describe('GPU inventory', () => {
  it('counts GPUs as the scheduler does: limits when requests are absent, the larger of containers and init containers', () => {
    expect(podGpuRequest(pod('a', 'Running', 'n', [{ limits: '2' }, { requests: '1', limits: '1' }]))).toBe(3);
    expect(podGpuRequest(pod('b', 'Running', 'n', [{ limits: '1' }], '4'))).toBe(4);
    expect(podGpuRequest(pod('c', 'Running', 'n', [{}]))).toBe(0);
  });

  it('allocates only pods that still hold their node', () => {
    expect(
      allocationByNode([
        pod('a', 'Running', 'n1', [{ limits: '2' }]),
        pod('b', 'Pending', 'n1', [{ limits: '1' }]),
        pod('c', 'Succeeded', 'n1', [{ limits: '4' }]),
        pod('d', 'Failed', 'n2', [{ limits: '4' }]),
        pod('e', 'Pending', undefined, [{ limits: '8' }]),
      ]),
    ).toEqual({ n1: 3 });
  });

  it('keeps GPU nodes only, with readiness and taints', () => {
    const nodes = gpuNodes([
      { metadata: { name: 'cpu' }, status: { capacity: { cpu: '8' } } },
      {
        metadata: { name: 'gpu', labels: { 'nvidia.com/gpu.product': 'A10G' } },
        spec: { taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] },
        status: {
          capacity: { 'nvidia.com/gpu': '4' },
          allocatable: { 'nvidia.com/gpu': '3' },
          conditions: [{ type: 'Ready', status: 'False' }],
        },
      },
    ]);
    expect(nodes).toEqual([
      {
        name: 'gpu',
        ready: false,
        gpuProduct: 'A10G',
        capacity: 4,
        allocatable: 3,
        allocated: 0,
        taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }],
      },
    ]);
  });

  it('marks pods idle when they hold GPUs at near-zero utilisation or are not running, and ignores other clusters', () => {
    const pods = entityGpuPods([
      pod('busy', 'Running', 'n1', [{ limits: '1' }]),
      pod('idle', 'Running', 'n1', [{ limits: '2' }]),
      pod('stuck', 'Pending', 'n1', [{ limits: '1' }]),
      pod('unknown', 'Running', 'n1', [{ limits: '1' }]),
    ]);
    const usage = combineGpuUsage({
      cluster: 'a',
      nodes: gpuNodes([{ metadata: { name: 'n1' }, status: { capacity: { 'nvidia.com/gpu': '8' }, allocatable: { 'nvidia.com/gpu': '8' } } }]),
      allocated: { n1: 5 },
      pods,
      util: [
        { node: 'n1', namespace: 'ml', pod: 'busy', value: 80 },
        { node: 'n1', namespace: 'ml', pod: 'idle', value: 1 },
        { node: 'n1', namespace: 'ml', pod: 'idle', value: 2 },
        { node: 'n1', namespace: 'ml', pod: 'busy', value: 0, cluster: 'b' },
      ],
    });
    expect(usage.pods.map(p => [p.name, p.utilizationPercent, p.idle])).toEqual([
      ['busy', 80, false],
      ['idle', 1.5, true],
      ['stuck', undefined, true],
      ['unknown', undefined, false],
    ]);
    expect(usage.nodes[0].utilizationPercent).toBe(27.7);
    expect(usage.totals).toEqual({ capacity: 8, allocatable: 8, allocated: 5, requestedByEntity: 5, idleAllocated: 3 });
  });
});
