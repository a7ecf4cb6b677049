import { GpuClusterUsage } from '@mlops-portal/plugin-mlops-common';

/**
 * GPUs the project's pods hold on a cluster (scheduled pods) and those it
 * only waits for (Pending pods without a node), so "holds 2 GPUs" is not
 * said of one running and one pending pod.
 */
export function gpuHolding(cluster: GpuClusterUsage): {
  held: number;
  pending: number;
} {
  let held = 0;
  let pending = 0;
  for (const pod of cluster.pods) {
    if (pod.phase === 'Pending' && !pod.nodeName) pending += pod.gpuRequested;
    else held += pod.gpuRequested;
  }
  return { held, pending };
}

const gpus = (n: number) => `${n} GPU${n === 1 ? '' : 's'}`;

/** "holds 1 GPU and waits for 1 more (pending pods)". */
export function describeHolding(cluster: GpuClusterUsage): string {
  const { held, pending } = gpuHolding(cluster);
  return `holds ${gpus(held)}${
    pending > 0 ? ` and waits for ${pending} more (pending pods)` : ''
  }`;
}
