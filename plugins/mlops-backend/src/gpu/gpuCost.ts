import {
  GpuCostResponse,
  GpuCostWindow,
  GpuHoursPoint,
  GpuIdlePod,
  GpuNode,
} from '@mlops-portal/plugin-mlops-common';
import { MlopsError } from '../errors/MlopsError';
import { KubernetesSelection } from '../kubernetes/entitySelection';
import { PrometheusSeries } from '../prometheus/PrometheusClient';
import { GpuPricing } from './gpuConfig';
import { GpuResourceNames } from './gpuResources';

/*
 * GPU-hours from Prometheus:
 * - allocated: kube-state-metrics `kube_pod_container_resource_requests`
 *   (labels namespace, pod, container, node, resource, unit; the resource name
 *   sanitised: nvidia.com/gpu → nvidia_com_gpu), pods still Pending/Running by
 *   `kube_pod_status_phase` (https://github.com/kubernetes/kube-state-metrics/blob/main/docs/metrics/workload/pod-metrics.md);
 * - the entity's pods by `kube_pod_labels`, which carries a pod label only when
 *   kube-state-metrics allows it (`--metric-labels-allowlist=pods=[backstage.io/kubernetes-id]`);
 * - used: allocated weighted by `DCGM_FI_DEV_GPU_UTIL` (0..100) of the exporter's
 *   pod/namespace labels (https://github.com/NVIDIA/dcgm-exporter, pod labels with
 *   its Kubernetes mode; the ServiceMonitor keeps them with honorLabels).
 * Range queries have a step that keeps every series at or below MAX_POINTS points.
 */

const WINDOW_SECONDS: Record<GpuCostWindow, number> = {
  '24h': 86400,
  '7d': 7 * 86400,
  '30d': 30 * 86400,
};
const MAX_POINTS = 720;
const MIN_STEP_SECONDS = 300;
const IDLE_RUN_SECONDS = 3600;
const TOP_IDLE_PODS = 5;

/** The step of a window: at most MAX_POINTS points, at least five minutes, whole minutes. */
export function stepFor(window: GpuCostWindow): number {
  return Math.max(
    MIN_STEP_SECONDS,
    Math.ceil(WINDOW_SECONDS[window] / MAX_POINTS / 60) * 60,
  );
}

export const windowSeconds = (window: GpuCostWindow) => WINDOW_SECONDS[window];

const sanitize = (name: string) => name.replace(/[^a-zA-Z0-9_]/g, '_');
const escapeRegex = (value: string) =>
  value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const quote = (value: string) => JSON.stringify(value);

/** kube-state-metrics' `resource` values of every GPU resource name. */
export function ksmGpuResources(names: GpuResourceNames): string {
  return [
    'nvidia_com_gpu',
    'nvidia_com_gpu_shared',
    'nvidia_com_mig_.+',
    'amd_com_gpu',
    'gpu_intel_com_i915',
    'gpu_intel_com_xe',
    ...names.extraResourceNames.map(sanitize),
  ].join('|');
}

/**
 * `kube_pod_labels` matchers for the entity's selection: equality and `in`
 * terms of the label selector and its namespace. Other selector terms have no
 * PromQL equivalent there, so they are refused with what to change.
 */
export function podLabelMatchers(selection: KubernetesSelection): string {
  const matchers: string[] = [];
  for (const raw of selection.labelSelector.split(/,(?![^(]*\))/)) {
    const term = raw.trim();
    const eq = /^([A-Za-z0-9._/-]+)\s*==?\s*([A-Za-z0-9._-]*)$/.exec(term);
    const set = /^([A-Za-z0-9._/-]+)\s+in\s+\(([^)]*)\)$/.exec(term);
    if (eq) matchers.push(`label_${sanitize(eq[1])}=${quote(eq[2])}`);
    else if (set) {
      const values = set[2].split(',').map(v => escapeRegex(v.trim()));
      matchers.push(`label_${sanitize(set[1])}=~${quote(values.join('|'))}`);
    } else {
      throw new MlopsError(
        'InvalidInput',
        `GPU-hours need a label selector of key=value or key in (...) terms; '${term}' has no kube_pod_labels equivalent`,
        { annotation: 'backstage.io/kubernetes-label-selector' },
      );
    }
  }
  if (selection.namespace)
    matchers.push(`namespace=${quote(selection.namespace)}`);
  return matchers.join(',');
}

const BY_POD = 'cluster, namespace, pod';

