import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  ClusterDetails,
  FetchResponseWrapper,
  KubernetesClustersSupplier,
  KubernetesFetcher,
  ObjectFetchParams,
  ObjectToFetch,
  kubernetesClusterSupplierExtensionPoint,
  kubernetesFetcherExtensionPoint,
} from '@backstage/plugin-kubernetes-node';
import {
  FakeCluster,
  createFakeKubernetes,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import { demoClusters } from './demoData';
import { derivedWorkloads } from './demoWorkloads';

/** The Argo Rollouts and Flagger objects the MLOps canary card reads, shown in the Kubernetes tab too. */
const DEMO_CUSTOM_RESOURCES = [
  { group: 'argoproj.io', apiVersion: 'v1alpha1', plural: 'rollouts' },
  { group: 'flagger.app', apiVersion: 'v1beta1', plural: 'canaries' },
];

/** The demo clusters with their pods' controllers, by API path. */
function demoClustersWithWorkloads(): Record<string, FakeCluster> {
  return Object.fromEntries(
    Object.entries(demoClusters()).map(([name, cluster]) => [
      name,
      { ...cluster, ...derivedWorkloads(cluster) },
    ]),
  );
}

/**
 * The demo clusters (`gpu-prod-eu`, `gpu-staging-us`) as the Kubernetes
 * plugin's clusters. Nothing is called: the URL is a reserved `.invalid` name
 * and the fetcher answers from the demo data (anonymous credential of the
 * built-in `localKubectlProxy` strategy, no metrics server).
 *
 * @public
 */
export function demoClusterSupplier(
  clusterNames: string[],
): KubernetesClustersSupplier {
  const clusters: ClusterDetails[] = clusterNames.map(name => ({
    name,
    title: `${name} (demo data)`,
    url: `https://${name}.demo.invalid`,
    authMetadata: { 'kubernetes.io/auth-provider': 'localKubectlProxy' },
    skipMetricsLookup: true,
    customResources: DEMO_CUSTOM_RESOURCES,
  }));
  return { getClusters: async () => clusters };
}

const apiPath = (
  object: Pick<ObjectToFetch, 'group' | 'apiVersion' | 'plural'>,
  namespace?: string,
) =>
  `${object.group ? `/apis/${object.group}` : '/api'}/${object.apiVersion}${
    namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''
  }/${object.plural}`;

type FetchResponse = FetchResponseWrapper['responses'][number];

/**
 * The Kubernetes plugin's fetcher over the demo clusters: each object type the
 * plugin asks for is listed from the shared fake Kubernetes API with the
 * entity's namespace and label selector applied, as the API server would; a
 * type the demo does not hold answers an empty list.
 *
 * @public
 */
export function demoKubernetesFetcher(
  clusters: Record<string, FakeCluster>,
): KubernetesFetcher {
  const fake = createFakeKubernetes(clusters, { unservedAsEmpty: true });
  return {
    async fetchObjectsForService(
      params: ObjectFetchParams,
    ): Promise<FetchResponseWrapper> {
      const cluster = params.clusterDetails.name;
      if (!clusters[cluster]) {
        return {
          errors: [
            { errorType: 'NOT_FOUND', statusCode: 404, resourcePath: cluster },
          ],
          responses: [],
        };
      }
      const query = params.labelSelector
        ? `?labelSelector=${encodeURIComponent(params.labelSelector)}`
        : '';
      const objects = [...params.objectTypesToFetch, ...params.customResources];
      const responses = objects.map(
        (object): FetchResponse =>
          ({
            type: object.objectType,
            resources:
              fake.list(cluster, `${apiPath(object, params.namespace)}${query}`)
                ?.items ?? [],
          } as FetchResponse),
      );
      return { errors: [], responses };
    },
    // The demo clusters have no metrics server (skipMetricsLookup): no pod usage.
    async fetchPodMetricsByNamespaces(): Promise<FetchResponseWrapper> {
      return { errors: [], responses: [] };
    },
  };
}

/**
 * The demo profile of Backstage's Kubernetes plugin: the same two demo clusters
 * the MLOps GPU and canary cards read, so the entity's Kubernetes tab shows
 * their pods, controllers, rollouts and canaries. Add it only to a demo
 * backend, as the `mlops` demo module.
 *
 * @public
 */
export const kubernetesModuleMlopsDemo = createBackendModule({
  pluginId: 'kubernetes',
  moduleId: 'mlops-demo',
  register(reg) {
    reg.registerInit({
      deps: {
        clusterSupplier: kubernetesClusterSupplierExtensionPoint,
        fetcher: kubernetesFetcherExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ clusterSupplier, fetcher, logger }) {
        const clusters = demoClustersWithWorkloads();
        clusterSupplier.addClusterSupplier(
          demoClusterSupplier(Object.keys(clusters)),
        );
        fetcher.addFetcher(demoKubernetesFetcher(clusters));
        logger.info(
          `kubernetes: demo mode, clusters ${Object.keys(clusters).join(
            ', ',
          )} answer from synthetic demo data`,
        );
      },
    });
  },
});

export { kubernetesModuleMlopsDemo as default };
