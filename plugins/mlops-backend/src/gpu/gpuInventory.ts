import {
  GpuNode,
  GpuNodeResource,
  GpuPod,
} from '@mlops-portal/plugin-mlops-common';
import { PrometheusSample } from '../prometheus/PrometheusClient';
import {
  GpuResourceNames,
  PodDeviceRequest,
  classifyGpuResource,
  isGpuResource,
  nodeGpuResources,
  physicalGpus,
  quantity,
} from './gpuResources';

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

type Resources = {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
};

/** The parts of a v1 Pod the GPU card reads. */
export interface PodLike {
  metadata?: { name?: string; namespace?: string };
  spec?: {
    nodeName?: string;
    containers?: Array<{ resources?: Resources }>;
    initContainers?: Array<{ resources?: Resources }>;
  };
  status?: { phase?: string };
}

/**
 * GPU devices a pod holds per resource name: per resource, the larger of its
 * containers' sum and its largest init container, as the scheduler counts.
 * Extended resources: requests default to limits and must equal them.
 */
export function podGpuRequests(
  pod: PodLike,
  names: GpuResourceNames,
): Record<string, number> {
  const of = (r: Resources | undefined) => {
    const out: Record<string, number> = {};
    for (const resource of new Set([
      ...Object.keys(r?.requests ?? {}),
      ...Object.keys(r?.limits ?? {}),
    ])) {
      if (!isGpuResource(resource, names)) continue;
      const n = quantity(r?.requests?.[resource] ?? r?.limits?.[resource]);
      if (n > 0) out[resource] = n;
    }
    return out;
  };
  const main: Record<string, number> = {};
  for (const c of pod.spec?.containers ?? []) {
    for (const [resource, n] of Object.entries(of(c.resources)))
      main[resource] = (main[resource] ?? 0) + n;
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [resource, n] of Object.entries(of(c.resources)))
      main[resource] = Math.max(main[resource] ?? 0, n);
  }
  return main;
}

/** Pods that still hold their node's resources. */
export const holdsResources = (pod: PodLike) =>
  pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';

const total = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Node totals from its resources. */
function withTotals(
  node: Omit<GpuNode, 'capacity' | 'allocatable' | 'allocated'>,
): GpuNode {
  return {
    ...node,
    capacity: total(node.resources.map(r => r.capacity)),
    allocatable: total(node.resources.map(r => r.allocatable)),
    allocated: total(node.resources.map(r => r.allocated)),
  };
}

/** GPU nodes of a NodeList (any vendor, MIG, shared), without allocation and metrics yet. */
export function gpuNodes(
  nodes: NodeLike[],
  names: GpuResourceNames,
): GpuNode[] {
  return nodes.flatMap(node => {
    const labels = node.metadata?.labels ?? {};
    const resources = nodeGpuResources(node.status, labels, names);
    if (!resources.length) return [];
    return [
      withTotals({
        name: node.metadata?.name ?? '',
        ready: (node.status?.conditions ?? []).some(
          c => c.type === 'Ready' && c.status === 'True',
        ),
        ...(labels['node.kubernetes.io/instance-type']
          ? { instanceType: labels['node.kubernetes.io/instance-type'] }
          : {}),
        ...(labels['nvidia.com/gpu.product']
          ? { gpuProduct: labels['nvidia.com/gpu.product'] }
          : {}),
        ...(labels['nvidia.com/mig.strategy'] &&
        labels['nvidia.com/mig.strategy'] !== 'none'
          ? { migStrategy: labels['nvidia.com/mig.strategy'] }
          : {}),
        physicalGpus: physicalGpus(resources, labels),
        resources,
        taints: (node.spec?.taints ?? []).map(t => ({
          key: t.key ?? '',
          ...(t.value !== undefined ? { value: t.value } : {}),
          effect: t.effect ?? '',
        })),
      }),
    ];
  });
}

/**
 * Adds every pod's GPU requests to the nodes it runs on. One pass over the
 * cluster's pods; no pod is kept, so the inventory stays the size of its nodes.
 */
export function allocateOnNodes(
  nodes: GpuNode[],
  pods: Iterable<PodLike>,
  names: GpuResourceNames,
): GpuNode[] {
  const byName = new Map(
    nodes.map(n => [
      n.name,
      new Map(n.resources.map(r => [r.resource, { ...r }])),
    ]),
  );
  for (const pod of pods) {
    const node = pod.spec?.nodeName;
    const resources = node ? byName.get(node) : undefined;
    if (!resources || !holdsResources(pod)) continue;
    for (const [resource, n] of Object.entries(podGpuRequests(pod, names))) {
      const r = resources.get(resource);
      if (r) r.allocated += n;
    }
  }
  return nodes.map(n =>
    withTotals({ ...n, resources: [...byName.get(n.name)!.values()] }),
  );
}