/** The PromQL of the figures. Tests build their fixtures' keys with the same functions. */
export function gpuCostQueries(
  selection: KubernetesSelection,
  names: GpuResourceNames,
  window: GpuCostWindow,
) {
  const step = stepFor(window);
  const requests = `kube_pod_container_resource_requests{resource=~${quote(
    ksmGpuResources(names),
  )}}`;
  const holding = `max by (${BY_POD}) (kube_pod_status_phase{phase=~"Pending|Running"}) > 0`;
  const allocated = `sum by (${BY_POD}, node) (${requests}) * on (${BY_POD}) group_left() (${holding})`;
  const entityPods = `max by (${BY_POD}) (kube_pod_labels{${podLabelMatchers(
    selection,
  )}})`;
  const range = `[${WINDOW_SECONDS[window]}s:${step}s]`;
  return {
    entityAllocated: `${allocated} * on (${BY_POD}) group_left() ${entityPods}`,
    entityUtilization: `avg by (${BY_POD}, modelName) (DCGM_FI_DEV_GPU_UTIL{pod!=""}) * on (${BY_POD}) group_left() ${entityPods}`,
    /** Sums of points per cluster and node over the window (instant query; × step = GPU-seconds). */
    clusterAllocated: `sum by (cluster, node) (sum_over_time((sum by (cluster, node) (${allocated}))${range}))`,
    clusterUsed: `sum by (cluster) (sum_over_time((sum by (cluster) (DCGM_FI_DEV_GPU_UTIL) / 100)${range}))`,
    /** Probes telling an absent exporter from an entity without GPU pods. */
    probes: {
      ksm: 'count(kube_pod_container_resource_requests)',
      podLabels: `count(kube_pod_labels{${podLabelMatchers(selection)}})`,
      dcgm: 'count(DCGM_FI_DEV_GPU_UTIL)',
    },
  };
}

/** A node's GPU model as the DCGM exporter names it (`NVIDIA A100-SXM4-40GB`) from its GFD label (`NVIDIA-A100-SXM4-40GB-MIG-1g.5gb`). */
const modelKey = (model: string) =>
  model
    .replace(/-(MIG-.*|SHARED)$/, '')
    .replace(/[\s-]+/g, '-')
    .toLowerCase();

/** The price per GPU-hour of a node or model: its instance type first, then its GPU model. */
export function priceOf(
  pricing: GpuPricing | undefined,
  instanceType?: string,
  model?: string,
): number | undefined {
  if (!pricing) return undefined;
  if (instanceType && pricing.byInstanceType[instanceType] !== undefined)
    return pricing.byInstanceType[instanceType];
  if (!model) return undefined;
  const wanted = modelKey(model);
  const match = Object.entries(pricing.byGpuModel).find(
    ([name]) => modelKey(name) === wanted,
  );
  return match?.[1];
}

const podKeyOf = (labels: Record<string, string>) =>
  `${labels.cluster ?? ''}|${labels.namespace ?? ''}/${labels.pod ?? ''}`;
const round2 = (v: number) => Math.round(v * 100) / 100;

/** The inventory's nodes by `<cluster>|<node>`, for instance types and models; a lone cluster also answers for series without a `cluster` label. */
export function nodeIndex(
  clusters: Array<{ cluster: string; nodes: GpuNode[] }>,
) {
  const index = new Map<string, GpuNode>();
  for (const { cluster, nodes } of clusters) {
    for (const node of nodes) {
      index.set(`${cluster}|${node.name}`, node);
      if (clusters.length === 1) index.set(`|${node.name}`, node);
    }
  }
  return index;
}

