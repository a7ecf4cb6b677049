import { GpuNode, GpuPod } from '@mlops-portal/plugin-mlops-common';
import { PrometheusSample } from '../prometheus/PrometheusClient';

export const GPU_RESOURCE = 'nvidia.com/gpu';

/** The parts of a v1 Node the GPU card reads. */
export interface NodeLike {
  metadata?: { name?: string; labels?: Record<string, string> };
  spec?: { taints?: Array<{ key?: string; value?: string; effect?: string }> };
  status?: {
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    conditions?: Array<{ type?: string; status?: string }>;
  };
}

/** The parts of a v1 Pod the GPU card reads. */
export interface PodLike {
  metadata?: { name?: string; namespace?: string };
  spec?: {
    nodeName?: string;
    containers?: Array<{ resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }>;
    initContainers?: Array<{ resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }>;
  };
  status?: { phase?: string };
}

const count = (value: string | undefined) => {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
};

type Container = NonNullable<NonNullable<PodLike['spec']>['containers']>[number];
// Extended resources: requests default to limits and must equal them.
const containerGpus = (c: Container) =>
  count(c.resources?.requests?.[GPU_RESOURCE] ?? c.resources?.limits?.[GPU_RESOURCE]);

/** GPUs a pod holds: the larger of its containers' sum and its largest init container, as the scheduler counts. */
export function podGpuRequest(pod: PodLike): number {
  const main = (pod.spec?.containers ?? []).reduce((sum, c) => sum + containerGpus(c), 0);
  const init = Math.max(0, ...(pod.spec?.initContainers ?? []).map(containerGpus));
  return Math.max(main, init);
}

/** Pods that still hold their node's resources. */
export const holdsResources = (pod: PodLike) =>
  pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';

/** GPU nodes of a NodeList, without allocation and metrics yet. */
export function gpuNodes(nodes: NodeLike[]): GpuNode[] {
  return nodes
    .filter(node => count(node.status?.capacity?.[GPU_RESOURCE]) > 0)
    .map(node => {
      const labels = node.metadata?.labels ?? {};
      return {
        name: node.metadata?.name ?? '',
        ready: (node.status?.conditions ?? []).some(c => c.type === 'Ready' && c.status === 'True'),
        ...(labels['node.kubernetes.io/instance-type'] ? { instanceType: labels['node.kubernetes.io/instance-type'] } : {}),
        ...(labels['nvidia.com/gpu.product'] ? { gpuProduct: labels['nvidia.com/gpu.product'] } : {}),
        capacity: count(node.status?.capacity?.[GPU_RESOURCE]),
        allocatable: count(node.status?.allocatable?.[GPU_RESOURCE]),
        allocated: 0,
        taints: (node.spec?.taints ?? []).map(t => ({
          key: t.key ?? '',
          ...(t.value !== undefined ? { value: t.value } : {}),
          effect: t.effect ?? '',
        })),
      };
    });
}

/** GPUs allocated per node name, from every pod of the cluster. One pass; no pod is kept. */
export function allocationByNode(pods: PodLike[]): Record<string, number> {
  const allocated: Record<string, number> = {};
  for (const pod of pods) {
    const node = pod.spec?.nodeName;
    if (!node || !holdsResources(pod)) continue;
    const gpus = podGpuRequest(pod);
    if (gpus > 0) allocated[node] = (allocated[node] ?? 0) + gpus;
  }
  return allocated;
}

/** The entity's pods that request GPUs. */
export function entityGpuPods(pods: PodLike[]): GpuPod[] {
  return pods
    .map(pod => ({ pod, gpus: podGpuRequest(pod) }))
    .filter(({ gpus }) => gpus > 0)
    .map(({ pod, gpus }) => ({
      namespace: pod.metadata?.namespace ?? '',
      name: pod.metadata?.name ?? '',
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      phase: pod.status?.phase ?? 'Unknown',
      gpuRequested: gpus,
      idle: false,
    }));
}