/** The entity's pods that request GPUs, their devices typed by the node they run on. */
export function entityGpuPods(
  pods: PodLike[],
  nodes: GpuNode[],
  names: GpuResourceNames,
): GpuPod[] {
  const nodeResources = new Map(
    nodes.map(n => [n.name, new Map(n.resources.map(r => [r.resource, r]))]),
  );
  return pods.flatMap(pod => {
    const requests = podGpuRequests(pod, names);
    const onNode = pod.spec?.nodeName
      ? nodeResources.get(pod.spec.nodeName)
      : undefined;
    const devices: PodDeviceRequest[] = Object.entries(requests).map(
      ([resource, count]) => {
        // A pod not (yet) on a known node: its kind as the resource name says.
        const kind: Pick<GpuNodeResource, 'kind' | 'profile'> =
          onNode?.get(resource) ?? classifyGpuResource(resource, {});
        return {
          resource,
          kind: kind.kind,
          count,
          ...(kind.profile ? { profile: kind.profile } : {}),
        };
      },
    );
    if (!devices.length) return [];
    return [
      {
        namespace: pod.metadata?.namespace ?? '',
        name: pod.metadata?.name ?? '',
        ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
        phase: pod.status?.phase ?? 'Unknown',
        gpuRequested: total(devices.map(d => d.count)),
        devices,
        shared: devices.some(d => d.kind === 'shared'),
        idle: false,
      },
    ];
  });
}

/**
 * DCGM samples reduced to what the card needs. Labels are the exporter's
 * (https://github.com/NVIDIA/dcgm-exporter: `gpu`, `Hostname`, `modelName`,
 * `pod`/`namespace`/`container` of the pod holding the GPU, `GPU_I_PROFILE`
 * and `GPU_I_ID` on MIG instances); `exported_*` when Prometheus renamed them.
 */
export interface DcgmSample {
  node?: string;
  namespace?: string;
  pod?: string;
  cluster?: string;
  gpu?: string;
  migProfile?: string;
  migInstance?: string;
  value: number;
}

export function toDcgmSamples(
  samples: PrometheusSample[],
  scale = 1,
): DcgmSample[] {
  return samples.map(({ labels, value }) => ({
    node: labels.kubernetes_node ?? labels.Hostname ?? labels.node,
    namespace: labels.namespace ?? labels.exported_namespace,
    pod: labels.pod ?? labels.exported_pod,
    cluster: labels.cluster,
    gpu: labels.gpu,
    ...(labels.GPU_I_ID !== undefined
      ? { migInstance: labels.GPU_I_ID, migProfile: labels.GPU_I_PROFILE ?? '' }
      : {}),
    value: value * scale,
  }));
}

const round = (v: number | undefined) =>
  v === undefined ? undefined : Math.round(v * 10) / 10;
const average = (values: number[]) =>
  values.length ? total(values) / values.length : undefined;

/** DCGM figures of one node or pod. */
export interface DcgmFigures {
  utilizationPercent?: number;
  memoryUsedMiB?: number;
  migInstances?: NonNullable<GpuPod['migInstances']>;
}

/**
 * DCGM utilisation, memory and MIG instance utilisation reduced per node and
 * per pod, keyed `<cluster>|<node>` and `<cluster>|<namespace>/<pod>` (empty
 * cluster when the series have no `cluster` label). Built once per refresh,
 * so a request only looks its nodes and pods up.
 */
export interface GpuMetricsSnapshot {
  byNode: Record<string, DcgmFigures>;
  byPod: Record<string, DcgmFigures>;
}