/** The entity's figures from its allocation and utilisation series. */
export function entityFigures(options: {
  allocated: PrometheusSeries[];
  utilization?: PrometheusSeries[];
  stepSeconds: number;
  idleThresholdPercent: number;
  pricing?: GpuPricing;
  nodes: Map<string, GpuNode>;
}): GpuCostResponse['entity'] {
  const { stepSeconds, idleThresholdPercent } = options;
  const stepHours = stepSeconds / 3600;
  const util = new Map<string, { model?: string; at: Map<number, number> }>();
  for (const s of options.utilization ?? []) {
    util.set(podKeyOf(s.labels), {
      model: s.labels.modelName,
      at: new Map(s.values),
    });
  }
  const daily = new Map<number, GpuHoursPoint>();
  const pods = new Map<
    string,
    GpuIdlePod & { utilSum: number; utilPoints: number }
  >();
  let allocatedHours = 0;
  let usedHours = 0;
  let cost = 0;
  let priced = false;
  let unpriced = 0;
  for (const series of options.allocated) {
    const key = podKeyOf(series.labels);
    const u = util.get(key);
    const node = options.nodes.get(
      `${series.labels.cluster ?? ''}|${series.labels.node ?? ''}`,
    );
    const price = priceOf(
      options.pricing,
      node?.instanceType,
      u?.model ?? node?.gpuProduct,
    );
    const pod = pods.get(key) ?? {
      ...(series.labels.cluster ? { cluster: series.labels.cluster } : {}),
      namespace: series.labels.namespace ?? '',
      name: series.labels.pod ?? '',
      heldHours: 0,
      idleHours: 0,
      idleGpuHours: 0,
      utilSum: 0,
      utilPoints: 0,
    };
    pods.set(key, pod);
    // A run of consecutive idle points; it counts when it lasts an hour or more.
    let run = { seconds: 0, gpuHours: 0 };
    const endRun = () => {
      if (run.seconds >= IDLE_RUN_SECONDS) {
        pod.idleHours += run.seconds / 3600;
        pod.idleGpuHours += run.gpuHours;
      }
      run = { seconds: 0, gpuHours: 0 };
    };
    let previous: number | undefined;
    for (const [t, gpus] of series.values) {
      if (!(gpus > 0)) continue;
      if (previous !== undefined && t - previous > stepSeconds) endRun();
      previous = t;
      const hours = gpus * stepHours;
      allocatedHours += hours;
      pod.heldHours += stepHours;
      const dayStart = Math.floor(t / 86400) * 86400;
      const day = daily.get(dayStart) ?? {
        day: new Date(dayStart * 1000).toISOString(),
        allocatedGpuHours: 0,
        usedGpuHours: 0,
      };
      daily.set(dayStart, day);
      day.allocatedGpuHours += hours;
      if (price !== undefined) {
        cost += hours * price;
        priced = true;
      } else unpriced += hours;
      const percent = u?.at.get(t);
      if (percent === undefined) {
        endRun();
        continue;
      }
      usedHours += (hours * percent) / 100;
      day.usedGpuHours += (hours * percent) / 100;
      pod.utilSum += percent;
      pod.utilPoints += 1;
      if (percent < idleThresholdPercent) {
        run.seconds += stepSeconds;
        run.gpuHours += hours;
      } else endRun();
    }
    endRun();
  }
  const hasUtil =
    options.utilization !== undefined && options.utilization.length > 0;
  const idleHours = [...pods.values()].reduce(
    (sum, p) => sum + p.idleGpuHours,
    0,
  );
  return {
    allocatedGpuHours: round2(allocatedHours),
    ...(hasUtil
      ? { usedGpuHours: round2(usedHours), idleGpuHours: round2(idleHours) }
      : {}),
    ...(priced ? { cost: round2(cost) } : {}),
    unpricedGpuHours: round2(unpriced),
    daily: [...daily.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, d]) => ({
        ...d,
        allocatedGpuHours: round2(d.allocatedGpuHours),
        usedGpuHours: round2(d.usedGpuHours),
      })),
    topIdlePods: [...pods.values()]
      .filter(p => p.idleGpuHours > 0)
      .sort((a, b) => b.idleGpuHours - a.idleGpuHours)
      .slice(0, TOP_IDLE_PODS)
      .map(({ utilSum, utilPoints, ...p }) => ({
        ...p,
        heldHours: round2(p.heldHours),
        idleHours: round2(p.idleHours),
        idleGpuHours: round2(p.idleGpuHours),
        ...(utilPoints
          ? {
              averageUtilizationPercent:
                Math.round((utilSum / utilPoints) * 10) / 10,
            }
          : {}),
      })),
  };
}

/** Per-cluster figures from the instant sums over the window. */
export function clusterFigures(options: {
  allocated: Array<{ labels: Record<string, string>; value: number }>;
  used?: Array<{ labels: Record<string, string>; value: number }>;
  stepSeconds: number;
  pricing?: GpuPricing;
  nodes: Map<string, GpuNode>;
}): GpuCostResponse['clusters'] {
  const stepHours = options.stepSeconds / 3600;
  const out = new Map<
    string,
    GpuCostResponse['clusters'][number] & { priced: boolean }
  >();
  const entry = (cluster: string) => {
    let e = out.get(cluster);
    if (!e) {
      e = {
        cluster,
        allocatedGpuHours: 0,
        unpricedGpuHours: 0,
        cost: 0,
        priced: false,
      };
      out.set(cluster, e);
    }
    return e;
  };
  for (const { labels, value } of options.allocated) {
    const e = entry(labels.cluster ?? '');
    const hours = value * stepHours;
    e.allocatedGpuHours += hours;
    const node = options.nodes.get(
      `${labels.cluster ?? ''}|${labels.node ?? ''}`,
    );
    const price = priceOf(
      options.pricing,
      node?.instanceType,
      node?.gpuProduct,
    );
    if (price === undefined) e.unpricedGpuHours += hours;
    else {
      e.cost! += hours * price;
      e.priced = true;
    }
  }
  for (const { labels, value } of options.used ?? []) {
    const e = entry(labels.cluster ?? '');
    e.usedGpuHours = (e.usedGpuHours ?? 0) + value * stepHours;
  }
  return [...out.values()]
    .sort((a, b) => a.cluster.localeCompare(b.cluster))
    .map(({ priced, cost, ...e }) => ({
      ...e,
      allocatedGpuHours: round2(e.allocatedGpuHours),
      unpricedGpuHours: round2(e.unpricedGpuHours),
      ...(e.usedGpuHours !== undefined
        ? { usedGpuHours: round2(e.usedGpuHours) }
        : {}),
      ...(priced ? { cost: round2(cost!) } : {}),
    }));
}
