import { Entity } from '@backstage/catalog-model';
import {
  GpuCostResponse,
  GpuCostWindow,
} from '@mlops-portal/plugin-mlops-common';
import { MlopsError } from '../errors/MlopsError';
import { entitySelection } from '../kubernetes/entitySelection';
import { PrometheusClient } from '../prometheus/PrometheusClient';
import { FetchedAt, ReaderAnswer } from '../upstream/fetchedAt';
import { ResilientCaller } from '../upstream/ResilientCaller';
import { GpuInventoryStore } from './GpuInventoryStore';
import { GpuConfig } from './gpuConfig';
import {
  clusterFigures,
  entityFigures,
  gpuCostQueries,
  nodeIndex,
  stepFor,
  windowSeconds,
} from './gpuCost';

/**
 * GPU-hours, idle GPU-hours and cost of the entity and per cluster over the
 * window, from Prometheus range and subquery sums; each query's answer is
 * cached through the resilience layer. What is missing from Prometheus is
 * said in `missing`, and the figures it would have given are left out.
 */
export async function readGpuCost(options: {
  entity: Entity;
  window: GpuCostWindow;
  caller: ResilientCaller;
  prometheus?: PrometheusClient;
  inventory: GpuInventoryStore;
  config: GpuConfig;
}): Promise<ReaderAnswer<GpuCostResponse>> {
  const { caller, prometheus, window, config } = options;
  const selection = entitySelection(options.entity, 'GPU-hours figures');
  if (!prometheus?.queryRange) {
    throw new MlopsError(
      'NotConfigured',
      'GPU-hours need Prometheus (mlops.prometheus.baseUrl) with range queries',
      {
        upstream: 'prometheus',
      },
    );
  }
  const queries = gpuCostQueries(selection, config, window);
  const stepSeconds = stepFor(window);
  // Whole steps, so a cached answer and the next one cover the same points.
  const end = Math.floor(Date.now() / 1000 / stepSeconds) * stepSeconds;
  const range = { start: end - windowSeconds(window), end, stepSeconds };
  const fetchedAt = new FetchedAt();
  const track = fetchedAt.track.bind(fetchedAt);
  const ranged = async (promql: string) =>
    track(
      await caller.call(
        'prometheus',
        `range:${end}:${stepSeconds}:${promql}`,
        s => prometheus.queryRange!(promql, range, s),
      ),
    );
  const instant = async (promql: string) =>
    track(
      await caller.call('prometheus', `instant:${end}:${promql}`, s =>
        prometheus.query(promql, s),
      ),
    );

  const [allocated, utilization, clusterAllocated, clusterUsed, inventories] =
    await Promise.all([
      ranged(queries.entityAllocated),
      ranged(queries.entityUtilization),
      instant(queries.clusterAllocated),
      instant(queries.clusterUsed),
      options.inventory
        .clusters()
        .then(names =>
          Promise.all(names.map(n => options.inventory.cluster(n))),
        )
        .catch(() => []),
    ]);
  const nodes = nodeIndex(inventories);

  const missing: GpuCostResponse['missing'] = [];
  if (!allocated.length) {
    if (!(await instant(queries.probes.ksm)).length) {
      missing.push({
        series: 'kube-state-metrics',
        metric: 'kube_pod_container_resource_requests',
        effect: 'no allocated GPU-hours (kube-state-metrics is not scraped)',
      });
    } else if (!(await instant(queries.probes.podLabels)).length) {
      missing.push({
        series: 'kube-state-metrics',
        metric: 'kube_pod_labels',
        effect:
          "no pod of the entity's selection in kube_pod_labels (kube-state-metrics needs --metric-labels-allowlist=pods=[backstage.io/kubernetes-id])",
      });
    }
  }
  const dcgmMissing =
    !utilization.length && !(await instant(queries.probes.dcgm)).length;
  if (dcgmMissing) {
    missing.push({
      series: 'dcgm-exporter',
      metric: 'DCGM_FI_DEV_GPU_UTIL',
      effect: 'no used or idle GPU-hours (the DCGM exporter is not scraped)',
    });
  }
  const entity = entityFigures({
    allocated,
    utilization: dcgmMissing ? undefined : utilization,
    stepSeconds,
    idleThresholdPercent: config.idleUtilizationPercent,
    pricing: config.pricing,
    nodes,
  });
  return {
    window,
    stepSeconds,
    idleThresholdPercent: config.idleUtilizationPercent,
    ...(config.pricing ? { currency: config.pricing.currency } : {}),
    entity,
    clusters: clusterFigures({
      allocated: clusterAllocated,
      used: dcgmMissing ? undefined : clusterUsed,
      stepSeconds,
      pricing: config.pricing,
      nodes,
    }),
    missing,
    meta: { fetchedAt: fetchedAt.oldest() },
  };
}