export function reduceDcgm(options: {
  util?: DcgmSample[];
  memory?: DcgmSample[];
  mig?: DcgmSample[];
}): GpuMetricsSnapshot {
  const groups = (
    samples: DcgmSample[] | undefined,
    key: (s: DcgmSample) => string | undefined,
  ) => {
    const out = new Map<string, number[]>();
    for (const s of samples ?? []) {
      const k = key(s);
      if (k === undefined) continue;
      const list = out.get(k);
      if (list) list.push(s.value);
      else out.set(k, [s.value]);
    }
    return out;
  };
  const nodeKey = (s: DcgmSample) =>
    s.node === undefined ? undefined : `${s.cluster ?? ''}|${s.node}`;
  const podKey = (s: DcgmSample) =>
    s.pod ? `${s.cluster ?? ''}|${s.namespace ?? ''}/${s.pod}` : undefined;
  const figures = (key: (s: DcgmSample) => string | undefined) => {
    const out: Record<string, DcgmFigures> = {};
    const util = groups(options.util, key);
    const memory = groups(options.memory, key);
    for (const k of new Set([...util.keys(), ...memory.keys()])) {
      const u = round(average(util.get(k) ?? []));
      const m = memory.has(k) ? round(total(memory.get(k)!)) : undefined;
      out[k] = {
        ...(u !== undefined ? { utilizationPercent: u } : {}),
        ...(m !== undefined ? { memoryUsedMiB: m } : {}),
      };
    }
    return out;
  };
  const byNode = figures(nodeKey);
  const byPod = figures(podKey);
  for (const s of options.mig ?? []) {
    const k = podKey(s);
    if (!k || s.migInstance === undefined) continue;
    const entry = (byPod[k] ??= {});
    (entry.migInstances ??= []).push({
      gpu: s.gpu ?? '',
      profile: s.migProfile ?? '',
      instanceId: s.migInstance,
      utilizationPercent: round(s.value)!,
    });
  }
  // A MIG instance has no DCGM_FI_DEV_GPU_UTIL: its engine activity is the pod's utilisation.
  for (const entry of Object.values(byPod)) {
    if (entry.migInstances && entry.utilizationPercent === undefined) {
      entry.utilizationPercent = round(
        average(entry.migInstances.map(i => i.utilizationPercent)),
      );
    }
  }
  return { byNode, byPod };
}

/**
 * A pod holds its GPUs once it is bound to a node and until it ends: Running,
 * or Pending on a node (pulling images, starting). A Pending pod without a
 * node holds none; it waits for one.
 */
const holdsGpus = (pod: GpuPod) =>
  pod.phase === 'Running' ||
  (pod.phase === 'Pending' && pod.nodeName !== undefined);
const waitsForNode = (pod: GpuPod) =>
  pod.phase === 'Pending' && pod.nodeName === undefined;

/** Allocated GPUs below this utilisation (percent) count as idle, unless `mlops.gpu.idleUtilizationPercent` says otherwise. */
export const DEFAULT_IDLE_UTILIZATION_PERCENT = 5;

/**
 * Completes nodes and pods with DCGM figures and the idle flag. Series
 * labelled with another cluster do not match.
 */
export function combineGpuUsage(options: {
  cluster: string;
  nodes: GpuNode[];
  pods: GpuPod[];
  metrics?: GpuMetricsSnapshot;
  idleUtilizationPercent: number;
}) {
  const lookup = (
    table: Record<string, DcgmFigures> | undefined,
    key: string,
  ) => table?.[`${options.cluster}|${key}`] ?? table?.[`|${key}`];
  const nodes = options.nodes.map(node => {
    const { utilizationPercent, memoryUsedMiB } =
      lookup(options.metrics?.byNode, node.name) ?? {};
    return {
      ...node,
      ...(utilizationPercent !== undefined ? { utilizationPercent } : {}),
      ...(memoryUsedMiB !== undefined ? { memoryUsedMiB } : {}),
    };
  });
  const pods = options.pods.map(pod => {
    const figures =
      lookup(options.metrics?.byPod, `${pod.namespace}/${pod.name}`) ?? {};
    const u = figures.utilizationPercent;
    return {
      ...pod,
      ...figures,
      idle:
        holdsGpus(pod) &&
        (pod.phase !== 'Running' ||
          (u !== undefined && u < options.idleUtilizationPercent)),
    };
  });
  return {
    cluster: options.cluster,
    nodes,
    pods,
    totals: {
      capacity: total(nodes.map(n => n.capacity)),
      allocatable: total(nodes.map(n => n.allocatable)),
      allocated: total(nodes.map(n => n.allocated)),
      requestedByEntity: total(pods.filter(holdsGpus).map(p => p.gpuRequested)),
      waitingByEntity: total(
        pods.filter(waitsForNode).map(p => p.gpuRequested),
      ),
      idleAllocated: total(pods.filter(p => p.idle).map(p => p.gpuRequested)),
    },
  };
}
