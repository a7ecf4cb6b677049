import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type {
  ExperimentJson,
  ModelVersionJson,
  RegisteredModelJson,
  RunJson,
} from '@mlops-portal/plugin-mlops-node';
import type {
  FakeCluster,
  FakeKubernetesList,
  FakeMlflowDataset,
  FakePrometheusAnswer,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The demo profile's data: synthetic, made by the seeded generator
 * (`src/generator/`) in the shape of the real answers
 * (`src/fixtures/fixtures.test.ts` checks them against recordings and schemas).
 */

const fixture = <T>(relativePath: string): T =>
  JSON.parse(
    readFileSync(
      join(resolvePackagePath('@mlops-portal/plugin-mlops-backend-module-demo', 'src/fixtures'), relativePath),
      'utf8',
    ),
  );

/** Kubernetes list files of a demo cluster, by the API path they answer. */
const RESOURCES: Record<string, string> = {
  '/api/v1/nodes': 'nodes.json',
  '/api/v1/pods': 'pods.json',
  '/apis/argoproj.io/v1alpha1/rollouts': 'rollouts.json',
  '/apis/argoproj.io/v1alpha1/analysisruns': 'analysisruns.json',
  '/apis/flagger.app/v1beta1/canaries': 'canaries.json',
};

/**
 * The two synthetic demo clusters (`gpu-prod-eu`, `gpu-staging-us`) as lists
 * per API path, for the fake Kubernetes API.
 *
 * @public
 */
export function demoClusters(): Record<string, FakeCluster> {
  return Object.fromEntries(
    fixture<string[]>('kubernetes/clusters.json').map(cluster => [
      cluster,
      Object.fromEntries(
        Object.entries(RESOURCES).map(([path, file]) => [path, fixture<FakeKubernetesList>(`kubernetes/${cluster}/${file}`)]),
      ),
    ]),
  );
}

/** The synthetic DCGM exporter answers of the demo Prometheus, by PromQL. @public */
export function demoPrometheusAnswers(): Record<string, FakePrometheusAnswer> {
  return {
    DCGM_FI_DEV_GPU_UTIL: fixture('prometheus/dcgm-gpu-util.json'),
    DCGM_FI_DEV_FB_USED: fixture('prometheus/dcgm-fb-used.json'),
  };
}

/** The synthetic demo MLflow: experiment `fraud-detection`, its runs, histories and registered model. @public */
export function demoMlflowDataset(): FakeMlflowDataset {
  return {
    experiments: [fixture<{ experiment: ExperimentJson }>('mlflow/experiments-get-by-name.json').experiment],
    runs: fixture<{ runs: RunJson[] }>('mlflow/runs-search.json').runs,
    metricHistories: fixture('mlflow/metric-histories.json'),
    registeredModels: [fixture<{ registered_model: RegisteredModelJson }>('mlflow/registered-models-get.json').registered_model],
    modelVersions: fixture<{ model_versions: ModelVersionJson[] }>('mlflow/model-versions-search.json').model_versions,
  };
}
