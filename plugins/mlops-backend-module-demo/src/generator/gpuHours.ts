/*
 * Synthetic GPU-hours history for the demo Prometheus: for every pod that
 * holds GPUs in the demo DCGM series, how long it has held them and how busy
 * it was, answered as Prometheus answers range queries (`matrix`) and the
 * `sum_over_time` subqueries of the per-cluster figures. Pure builders; the
 * history ends at the time asked for, so the card shows the last days.
 * Synthetic, not recorded.
 */

/** One pod of the demo holding GPUs. */
export interface DemoGpuPod {
  cluster: string;
  namespace: string;
  pod: string;
  node: string;
  modelName: string;
  gpus: number;
  /** Average DCGM_FI_DEV_GPU_UTIL of its GPUs now. */
  utilization: number;
  /** Hours it has held its GPUs before now. */
  heldHours: number;
}

type Series = { metric?: Record<string, string>; value?: [number, string] };
type Vector = { data?: { result?: unknown[] } };

/** A stable small number per name (FNV-1a), for held hours and the daily swing. */
const hash = (text: string) => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++)
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
};

/** The pods of the demo's DCGM utilisation answer, one per pod with its GPUs counted. */
export function demoGpuPods(util: Vector): DemoGpuPod[] {
  const pods = new Map<string, DemoGpuPod & { sum: number }>();
  for (const { metric = {}, value } of (util.data?.result ?? []) as Series[]) {
    if (!metric.pod) continue;
    const key = `${metric.cluster}|${metric.namespace}/${metric.pod}`;
    const entry = pods.get(key) ?? {
      cluster: metric.cluster ?? '',
      namespace: metric.namespace ?? '',
      pod: metric.pod,
      node: metric.kubernetes_node ?? metric.Hostname ?? '',
      modelName: metric.modelName ?? '',
      gpus: 0,
      utilization: 0,
      // Notebooks and trainers are long-lived; a day to three weeks.
      heldHours: 24 + (hash(metric.pod) % 480),
      sum: 0,
    };
    entry.gpus += 1;
    entry.sum += Number(value?.[1] ?? 0);
    entry.utilization = Math.round((entry.sum / entry.gpus) * 10) / 10;
    pods.set(key, entry);
  }
  return [...pods.values()].map(({ sum, ...pod }) => pod);
}

/** Utilisation of a pod at time t: its current level with a daily swing; an idle pod stays idle. */
const utilizationAt = (pod: DemoGpuPod, t: number) =>
  pod.utilization < 5
    ? pod.utilization
    : Math.min(
        100,
        pod.utilization *
          (0.75 +
            0.25 * Math.sin((t / 86400 + (hash(pod.pod) % 7)) * 2 * Math.PI)),
      );

const times = (start: number, end: number, step: number) => {
  const out: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) out.push(t);
  return out;
};

/** `matrix` series of the pods: their GPU requests (`allocated`) or their utilisation, from start to end. */
export function demoGpuHoursMatrix(
  pods: DemoGpuPod[],
  what: 'allocated' | 'utilization',
  range: { start: number; end: number; stepSeconds: number },
  nowSeconds: number,
) {
  return pods.flatMap(pod => {
    const since = nowSeconds - pod.heldHours * 3600;
    const values = times(
      Math.max(range.start, since),
      range.end,
      range.stepSeconds,
    ).map((t): [number, number] => [
      t,
      what === 'allocated'
        ? pod.gpus
        : Math.round(utilizationAt(pod, t) * 10) / 10,
    ]);
    if (!values.length) return [];
    const labels: Record<string, string> =
      what === 'allocated'
        ? {
            cluster: pod.cluster,
            namespace: pod.namespace,
            pod: pod.pod,
            node: pod.node,
          }
        : {
            cluster: pod.cluster,
            namespace: pod.namespace,
            pod: pod.pod,
            modelName: pod.modelName,
          };
    return [{ labels, values }];
  });
}

/** The per-cluster sums over the window: allocated per cluster and node, or used (utilisation / 100) per cluster. */
export function demoGpuHoursSums(
  pods: DemoGpuPod[],
  what: 'allocated' | 'used',
  window: { seconds: number; stepSeconds: number },
  nowSeconds: number,
) {
  const sums = new Map<
    string,
    { labels: Record<string, string>; value: number }
  >();
  const range = {
    start: nowSeconds - window.seconds,
    end: nowSeconds,
    stepSeconds: window.stepSeconds,
  };
  for (const series of demoGpuHoursMatrix(
    pods,
    what === 'allocated' ? 'allocated' : 'utilization',
    range,
    nowSeconds,
  )) {
    const labels: Record<string, string> =
      what === 'allocated'
        ? {
            cluster: series.labels.cluster,
            node: pods.find(p => p.pod === series.labels.pod)!.node,
          }
        : { cluster: series.labels.cluster };
    const key = JSON.stringify(labels);
    const entry = sums.get(key) ?? { labels, value: 0 };
    const gpus = pods.find(p => p.pod === series.labels.pod)!.gpus;
    for (const [, v] of series.values)
      entry.value += what === 'allocated' ? v : (v / 100) * gpus;
    sums.set(key, entry);
  }
  return [...sums.values()];
}
