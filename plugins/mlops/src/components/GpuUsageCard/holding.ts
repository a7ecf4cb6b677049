import { GpuClusterUsage } from '@mlops-portal/plugin-mlops-common';

/**
 * GPUs the project's pods hold on a cluster and those they only wait for
 * (Pending pods without a node), as the backend counts them, so "holds 2
 * GPUs" is not said of one running and one pending pod.
 */
export function gpuHolding(cluster: GpuClusterUsage): {
  held: number;
  pending: number;
} {
  return {
    held: cluster.totals.requestedByEntity,
    pending: cluster.totals.waitingByEntity,
  };
}

const gpus = (n: number) => `${n} GPU${n === 1 ? '' : 's'}`;

/** "holds 1 GPU and waits for 1 more (pending pods)". */
export function describeHolding(cluster: GpuClusterUsage): string {
  const { held, pending } = gpuHolding(cluster);
  return `holds ${gpus(held)}${
    pending > 0 ? ` and waits for ${pending} more (pending pods)` : ''
  }`;
}
