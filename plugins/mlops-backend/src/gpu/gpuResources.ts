import {
  GpuDeviceKind,
  GpuNodeResource,
} from '@mlops-portal/plugin-mlops-common';

/*
 * Which extended resources are GPUs, and of which kind, as the device plugins
 * advertise them on a node:
 * - NVIDIA k8s-device-plugin / GPU operator: `nvidia.com/gpu` whole GPUs;
 *   MIG "single" strategy advertises slices as `nvidia.com/gpu` and labels the
 *   node `nvidia.com/mig.strategy=single`, `nvidia.com/gpu.product=<model>-MIG-<profile>`;
 *   "mixed" advertises `nvidia.com/mig-<profile>`; `nvidia.com/gpu.count` is the
 *   physical GPU count (https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-operator-mig.html).
 * - Time-slicing / MPS: replicas of `nvidia.com/gpu` (or `nvidia.com/gpu.shared` with
 *   renameByDefault), labels `nvidia.com/gpu.replicas`, `nvidia.com/gpu.sharing-strategy`,
 *   product suffix `-SHARED` (https://docs.nvidia.com/datacenter/cloud-native/gpu-operator/latest/gpu-sharing.html).
 * - AMD ROCm device plugin: `amd.com/gpu` (https://github.com/ROCm/k8s-device-plugin).
 * - Intel device plugins: `gpu.intel.com/i915`, `gpu.intel.com/xe`
 *   (https://github.com/intel/intel-device-plugins-for-kubernetes/blob/main/cmd/gpu_plugin/README.md).
 * - Anything else a platform names in `mlops.gpu.extraResourceNames`.
 */

export const NVIDIA_GPU = 'nvidia.com/gpu';
const NVIDIA_SHARED = 'nvidia.com/gpu.shared';
const MIG_MIXED = /^nvidia\.com\/mig-(\d+g\.\d+gb(?:\+[a-z]+)?)$/;
const MIG_SINGLE_PRODUCT = /-MIG-(\d+g\.\d+gb(?:\+[a-z]+)?)$/;
const OTHER_VENDORS: Record<string, GpuNodeResource['vendor']> = {
  'amd.com/gpu': 'amd',
  'gpu.intel.com/i915': 'intel',
  'gpu.intel.com/xe': 'intel',
};

/** Which resource names count as GPUs besides the built-in ones. */
export interface GpuResourceNames {
  extraResourceNames: string[];
}

export const isGpuResource = (resource: string, names: GpuResourceNames) =>
  resource === NVIDIA_GPU ||
  resource === NVIDIA_SHARED ||
  MIG_MIXED.test(resource) ||
  resource in OTHER_VENDORS ||
  names.extraResourceNames.includes(resource);

export const quantity = (value: string | undefined) => {
  const n = Number(value ?? 0);
  return Number.isFinite(n) && n > 0 ? n : 0;
};

/** The kind of one GPU resource on a node with these labels. */
export function classifyGpuResource(
  resource: string,
  labels: Record<string, string>,
): Pick<
  GpuNodeResource,
  'kind' | 'vendor' | 'profile' | 'replicasPerGpu' | 'sharingStrategy'
> {
  const replicas = quantity(labels['nvidia.com/gpu.replicas']);
  const shared = (): ReturnType<typeof classifyGpuResource> => ({
    kind: 'shared',
    vendor: 'nvidia',
    ...(replicas > 1 ? { replicasPerGpu: replicas } : {}),
    sharingStrategy:
      labels['nvidia.com/gpu.sharing-strategy'] ?? 'time-slicing',
  });
  const mixed = MIG_MIXED.exec(resource);
  if (mixed) return { kind: 'mig', vendor: 'nvidia', profile: mixed[1] };
  if (resource === NVIDIA_SHARED) return shared();
  if (resource === NVIDIA_GPU) {
    const single = MIG_SINGLE_PRODUCT.exec(
      labels['nvidia.com/gpu.product'] ?? '',
    );
    if (labels['nvidia.com/mig.strategy'] === 'single' && single) {
      return { kind: 'mig', vendor: 'nvidia', profile: single[1] };
    }
    if (replicas > 1) return shared();
    return { kind: 'gpu', vendor: 'nvidia' };
  }
  return { kind: 'gpu', vendor: OTHER_VENDORS[resource] ?? 'other' };
}

/** The GPU resources of a node's capacity/allocatable, allocation not counted yet. */
export function nodeGpuResources(
  status:
    | {
        capacity?: Record<string, string>;
        allocatable?: Record<string, string>;
      }
    | undefined,
  labels: Record<string, string>,
  names: GpuResourceNames,
): GpuNodeResource[] {
  return Object.keys(status?.capacity ?? {})
    .filter(
      resource =>
        isGpuResource(resource, names) &&
        quantity(status?.capacity?.[resource]) > 0,
    )
    .sort()
    .map(resource => ({
      resource,
      ...classifyGpuResource(resource, labels),
      capacity: quantity(status?.capacity?.[resource]),
      allocatable: quantity(status?.allocatable?.[resource]),
      allocated: 0,
    }));
}

/**
 * MIG slices of one profile per physical GPU: `<g>g` takes g of the 7 compute
 * slices (1g → 7, 2g → 3, 3g → 2, 4g and 7g → 1; NVIDIA MIG user guide,
 * "Supported MIG profiles"). Memory-bound profiles (1g.20gb on H100: 4) give fewer.
 */
const slicesPerGpu = (profile: string | undefined) => {
  const g = Number(/^(\d+)g\./.exec(profile ?? '')?.[1]);
  return g > 0 ? Math.max(1, Math.floor(7 / g)) : 1;
};

/**
 * Physical GPUs behind a node's resources. NVIDIA: `nvidia.com/gpu.count`
 * when it counts cards (whole GPUs, mixed MIG, shared), but with MIG
 * `single` GPU feature discovery counts slices, so the cards are the slices
 * divided by the profile's slices per GPU; without the label, whole GPUs plus
 * shared replicas divided by their replicas. Other vendors as advertised.
 */
export function physicalGpus(
  resources: GpuNodeResource[],
  labels: Record<string, string>,
): number {
  const single = labels['nvidia.com/mig.strategy'] === 'single';
  const nvidiaCount = single ? 0 : quantity(labels['nvidia.com/gpu.count']);
  let nvidia = 0;
  let others = 0;
  for (const r of resources) {
    if (r.vendor !== 'nvidia') others += r.capacity;
    else if (r.kind === 'gpu') nvidia += r.capacity;
    else if (r.kind === 'shared')
      nvidia += r.capacity / (r.replicasPerGpu ?? 1);
    else if (single) nvidia += r.capacity / slicesPerGpu(r.profile);
  }
  return (nvidiaCount || Math.ceil(nvidia)) + others;
}

/** A pod's device request of one resource, with the kind the node gives it. */
export interface PodDeviceRequest {
  resource: string;
  kind: GpuDeviceKind;
  count: number;
  profile?: string;
}
