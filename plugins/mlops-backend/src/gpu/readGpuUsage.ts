import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { GpuClusterUsage, GpuUsageResponse } from '@mlops-portal/plugin-mlops-common';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { clusterErrorOf, listClusters } from '../kubernetes/clusters';
import { entitySelection, selectionPath } from '../kubernetes/entitySelection';
import { PrometheusClient } from '../prometheus/PrometheusClient';
import { FetchedAt, ReaderAnswer } from '../upstream/fetchedAt';
import { ResilientCaller } from '../upstream/ResilientCaller';
import {
  DcgmSample,
  NodeLike,
  PodLike,
  allocationByNode,
  combineGpuUsage,
  entityGpuPods,
  gpuNodes,
  toDcgmSamples,
} from './gpuInventory';

const ACTIVE_PODS = `/api/v1/pods?fieldSelector=${encodeURIComponent('status.phase!=Succeeded,status.phase!=Failed')}`;

/**
 * GPU usage of the entity in every cluster of the Kubernetes plugin. Each
 * cached unit is the reduced answer of one upstream request, so a cluster
 * of 50,000 pods is held in memory only while its list is being reduced.
 */
export async function readGpuUsage(options: {
  entity: Entity;
  caller: ResilientCaller;
  kubernetes: KubernetesClient;
  prometheus?: PrometheusClient;
  logger: LoggerService;
}): Promise<ReaderAnswer<GpuUsageResponse>> {
  const { caller, kubernetes, prometheus, logger } = options;
  const selection = entitySelection(options.entity, 'GPU usage card');
  const fetchedAt = new FetchedAt();
  const track = fetchedAt.track.bind(fetchedAt);

  const clusters = track(await listClusters(caller, kubernetes));

  const dcgm = async (metric: string): Promise<DcgmSample[] | undefined> => {
    if (!prometheus) return undefined;
    try {
      return track(
        await caller.call('prometheus', metric, async signal =>
          toDcgmSamples(await prometheus.query(metric, signal)),
        ),
      );
    } catch (error) {
      // Utilisation is an extra: without it the card still shows allocation.
      logger.warn(`GPU metrics unavailable: ${clusterErrorOf(error).message}`);
      return undefined;
    }
  };
  // DCGM queries run while the clusters are read.
  const metrics = Promise.all([dcgm('DCGM_FI_DEV_GPU_UTIL'), dcgm('DCGM_FI_DEV_FB_USED')]);

  const usage = await Promise.all(
    clusters.map(async (cluster): Promise<GpuClusterUsage> => {
      try {
        const [nodes, allocated, pods] = await Promise.all([
          caller.call('kubernetes', `${cluster}:gpu-nodes`, async signal => {
            const list = await kubernetes.list<NodeLike>(cluster, '/api/v1/nodes', signal);
            return gpuNodes(list?.items ?? []);
          }),
          caller.call('kubernetes', `${cluster}:gpu-allocation`, async signal => {
            // Finished pods hold nothing; let the API server leave them out.
            const list = await kubernetes.list<PodLike>(cluster, ACTIVE_PODS, signal);
            return allocationByNode(list?.items ?? []);
          }),
          caller.call('kubernetes', `${cluster}:gpu-pods:${selection.namespace ?? ''}:${selection.labelSelector}`, async signal => {
            const list = await kubernetes.list<PodLike>(cluster, selectionPath('/api/v1', 'pods', selection), signal);
            return entityGpuPods(list?.items ?? []);
          }),
        ]);
        const [util, memory] = await metrics;
        return combineGpuUsage({
          cluster,
          nodes: track(nodes),
          allocated: track(allocated),
          pods: track(pods),
          util,
          memory,
        });
      } catch (error) {
        const typed = clusterErrorOf(error);
        logger.warn(`GPU usage of cluster ${cluster} unavailable: ${typed.message}`);
        return {
          cluster,
          nodes: [],
          pods: [],
          totals: { capacity: 0, allocatable: 0, allocated: 0, requestedByEntity: 0, idleAllocated: 0 },
          error: typed.toBody().error,
        };
      }
    }),
  );
  const [util, memory] = await metrics;
  return {
    clusters: usage,
    metricsAvailable: util !== undefined || memory !== undefined,
    meta: { fetchedAt: fetchedAt.oldest() },
  };
}
