import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  GpuClusterUsage,
  GpuUsageResponse,
} from '@mlops-portal/plugin-mlops-common';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { clusterErrorOf } from '../kubernetes/clusters';
import { entitySelection, selectionPath } from '../kubernetes/entitySelection';
import { FetchedAt, ReaderAnswer } from '../upstream/fetchedAt';
import { ResilientCaller } from '../upstream/ResilientCaller';
import { GpuInventoryStore } from './GpuInventoryStore';
import { PodLike, combineGpuUsage, entityGpuPods } from './gpuInventory';
import { GpuResourceNames } from './gpuResources';

// The totals of a cluster without GPUs; the card's gpuUsage fixture writes them out as the card sees them.
const emptyTotals = {
  capacity: 0,
  allocatable: 0,
  allocated: 0,
  requestedByEntity: 0,
  waitingByEntity: 0,
  idleAllocated: 0,
};

/**
 * GPU usage of the entity in every cluster of the Kubernetes plugin: the
 * nodes, allocations and DCGM figures from the background inventory, and the
 * entity's own pods listed by its selection, so a request costs the entity's
 * pods, not the cluster's.
 */
export async function readGpuUsage(options: {
  entity: Entity;
  caller: ResilientCaller;
  kubernetes: KubernetesClient;
  inventory: GpuInventoryStore;
  names: GpuResourceNames;
  idleUtilizationPercent: number;
  logger: LoggerService;
}): Promise<ReaderAnswer<GpuUsageResponse>> {
  const { caller, kubernetes, inventory, names, logger } = options;
  const selection = entitySelection(options.entity, 'GPU usage card');
  const fetchedAt = new FetchedAt();
  const track = fetchedAt.track.bind(fetchedAt);

  const clusters = await inventory.clusters();
  const metrics = inventory.metrics();

  const usage = await Promise.all(
    clusters.map(async (cluster): Promise<GpuClusterUsage> => {
      try {
        const [state, pods] = await Promise.all([
          inventory.cluster(cluster),
          caller.call(
            'kubernetes',
            `${cluster}:gpu-pods:${selection.namespace ?? ''}:${
              selection.labelSelector
            }`,
            async signal => {
              const list = await kubernetes.list<PodLike>(
                cluster,
                selectionPath('/api/v1', 'pods', selection),
                signal,
              );
              return list?.items ?? [];
            },
          ),
        ]);
        const { nodes, refreshedAt, stale, error } = state;
        if (refreshedAt) track({ value: undefined, fetchedAt: refreshedAt });
        const answer = combineGpuUsage({
          cluster,
          nodes,
          pods: entityGpuPods(track(pods), nodes, names),
          metrics: (await metrics)?.metrics,
          idleUtilizationPercent: options.idleUtilizationPercent,
        });
        if (!refreshedAt) {
          // Never listed: the error is the cluster's answer.
          return {
            ...answer,
            nodes: [],
            totals: {
              ...answer.totals,
              capacity: 0,
              allocatable: 0,
              allocated: 0,
            },
            error,
          };
        }
        return {
          ...answer,
          inventory: {
            refreshedAt,
            stale: stale ?? false,
            ...(error ? { error } : {}),
          },
        };
      } catch (error) {
        const typed = clusterErrorOf(error);
        logger.warn(
          `GPU usage of cluster ${cluster} unavailable: ${typed.message}`,
        );
        return {
          cluster,
          nodes: [],
          pods: [],
          totals: emptyTotals,
          error: typed.toBody().error,
        };
      }
    }),
  );
  const dcgm = await metrics;
  if (dcgm?.metrics) track({ value: undefined, fetchedAt: dcgm.refreshedAt });
  return {
    clusters: usage,
    metricsAvailable: dcgm?.metrics !== undefined,
    meta: { fetchedAt: fetchedAt.oldest() },
  };
}
