import { MlopsErrorBody } from './errors';
import { MlopsResponseMeta } from './meta';

/** A Kubernetes node taint. @public */
export interface GpuNodeTaint {
  key: string;
  value?: string;
  effect: string;
}

/** A node with `nvidia.com/gpu` capacity. @public */
export interface GpuNode {
  name: string;
  ready: boolean;
  /** `node.kubernetes.io/instance-type` label. */
  instanceType?: string;
  /** `nvidia.com/gpu.product` label (GPU feature discovery). */
  gpuProduct?: string;
  capacity: number;
  allocatable: number;
  /** GPUs requested by running/pending pods scheduled on the node. */
  allocated: number;
  taints: GpuNodeTaint[];
  /** DCGM_FI_DEV_GPU_UTIL averaged over the node's GPUs, 0..100, when Prometheus is configured. */
  utilizationPercent?: number;
  /** DCGM_FI_DEV_FB_USED summed over the node's GPUs, MiB. */
  memoryUsedMiB?: number;
}

/** A pod of the entity that requests GPUs. @public */
export interface GpuPod {
  namespace: string;
  name: string;
  nodeName?: string;
  phase: string;
  gpuRequested: number;
  utilizationPercent?: number;
  memoryUsedMiB?: number;
  /** Holds GPUs but DCGM shows (near) zero utilisation, or is not Running. */
  idle: boolean;
}

/** GPU usage of one cluster. `error` is set when that cluster could not be read. @public */
export interface GpuClusterUsage {
  cluster: string;
  nodes: GpuNode[];
  pods: GpuPod[];
  totals: {
    capacity: number;
    allocatable: number;
    allocated: number;
    /** GPUs held by the entity's pods. */
    requestedByEntity: number;
    /** GPUs held by the entity's idle pods. */
    idleAllocated: number;
  };
  error?: MlopsErrorBody['error'];
}

/** `GET .../gpu`. @public */
export interface GpuUsageResponse {
  clusters: GpuClusterUsage[];
  /** True when DCGM utilisation/memory came from Prometheus. */
  metricsAvailable: boolean;
  meta: MlopsResponseMeta;
}
