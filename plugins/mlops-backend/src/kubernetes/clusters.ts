import { asMlopsError, MlopsError } from '../errors/MlopsError';
import { ResilientCaller } from '../upstream/ResilientCaller';
import { KubernetesClient } from './KubernetesClient';

/** Cluster names from the Kubernetes backend, through the resilience layer. */
export async function listClusters(
  caller: ResilientCaller,
  kubernetes: KubernetesClient,
) {
  return caller.call('kubernetes', 'clusters', signal =>
    kubernetes.listClusters(signal),
  );
}

/**
 * A failure while reading one cluster, as the typed error its card shows for
 * that cluster (the other clusters keep their answers).
 */
export const clusterErrorOf = (error: unknown): MlopsError =>
  asMlopsError(error, { upstream: 'kubernetes' });

/** Lists `path` in one cluster through the resilience layer: its items, none when the API answers none. */
export function listInCluster<T>(
  caller: ResilientCaller,
  kubernetes: KubernetesClient,
  cluster: string,
  path: string,
) {
  return caller.call('kubernetes', `${cluster}:${path}`, async signal => {
    const answer = await kubernetes.list<T>(cluster, path, signal);
    return answer?.items ?? [];
  });
}
