import type { JsonObject } from '@backstage/types';

/** Where the example project's repository content lives in this repository. */
export const EXAMPLE_DIR = 'examples/fraud-detection';

/** The template the example project is generated from. */
export const EXAMPLE_TEMPLATE = 'mlops-platform-versioning';

/**
 * The "Create new ML project" form answers that produce the example project,
 * matching the `fraud-detection` entity of examples/ml-platform.yaml and the
 * demo profile's recorded clusters and model.
 */
export const exampleValues = {
  name: 'fraud-detection',
  description:
    'Scores card transactions for fraud; trained with a DVC pipeline and tracked in MLflow.',
  owner: 'group:default/ml-team',
  system: 'system:default/ml-platform',
  repoUrl: 'github.com?owner=example-org&repo=fraud-detection',
  awsRegion: 'eu-west-1',
  clusterName: 'gpu-prod-eu',
  gpuEnabled: true,
  gpuInstanceType: 'g5.xlarge',
  gpuMinSize: 0,
  gpuMaxSize: 3,
  storage: 's3',
  bucketName: 'example-fraud-detection-artifacts',
  gitopsEngine: 'argocd',
  canary: 'argo-rollouts',
  observability: true,
  orchestration: 'none',
  mlflowExposure: 'ingress',
  mlflowHost: 'mlflow.example.com',
  createExperiment: false,
  openPlatformPullRequest: false,
} satisfies JsonObject;

/**
 * The pipeline's committed outputs, written by running it (not by the
 * template): `cache: false` metrics and plots, and dvc.lock. Paths relative
 * to EXAMPLE_DIR.
 */
export const PIPELINE_DIR = 'data-plane/dvc';
