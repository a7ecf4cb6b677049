import { gpuNodeFixtures } from '@mlops-portal/plugin-mlops-node/testUtils';
import {
  allocateOnNodes,
  combineGpuUsage,
  entityGpuPods,
  gpuNodes,
  podGpuRequests,
  reduceDcgm,
  toDcgmSamples,
} from './gpuInventory';

const names = { extraResourceNames: [] as string[] };

const pod = (
  name: string,
  phase: string,
  nodeName: string | undefined,
  gpus: { requests?: string; limits?: string; resource?: string }[],
  init?: string,
) => ({
  metadata: { name, namespace: 'ml' },
  spec: {
    nodeName,
    containers: gpus.map(g => ({
      resources: {
        ...(g.requests
          ? { requests: { [g.resource ?? 'nvidia.com/gpu']: g.requests } }
          : {}),
        ...(g.limits
          ? { limits: { [g.resource ?? 'nvidia.com/gpu']: g.limits } }
          : {}),
      },
    })),
    ...(init
      ? {
          initContainers: [
            { resources: { limits: { 'nvidia.com/gpu': init } } },
          ],
        }
      : {}),
  },
  status: { phase },
});

describe('GPU inventory', () => {
  it('counts GPUs as the scheduler does: limits when requests are absent, the larger of containers and init containers', () => {
    expect(
      podGpuRequests(
        pod('a', 'Running', 'n', [
          { limits: '2' },
          { requests: '1', limits: '1' },
        ]),
        names,
      ),
    ).toEqual({ 'nvidia.com/gpu': 3 });
    expect(
      podGpuRequests(pod('b', 'Running', 'n', [{ limits: '1' }], '4'), names),
    ).toEqual({ 'nvidia.com/gpu': 4 });
    expect(podGpuRequests(pod('c', 'Running', 'n', [{}]), names)).toEqual({});
    // Not a GPU resource unless configured.
    expect(
      podGpuRequests(
        pod('d', 'Running', 'n', [
          { limits: '1', resource: 'habana.ai/gaudi' },
        ]),
        names,
      ),
    ).toEqual({});
    expect(
      podGpuRequests(
        pod('d', 'Running', 'n', [
          { limits: '1', resource: 'habana.ai/gaudi' },
        ]),
        { extraResourceNames: ['habana.ai/gaudi'] },
      ),
    ).toEqual({ 'habana.ai/gaudi': 1 });
  });

  it('reads whole NVIDIA GPUs with readiness, taints and labels, and leaves CPU nodes out', () => {
    const [node, ...rest] = gpuNodes(
      [gpuNodeFixtures.wholeA100, gpuNodeFixtures.cpu],
      names,
    );
    expect(rest).toEqual([]);
    expect(node).toMatchObject({
      name: 'ip-10-0-1-10.ec2.internal',
      ready: true,
      instanceType: 'p4d.24xlarge',
      gpuProduct: 'NVIDIA-A100-SXM4-40GB',
      capacity: 8,
      allocatable: 8,
      physicalGpus: 8,
      resources: [
        {
          resource: 'nvidia.com/gpu',
          kind: 'gpu',
          vendor: 'nvidia',
          capacity: 8,
          allocatable: 8,
          allocated: 0,
        },
      ],
      taints: [
        { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
      ],
    });
    expect(node.migStrategy).toBeUndefined();
  });

  it('reads MIG single: nvidia.com/gpu slices of the product label profile, physical GPUs from the slices per card', () => {
    const [node] = gpuNodes([gpuNodeFixtures.migSingle], names);
    expect(node).toMatchObject({
      migStrategy: 'single',
      capacity: 56,
      physicalGpus: 8,
    });
    expect(node.resources).toEqual([
      {
        resource: 'nvidia.com/gpu',
        kind: 'mig',
        vendor: 'nvidia',
        profile: '1g.5gb',
        capacity: 56,
        allocatable: 56,
        allocated: 0,
      },
    ]);
    // The same resource without the single-strategy label is whole GPUs.
    const labels = {
      ...gpuNodeFixtures.migSingle.metadata.labels,
      'nvidia.com/mig.strategy': 'none',
    };
    const [plain] = gpuNodes(
      [
        {
          ...gpuNodeFixtures.migSingle,
          metadata: { ...gpuNodeFixtures.migSingle.metadata, labels },
        },
      ],
      names,
    );
    expect(plain.resources[0].kind).toBe('gpu');
  });

  // Alike in shape with the MIG single test above: each strategy's node states its own expected resources.
  it('reads MIG mixed: slices per profile, physical GPUs from nvidia.com/gpu.count', () => {
    const [node] = gpuNodes([gpuNodeFixtures.migMixed], names);
    expect(node).toMatchObject({
      migStrategy: 'mixed',
      capacity: 32,
      physicalGpus: 8,
    });
    expect(
      node.resources.map(r => [r.resource, r.kind, r.profile, r.capacity]),
    ).toEqual([
      ['nvidia.com/mig-1g.10gb', 'mig', '1g.10gb', 16],
      ['nvidia.com/mig-2g.20gb', 'mig', '2g.20gb', 8],
      ['nvidia.com/mig-3g.40gb', 'mig', '3g.40gb', 8],
    ]);
  });

  it('marks time-sliced and MPS replicas as shared, counting the cards behind them', () => {
    const [sliced, mps] = gpuNodes(
      [gpuNodeFixtures.timeSliced, gpuNodeFixtures.mpsRenamed],
      names,
    );
    expect(sliced).toMatchObject({ capacity: 16, physicalGpus: 4 });
    expect(sliced.resources[0]).toMatchObject({
      resource: 'nvidia.com/gpu',
      kind: 'shared',
      replicasPerGpu: 4,
      sharingStrategy: 'time-slicing',
    });
    expect(mps).toMatchObject({ capacity: 10, physicalGpus: 1 });
    expect(mps.resources[0]).toMatchObject({
      resource: 'nvidia.com/gpu.shared',
      kind: 'shared',
      replicasPerGpu: 10,
      sharingStrategy: 'mps',
    });
    // A pod asking for "1 GPU" there holds a share, not a card.
    const [holder] = entityGpuPods(
      [pod('share', 'Running', sliced.name, [{ limits: '1' }])],
      [sliced],
      names,
    );
    expect(holder).toMatchObject({
      gpuRequested: 1,
      shared: true,
      devices: [{ resource: 'nvidia.com/gpu', kind: 'shared', count: 1 }],
    });
  });

  it('counts AMD and Intel GPUs and configured extra resource names', () => {
    const nodes = gpuNodes(
      [
        gpuNodeFixtures.amdMi300x,
        gpuNodeFixtures.intelMax,
        gpuNodeFixtures.intelXe,
      ],
      names,
    );
    expect(
      nodes.map(n => [
        n.name,
        n.resources[0].resource,
        n.resources[0].vendor,
        n.capacity,
        n.physicalGpus,
      ]),
    ).toEqual([
      ['mi300x-node-1', 'amd.com/gpu', 'amd', 8, 8],
      ['intel-max-1', 'gpu.intel.com/i915', 'intel', 4, 4],
      ['intel-xe-1', 'gpu.intel.com/xe', 'intel', 2, 2],
    ]);
    const gaudi = {
      ...gpuNodeFixtures.cpu,
      status: {
        ...gpuNodeFixtures.cpu.status,
        capacity: { 'habana.ai/gaudi': '8' },
        allocatable: { 'habana.ai/gaudi': '8' },
      },
    };
    expect(gpuNodes([gaudi], names)).toEqual([]);
    expect(
      gpuNodes([gaudi], { extraResourceNames: ['habana.ai/gaudi'] })[0],
    ).toMatchObject({ capacity: 8, resources: [{ vendor: 'other' }] });
  });

  it('allocates only pods that still hold their node, per resource', () => {
    const nodes = gpuNodes(
      [gpuNodeFixtures.wholeA100, gpuNodeFixtures.migMixed],
      names,
    );
    const a100 = gpuNodeFixtures.wholeA100.metadata.name;
    const h100 = gpuNodeFixtures.migMixed.metadata.name;
    const allocated = allocateOnNodes(
      nodes,
      [
        pod('a', 'Running', a100, [{ limits: '2' }]),
        pod('b', 'Pending', a100, [{ limits: '1' }]),
        pod('c', 'Succeeded', a100, [{ limits: '4' }]),
        pod('d', 'Failed', a100, [{ limits: '4' }]),
        pod('e', 'Pending', undefined, [{ limits: '8' }]),
        pod('f', 'Running', h100, [
          { limits: '2', resource: 'nvidia.com/mig-1g.10gb' },
          { limits: '1', resource: 'nvidia.com/mig-3g.40gb' },
        ]),
      ],
      names,
    );
    expect(allocated.map(n => [n.name, n.allocated])).toEqual([
      [a100, 3],
      [h100, 3],
    ]);
    expect(allocated[1].resources.map(r => [r.resource, r.allocated])).toEqual([
      ['nvidia.com/mig-1g.10gb', 2],
      ['nvidia.com/mig-2g.20gb', 0],
      ['nvidia.com/mig-3g.40gb', 1],
    ]);
    // The inventory input is not changed.
    expect(nodes[0].allocated).toBe(0);
  });

  it('joins DCGM utilisation per MIG instance (GPU_I_PROFILE, GPU_I_ID) to the pod holding it', () => {
    const [h100] = gpuNodes([gpuNodeFixtures.migMixed], names);
    const pods = entityGpuPods(
      [
        pod('mig', 'Running', h100.name, [
          { limits: '1', resource: 'nvidia.com/mig-3g.40gb' },
        ]),
      ],
      [h100],
      names,
    );
    // DCGM_FI_PROF_GR_ENGINE_ACTIVE of a MIG instance, as dcgm-exporter labels it (ratio; scaled to percent).
    const mig = toDcgmSamples(
      [
        {
          labels: {
            __name__: 'DCGM_FI_PROF_GR_ENGINE_ACTIVE',
            gpu: '3',
            GPU_I_PROFILE: '3g.40gb',
            GPU_I_ID: '2',
            Hostname: h100.name,
            modelName: 'NVIDIA H100 80GB HBM3',
            namespace: 'ml',
            pod: 'mig',
            container: 'main',
          },
          value: 0.42,
        },
      ],
      100,
    );
    const usage = combineGpuUsage({
      cluster: 'a',
      nodes: [h100],
      pods,
      metrics: reduceDcgm({ mig }),
      idleUtilizationPercent: 5,
    });
    expect(usage.pods[0]).toMatchObject({
      devices: [
        {
          resource: 'nvidia.com/mig-3g.40gb',
          kind: 'mig',
          profile: '3g.40gb',
          count: 1,
        },
      ],
      shared: false,
      migInstances: [
        {
          gpu: '3',
          profile: '3g.40gb',
          instanceId: '2',
          utilizationPercent: 42,
        },
      ],
      utilizationPercent: 42,
      idle: false,
    });
  });

  it('marks pods idle below the configured utilisation or when not running, and ignores other clusters', () => {
    const [n1] = gpuNodes(
      [{ ...gpuNodeFixtures.wholeA100, metadata: { name: 'n1', labels: {} } }],
      names,
    );
    const pods = entityGpuPods(
      [
        pod('busy', 'Running', 'n1', [{ limits: '1' }]),
        pod('idle', 'Running', 'n1', [{ limits: '2' }]),
        pod('stuck', 'Pending', 'n1', [{ limits: '1' }]),
        pod('unknown', 'Running', 'n1', [{ limits: '1' }]),
      ],
      [n1],
      names,
    );
    const metrics = reduceDcgm({
      util: [
        { node: 'n1', namespace: 'ml', pod: 'busy', value: 80 },
        { node: 'n1', namespace: 'ml', pod: 'idle', value: 1 },
        { node: 'n1', namespace: 'ml', pod: 'idle', value: 2 },
        { node: 'n1', namespace: 'ml', pod: 'busy', value: 0, cluster: 'b' },
      ],
    });
    const usage = combineGpuUsage({
      cluster: 'a',
      nodes: allocateOnNodes([n1], [], names),
      pods,
      metrics,
      idleUtilizationPercent: 5,
    });
    expect(usage.pods.map(p => [p.name, p.utilizationPercent, p.idle])).toEqual(
      [
        ['busy', 80, false],
        ['idle', 1.5, true],
        ['stuck', undefined, true],
        ['unknown', undefined, false],
      ],
    );
    expect(usage.nodes[0].utilizationPercent).toBe(27.7);
    expect(usage.totals).toMatchObject({
      capacity: 8,
      allocatable: 8,
      requestedByEntity: 5,
      waitingByEntity: 0,
      idleAllocated: 3,
    });
    // A Pending pod without a node (unschedulable) holds no GPU: it waits for them; an ended pod neither holds nor waits.
    const withWaiting = combineGpuUsage({
      cluster: 'a',
      nodes: [n1],
      pods: [
        ...pods,
        ...entityGpuPods(
          [
            pod('unscheduled', 'Pending', undefined, [{ limits: '2' }]),
            pod('done', 'Succeeded', 'n1', [{ limits: '4' }]),
          ],
          [n1],
          names,
        ),
      ],
      metrics,
      idleUtilizationPercent: 5,
    });
    expect(withWaiting.totals).toMatchObject({
      requestedByEntity: 5,
      waitingByEntity: 2,
      idleAllocated: 3,
    });
    expect(withWaiting.pods.find(p => p.name === 'unscheduled')!.idle).toBe(
      false,
    );
    // A higher threshold makes the busy pod idle too.
    const strict = combineGpuUsage({
      cluster: 'a',
      nodes: [n1],
      pods,
      metrics,
      idleUtilizationPercent: 90,
    });
    expect(strict.pods.find(p => p.name === 'busy')!.idle).toBe(true);
  });
});
