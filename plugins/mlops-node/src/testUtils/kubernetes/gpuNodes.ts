/*
 * GPU nodes as the device plugins and GPU feature discovery leave them, one
 * per kind of GPU a cluster has. Not recorded from a cluster: shaped from the
 * documentation cited next to each, with the labels and resources it shows.
 */

/** A v1 Node with the fields the device plugins set. @public */
export interface GpuNodeFixture {
  metadata: { name: string; labels: Record<string, string> };
  spec: { taints?: Array<{ key: string; value?: string; effect: string }> };
  status: {
    capacity: Record<string, string>;
    allocatable: Record<string, string>;
    conditions: Array<{ type: string; status: string; reason: string }>;
  };
}

const node = (
  name: string,
  labels: Record<string, string>,
  resources: Record<string, string>,
  taint?: string,
): GpuNodeFixture => ({
  metadata: {
    name,
    labels: {
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux',
      ...labels,
    },
  },
  spec: taint
    ? { taints: [{ key: taint, value: 'present', effect: 'NoSchedule' }] }
    : {},
  status: {
    capacity: { cpu: '96', memory: '1056939484Ki', pods: '110', ...resources },
    allocatable: {
      cpu: '95690m',
      memory: '1044266972Ki',
      pods: '110',
      ...resources,
    },
    conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
  },
});

/**
 * The kinds of GPU node: whole NVIDIA GPUs, MIG single and mixed, time-slicing
 * (advertised as `nvidia.com/gpu`, and renamed to `nvidia.com/gpu.shared`),
 * AMD and Intel.
 *
 * @public
 */
export const gpuNodeFixtures = {
  /** GPU feature discovery labels of a p4d.24xlarge (https://github.com/NVIDIA/k8s-device-plugin#catalog-of-labels). */
  wholeA100: node(
    'ip-10-0-1-10.ec2.internal',
    {
      'node.kubernetes.io/instance-type': 'p4d.24xlarge',
      'nvidia.com/gpu.present': 'true',
      'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-40GB',
      'nvidia.com/gpu.count': '8',
      'nvidia.com/gpu.memory': '40960',
      'nvidia.com/mig.strategy': 'none',
    },
    { 'nvidia.com/gpu': '8' },
    'nvidia.com/gpu',
  ),
  /**
   * MIG `single` strategy, all 8 GPUs as 1g.5gb (7 slices each): the slices are
   * `nvidia.com/gpu`, and GPU feature discovery describes the MIG device, not
   * the card: product with the profile suffix, count and memory of the slices
   * (https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-operator-mig.html,
   * "nvidia.com/gpu.product=NVIDIA-A100-SXM4-40GB-MIG-1g.5gb").
   */
  migSingle: node(
    'ip-10-0-1-20.ec2.internal',
    {
      'node.kubernetes.io/instance-type': 'p4d.24xlarge',
      'nvidia.com/gpu.present': 'true',
      'nvidia.com/mig.config': 'all-1g.5gb',
      'nvidia.com/mig.config.state': 'success',
      'nvidia.com/mig.strategy': 'single',
      'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-40GB-MIG-1g.5gb',
      'nvidia.com/gpu.count': '56',
      'nvidia.com/gpu.slices.gi': '1',
      'nvidia.com/gpu.slices.ci': '1',
      'nvidia.com/gpu.memory': '4864',
    },
    { 'nvidia.com/gpu': '56' },
    'nvidia.com/gpu',
  ),
  /**
   * MIG `mixed` strategy with the all-balanced config of an H100 80GB node:
   * per GPU 1×3g.40gb, 1×2g.20gb, 2×1g.10gb, advertised as
   * `nvidia.com/mig-<profile>` with `nvidia.com/mig-<profile>.count` labels
   * (same page, "mixed strategy").
   */
  migMixed: node(
    'ip-10-0-1-30.ec2.internal',
    {
      'node.kubernetes.io/instance-type': 'p5.48xlarge',
      'nvidia.com/gpu.present': 'true',
      'nvidia.com/mig.config': 'all-balanced',
      'nvidia.com/mig.config.state': 'success',
      'nvidia.com/mig.strategy': 'mixed',
      'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3',
      'nvidia.com/gpu.count': '8',
      'nvidia.com/mig-1g.10gb.count': '16',
      'nvidia.com/mig-2g.20gb.count': '8',
      'nvidia.com/mig-3g.40gb.count': '8',
    },
    {
      'nvidia.com/mig-1g.10gb': '16',
      'nvidia.com/mig-2g.20gb': '8',
      'nvidia.com/mig-3g.40gb': '8',
    },
    'nvidia.com/gpu',
  ),
  /**
   * Time-slicing with 4 replicas, not renamed: `nvidia.com/gpu` is replicas,
   * `nvidia.com/gpu.replicas=4`, product suffix `-SHARED`
   * (https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-sharing.html).
   */
  timeSliced: node(
    'ip-10-0-1-40.ec2.internal',
    {
      'node.kubernetes.io/instance-type': 'g4dn.12xlarge',
      'nvidia.com/gpu.present': 'true',
      'nvidia.com/gpu.product': 'Tesla-T4-SHARED',
      'nvidia.com/gpu.count': '4',
      'nvidia.com/gpu.replicas': '4',
      'nvidia.com/gpu.sharing-strategy': 'time-slicing',
    },
    { 'nvidia.com/gpu': '16' },
  ),
  /** MPS with renameByDefault: replicas as `nvidia.com/gpu.shared` (same page, "renameByDefault"). */
  mpsRenamed: node(
    'ip-10-0-1-50.ec2.internal',
    {
      'node.kubernetes.io/instance-type': 'g5.2xlarge',
      'nvidia.com/gpu.present': 'true',
      'nvidia.com/gpu.product': 'NVIDIA-A10G-SHARED',
      'nvidia.com/gpu.count': '1',
      'nvidia.com/gpu.replicas': '10',
      'nvidia.com/gpu.sharing-strategy': 'mps',
    },
    { 'nvidia.com/gpu.shared': '10' },
  ),
  /** AMD ROCm device plugin: `amd.com/gpu`, node labeller labels (https://github.com/ROCm/k8s-device-plugin). */
  amdMi300x: node(
    'mi300x-node-1',
    {
      'node.kubernetes.io/instance-type': 'ND96isr_MI300X_v5',
      'amd.com/gpu.family': 'AI',
      'amd.com/gpu.device-id': '74a1',
      'amd.com/gpu.product-name': 'AMD_Instinct_MI300X_OAM',
    },
    { 'amd.com/gpu': '8' },
    'amd.com/gpu',
  ),
  /** Intel GPU plugin: `gpu.intel.com/i915` and the newer `gpu.intel.com/xe` (https://github.com/intel/intel-device-plugins-for-kubernetes/blob/main/cmd/gpu_plugin/README.md). */
  intelMax: node(
    'intel-max-1',
    { 'gpu.intel.com/device-id.0300-0bd5.present': 'true' },
    { 'gpu.intel.com/i915': '4' },
  ),
  intelXe: node(
    'intel-xe-1',
    { 'gpu.intel.com/device-id.0300-e20b.present': 'true' },
    { 'gpu.intel.com/xe': '2' },
  ),
  /** A CPU node: no GPU resource. */
  cpu: node(
    'ip-10-0-2-10.ec2.internal',
    { 'node.kubernetes.io/instance-type': 'm6i.4xlarge' },
    {},
  ),
};
