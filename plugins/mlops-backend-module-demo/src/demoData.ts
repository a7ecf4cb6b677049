import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type {
  MlopsHeadCommit,
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
import type { SourceEdits } from './LocalDirSource';

/*
 * The demo profile's data: synthetic, made by the seeded generator
 * (`src/generator/`) in the shape of the real answers
 * (`src/fixtures/fixtures.test.ts` checks them against recordings and schemas).
 */

const fixture = <T>(relativePath: string): T =>
  JSON.parse(
    readFileSync(
      join(
        resolvePackagePath(
          '@mlops-portal/plugin-mlops-backend-module-demo',
          'src/fixtures',
        ),
        relativePath,
      ),
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
  // The reproducibility chain: the Argo CD Application and the Crossplane S3 resources.
  '/apis/argoproj.io/v1alpha1/applications': 'applications.json',
  '/apis/s3.aws.upbound.io/v1beta2/buckets': 'crossplane-buckets.json',
  '/apis/s3.aws.upbound.io/v1beta2/bucketversionings':
    'crossplane-bucketversionings.json',
  '/apis/s3.aws.upbound.io/v1beta1/bucketpublicaccessblocks':
    'crossplane-bucketpublicaccessblocks.json',
  '/apis/s3.aws.upbound.io/v1beta2/bucketserversideencryptionconfigurations':
    'crossplane-bucketserversideencryptionconfigurations.json',
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
        Object.entries(RESOURCES).map(([path, file]) => [
          path,
          fixture<FakeKubernetesList>(`kubernetes/${cluster}/${file}`),
        ]),
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
    experiments: [
      fixture<{ experiment: ExperimentJson }>(
        'mlflow/experiments-get-by-name.json',
      ).experiment,
    ],
    // The run of the head commit (the reproducibility chain's experiment link); the fake MLflow orders runs as runs/search does.
    runs: [
      ...fixture<{ runs: RunJson[] }>('mlflow/head-commit-runs.json').runs,
      ...fixture<{ runs: RunJson[] }>('mlflow/runs-search.json').runs,
    ],
    metricHistories: {
      ...fixture<FakeMlflowDataset['metricHistories']>(
        'mlflow/metric-histories.json',
      ),
      ...fixture<FakeMlflowDataset['metricHistories']>(
        'mlflow/head-commit-metric-histories.json',
      ),
    },
    registeredModels: [
      fixture<{ registered_model: RegisteredModelJson }>(
        'mlflow/registered-models-get.json',
      ).registered_model,
    ],
    modelVersions: fixture<{ model_versions: ModelVersionJson[] }>(
      'mlflow/model-versions-search.json',
    ).model_versions,
  };
}

/** The example repository's head commit and its checks, as the SCM status reader answers. @public */
export function demoHeadCommit(): MlopsHeadCommit {
  return fixture<MlopsHeadCommit>('scm/head.json');
}

/** The example project's files at older commits: edits per commit sha, and which sha is the head. @public */
export function demoCommitEdits(): {
  head: string;
  commits: Record<string, SourceEdits>;
} {
  return fixture('dvc/commit-edits.json');
}
