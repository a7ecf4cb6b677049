import {
  MlflowApiError,
  MlflowInstanceConfig,
  MlflowRequest,
  MlflowTransport,
  MlopsConfig,
  MlopsKubernetesClient,
  MlopsMlflowUpstream,
  MlopsPrometheusClient,
  selectMlflowInstance,
} from '@mlops-portal/plugin-mlops-node';
import {
  FakeKubernetesList,
  createFakeKubernetes,
  createFakeMlflow,
  createFakePrometheus,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import { demoClusters, demoMlflowDataset, demoPrometheusAnswers } from './demoData';

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
  const fake = createFakeMlflow({ baseUrl: DEMO_INSTANCE.baseUrl, dataset: demoMlflowDataset() });
  const transport = async (path: string, request: MlflowRequest) => {
    const query = new URLSearchParams(
      Object.entries(request.query ?? {}).flatMap(([key, value]) =>
        value === undefined ? [] : [value].flat().map(item => [key, String(item)]),
      ),
    );
    const method = request.method ?? (request.body === undefined ? 'GET' : 'POST');
    const response = fake.respond(method, path, query, request.body as Record<string, unknown> | undefined);
    const body = await response.json();
    if (!response.ok) throw new MlflowApiError(body.message, body.error_code, response.status);
    return body;
  };
  return {
    instance: requested =>
      selectMlflowInstance(config, requested) ?? { ...DEMO_INSTANCE, name: requested ?? DEMO_INSTANCE.name },
    transport: () => transport as MlflowTransport,
  };
}

/** The two synthetic demo clusters behind the shared fake Kubernetes API. */
export function demoKubernetes(): MlopsKubernetesClient {
  const fake = createFakeKubernetes(demoClusters());
  return {
    listClusters: async () => fake.listClusters(),
    list: async <T>(cluster: string, path: string) => fake.list(cluster, path) as FakeKubernetesList & { items: T[] } | undefined,
  };
}

/** The synthetic DCGM series behind the shared fake Prometheus. */
export function demoPrometheus(): MlopsPrometheusClient {
  const fake = createFakePrometheus(demoPrometheusAnswers());
  return {
    async query(promql: string) {
      const answer = fake.query(promql);
      // A query the demo does not hold answers as Prometheus does when no series matches.
      const result = (answer.status === 'success' ? answer.data?.result ?? [] : []) as Array<{
        metric?: Record<string, string>;
        value?: [number, string];
      }>;
      return result.flatMap(series => {
        const value = Number(series.value?.[1]);
        return Number.isFinite(value) ? [{ labels: series.metric ?? {}, value }] : [];
      });
    },
  };
}