/** DCGM samples reduced to what the card needs, per node and per pod. */
export interface DcgmSample {
  node?: string;
  namespace?: string;
  pod?: string;
  cluster?: string;
  value: number;
}

export function toDcgmSamples(samples: PrometheusSample[]): DcgmSample[] {
  return samples.map(({ labels, value }) => ({
    node: labels.kubernetes_node ?? labels.Hostname ?? labels.node,
    namespace: labels.namespace ?? labels.exported_namespace,
    pod: labels.pod ?? labels.exported_pod,
    cluster: labels.cluster,
    value,
  }));
}

/** Utilisation below this (percent) counts as idle for a pod that holds GPUs. */
export const IDLE_UTILIZATION_PERCENT = 5;

const average = (values: number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
const sum = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) : undefined);

/**
 * Completes nodes and pods with allocation, DCGM utilisation/memory and the
 * idle flag. Samples labelled with another cluster are ignored.
 */
export function combineGpuUsage(options: {
  cluster: string;
  nodes: GpuNode[];
  allocated: Record<string, number>;
  pods: GpuPod[];
  util?: DcgmSample[];
  memory?: DcgmSample[];
}) {
  const mine = (s: DcgmSample) => s.cluster === undefined || s.cluster === options.cluster;
  // Group once: a large cluster has thousands of nodes and GPUs.
  const group = (samples: DcgmSample[] | undefined, key: (s: DcgmSample) => string | undefined) => {
    const groups = new Map<string, number[]>();
    for (const s of samples ?? []) {
      const k = mine(s) ? key(s) : undefined;
      if (k === undefined) continue;
      const list = groups.get(k);
      if (list) list.push(s.value);
      else groups.set(k, [s.value]);
    }
    return groups;
  };
  const podKey = (s: { namespace?: string; pod?: string; name?: string }) =>
    (s.pod ?? s.name) === undefined ? undefined : `${s.namespace}/${s.pod ?? s.name}`;
  const utilByNode = group(options.util, s => s.node);
  const memByNode = group(options.memory, s => s.node);
  const utilByPod = group(options.util, s => (s.pod ? podKey(s) : undefined));
  const memByPod = group(options.memory, s => (s.pod ? podKey(s) : undefined));
  const round = (v: number | undefined) => (v === undefined ? undefined : Math.round(v * 10) / 10);

  const nodes = options.nodes.map(node => {
    const u = round(average(utilByNode.get(node.name) ?? []));
    const m = round(sum(memByNode.get(node.name) ?? []));
    return {
      ...node,
      allocated: options.allocated[node.name] ?? 0,
      ...(u !== undefined ? { utilizationPercent: u } : {}),
      ...(m !== undefined ? { memoryUsedMiB: m } : {}),
    };
  });
  const pods = options.pods.map(pod => {
    const key = `${pod.namespace}/${pod.name}`;
    const u = round(average(utilByPod.get(key) ?? []));
    const m = round(sum(memByPod.get(key) ?? []));
    const holding = pod.phase === 'Running' || (pod.phase === 'Pending' && pod.nodeName !== undefined);
    return {
      ...pod,
      ...(u !== undefined ? { utilizationPercent: u } : {}),
      ...(m !== undefined ? { memoryUsedMiB: m } : {}),
      idle: holding && (pod.phase !== 'Running' || (u !== undefined && u < IDLE_UTILIZATION_PERCENT)),
    };
  });
  const total = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const holdingPods = pods.filter(p => p.phase === 'Running' || p.phase === 'Pending');
  return {
    cluster: options.cluster,
    nodes,
    pods,
    totals: {
      capacity: total(nodes.map(n => n.capacity)),
      allocatable: total(nodes.map(n => n.allocatable)),
      allocated: total(nodes.map(n => n.allocated)),
      requestedByEntity: total(holdingPods.map(p => p.gpuRequested)),
      idleAllocated: total(pods.filter(p => p.idle).map(p => p.gpuRequested)),
    },
  };
}
