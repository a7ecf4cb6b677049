import {
  MlflowApiError,
  MlflowInstanceConfig,
  MlflowRequest,
  MlflowTransport,
  MlopsConfig,
  MlopsKubernetesClient,
  MlopsMlflowUpstream,
  MlopsPrometheusClient,
  MlopsPrometheusRange,
  MlopsScmStatusReader,
  selectMlflowInstance,
} from '@mlops-portal/plugin-mlops-node';
import {
  FakeKubernetesList,
  createFakeKubernetes,
  createFakeMlflow,
  createFakePrometheus,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import {
  demoClusters,
  demoHeadCommit,
  demoMlflowDataset,
  demoPrometheusAnswers,
} from './demoData';
import {
  demoGpuHoursMatrix,
  demoGpuHoursSums,
  demoGpuPods,
} from './generator/gpuHours';

/** Demo mode without configured instances still needs a name and a UI base for links. */
const DEMO_INSTANCE: MlflowInstanceConfig = {
  name: 'demo',
  baseUrl: 'http://mlflow.demo.invalid',
  uiUrl: 'http://localhost:5000',
};

/**
 * The demo MLflow: the shared fake MLflow over the synthetic dataset, called
 * in-process. Any instance an entity names is answered (the demo profile
 * calls no network upstream), with the configured UI link when there is one.
 */
export function demoMlflow(config: MlopsConfig): MlopsMlflowUpstream {
  const fake = createFakeMlflow({
    baseUrl: DEMO_INSTANCE.baseUrl,
    dataset: demoMlflowDataset(),
  });
  const transport = async (path: string, request: MlflowRequest) => {
    const query = new URLSearchParams(
      Object.entries(request.query ?? {}).flatMap(([key, value]) =>
        value === undefined
          ? []
          : [value].flat().map(item => [key, String(item)]),
      ),
    );
    const method =
      request.method ?? (request.body === undefined ? 'GET' : 'POST');
    const response = fake.respond(
      method,
      path,
      query,
      request.body as Record<string, unknown> | undefined,
    );
    const body = await response.json();
    if (!response.ok)
      throw new MlflowApiError(body.message, body.error_code, response.status);
    return body;
  };
  return {
    instance: requested =>
      selectMlflowInstance(config, requested) ?? {
        ...DEMO_INSTANCE,
        name: requested ?? DEMO_INSTANCE.name,
      },
    transport: () => transport as MlflowTransport,
  };
}

/** The two synthetic demo clusters behind the shared fake Kubernetes API. */
export function demoKubernetes(): MlopsKubernetesClient {
  const fake = createFakeKubernetes(demoClusters());
  return {
    listClusters: async () => fake.listClusters(),
    list: async <T>(cluster: string, path: string) =>
      fake.list(cluster, path) as
        | (FakeKubernetesList & { items: T[] })
        | undefined,
  };
}

/** The synthetic DCGM series behind the shared fake Prometheus, and a synthetic GPU-hours history of the same pods. */
export function demoPrometheus(): MlopsPrometheusClient {
  const answers = demoPrometheusAnswers();
  const fake = createFakePrometheus(answers);
  const gpuPods = demoGpuPods(answers.DCGM_FI_DEV_GPU_UTIL);
  // Which entity each demo pod belongs to (`backstage.io/kubernetes-id`), as kube_pod_labels would say.
  const owner = new Map<string, string>();
  for (const [cluster, lists] of Object.entries(demoClusters())) {
    for (const item of lists['/api/v1/pods']?.items ?? []) {
      const { metadata } = item as {
        metadata?: {
          name?: string;
          namespace?: string;
          labels?: Record<string, string>;
        };
      };
      const id = metadata?.labels?.['backstage.io/kubernetes-id'];
      if (id)
        owner.set(`${cluster}|${metadata?.namespace}/${metadata?.name}`, id);
    }
  }
  // The GPU-hours queries select the entity by kube_pod_labels{label_backstage_io_kubernetes_id="..."}.
  const podsOf = (promql: string) => {
    const id = /label_backstage_io_kubernetes_id="([^"]+)"/.exec(promql)?.[1];
    return id === undefined
      ? gpuPods
      : gpuPods.filter(
          p => owner.get(`${p.cluster}|${p.namespace}/${p.pod}`) === id,
        );
  };
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  return {
    async query(promql: string) {
      const answer = fake.query(promql);
      if (answer.status !== 'success') {
        // The per-cluster sums over a window and the presence probes of the GPU-hours figures.
        const window = /\[(\d+)s:(\d+)s\]/.exec(promql);
        if (window && promql.includes('sum_over_time')) {
          const what = promql.includes('kube_pod_container_resource_requests')
            ? 'allocated'
            : 'used';
          return demoGpuHoursSums(
            gpuPods,
            what,
            { seconds: Number(window[1]), stepSeconds: Number(window[2]) },
            nowSeconds(),
          );
        }
        if (promql.startsWith('count('))
          return [{ labels: {}, value: podsOf(promql).length }];
      }
      // A query the demo does not hold answers as Prometheus does when no series matches.
      const result = (
        answer.status === 'success' ? answer.data?.result ?? [] : []
      ) as Array<{
        metric?: Record<string, string>;
        value?: [number, string];
      }>;
      return result.flatMap(series => {
        const value = Number(series.value?.[1]);
        return Number.isFinite(value)
          ? [{ labels: series.metric ?? {}, value }]
          : [];
      });
    },
    async queryRange(promql: string, range: MlopsPrometheusRange) {
      if (
        promql.startsWith('avg by') &&
        promql.includes('DCGM_FI_DEV_GPU_UTIL')
      ) {
        return demoGpuHoursMatrix(
          podsOf(promql),
          'utilization',
          range,
          nowSeconds(),
        );
      }
      if (promql.includes('kube_pod_container_resource_requests')) {
        return demoGpuHoursMatrix(
          podsOf(promql),
          'allocated',
          range,
          nowSeconds(),
        );
      }
      return [];
    },
  };
}

/**
 * The example repository's synthetic head commit and its passing required
 * checks, for any source location (the demo calls no SCM host).
 */
export function demoScm(): MlopsScmStatusReader {
  const head = demoHeadCommit();
  return { head: async () => head };
}
