import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  CanaryResponse,
  CanaryRollout,
} from '@mlops-portal/plugin-mlops-common';
import {
  clusterErrorOf,
  listClusters,
  listInCluster,
} from '../kubernetes/clusters';
import { KubernetesClient } from '../kubernetes/KubernetesClient';
import { entitySelection, selectionPath } from '../kubernetes/entitySelection';
import { FetchedAt, ReaderAnswer } from '../upstream/fetchedAt';
import { ResilientCaller } from '../upstream/ResilientCaller';
import {
  ArgoAnalysisRunLike,
  ArgoRolloutLike,
  normalizeArgoRollout,
} from './argoRollouts';
import { FlaggerCanaryLike, normalizeFlaggerCanary } from './flaggerCanaries';
import {
  KserveInferenceServiceLike,
  normalizeKserveInferenceService,
} from './kserveInferenceServices';
import { RayServiceLike, normalizeRayService } from './rayServices';

// The API group of each serving system's resources: a list of constants, alike in shape only.
const ARGO = '/apis/argoproj.io/v1alpha1';
const FLAGGER = '/apis/flagger.app/v1beta1';
const KSERVE = '/apis/serving.kserve.io/v1beta1';
const KUBERAY = '/apis/ray.io/v1';

/**
 * The entity's Argo Rollouts, Flagger Canaries, KServe InferenceServices and
 * KubeRay RayServices in every cluster. A
 * cluster without one of the CRDs simply has none of those; a cluster that
 * cannot be read is listed in `clusterErrors`.
 */
export async function readCanaries(options: {
  entity: Entity;
  caller: ResilientCaller;
  kubernetes: KubernetesClient;
  logger: LoggerService;
}): Promise<ReaderAnswer<CanaryResponse>> {
  const { caller, kubernetes } = options;
  const selection = entitySelection(options.entity, 'canary card');
  const fetchedAt = new FetchedAt();
  const list = async <T>(cluster: string, path: string): Promise<T[]> =>
    fetchedAt.track(await listInCluster<T>(caller, kubernetes, cluster, path));
  const clusters = fetchedAt.track(await listClusters(caller, kubernetes));

  const rollouts: CanaryRollout[] = [];
  const clusterErrors: CanaryResponse['clusterErrors'] = [];
  await Promise.all(
    clusters.map(async cluster => {
      try {
        // The entity's objects of one kind in this cluster, by its selection.
        const selected = <T>(api: string, plural: string) =>
          list<T>(cluster, selectionPath(api, plural, selection));
        const [argo, flagger, kserve, ray] = await Promise.all([
          selected<ArgoRolloutLike>(ARGO, 'rollouts'),
          selected<FlaggerCanaryLike>(FLAGGER, 'canaries'),
          selected<KserveInferenceServiceLike>(KSERVE, 'inferenceservices'),
          selected<RayServiceLike>(KUBERAY, 'rayservices'),
        ]);
        // Analysis runs carry the rollout as owner, not the entity's labels.
        const namespaces = [
          ...new Set(
            argo
              .map(r => r.metadata?.namespace)
              .filter((n): n is string => !!n),
          ),
        ];
        const runs = (
          await Promise.all(
            namespaces.map(ns =>
              list<ArgoAnalysisRunLike>(
                cluster,
                `${ARGO}/namespaces/${ns}/analysisruns`,
              ),
            ),
          )
        ).flat();
        rollouts.push(
          ...argo.map(r => normalizeArgoRollout(cluster, r, runs)),
          ...flagger.map(c => normalizeFlaggerCanary(cluster, c)),
          ...kserve.map(i => normalizeKserveInferenceService(cluster, i)),
          ...ray.map(r => normalizeRayService(cluster, r)),
        );
      } catch (error) {
        const typed = clusterErrorOf(error);
        options.logger.warn(
          `canaries of cluster ${cluster} unavailable: ${typed.message}`,
        );
        clusterErrors.push({ cluster, error: typed.toBody().error });
      }
    }),
  );
  rollouts.sort((a, b) =>
    `${a.cluster}/${a.namespace}/${a.name}`.localeCompare(
      `${b.cluster}/${b.namespace}/${b.name}`,
    ),
  );
  return {
    rollouts,
    clusterErrors,
    meta: { fetchedAt: fetchedAt.oldest() },
  };
}
