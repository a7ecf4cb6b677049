import type { JsonObject } from '@backstage/types';

/** Form values every combination shares, as the form would send them. */
export const baseValues = {
  name: 'fraud-detection',
  description: 'Flags fraudulent card payments: "high recall" model',
  owner: 'group:default/ml-team',
  repoUrl: 'github.com?owner=acme&repo=fraud-detection',
  awsRegion: 'eu-west-1',
  clusterName: 'ml-platform',
  gpuEnabled: false,
  storage: 's3',
  bucketName: 'acme-fraud-detection-artifacts',
  gitopsEngine: 'argocd',
  canary: 'none',
  mlflowExposure: 'nodeport',
  observability: false,
  orchestration: 'none',
  streaming: false,
  createExperiment: false,
  openPlatformPullRequest: false,
} satisfies JsonObject;

/** A named set of form choices and what it must (and must not) produce. */
export interface Combination {
  id: string;
  values: JsonObject;
}

/**
 * Every option value appears in at least one combination: both storages, both
 * GitOps engines, all three canary choices, both MLflow exposures, GPU on
 * (including min 0) and off, observability with and without GPU metrics.
 */
export const combinations: Combination[] = [
  {
    id: 's3-argocd-rollouts-ingress-gpu',
    values: {
      ...baseValues,
      gpuEnabled: true,
      gpuInstanceType: 'g5.xlarge',
      gpuMinSize: 0,
      gpuMaxSize: 3,
      canary: 'argo-rollouts',
      observability: true,
      orchestration: 'airflow',
      streaming: true,
      mlflowExposure: 'ingress',
      mlflowHost: 'mlflow.fraud-detection.example.com',
    },
  },
  {
    id: 's3-argocd-none-nodeport',
    values: { ...baseValues },
  },
  {
    // Every choice on: GPU, MinIO, Flux + Flagger, observability, Airflow, Kafka, MLflow ingress.
    id: 'everything-on-minio-flux-flagger',
    values: {
      ...baseValues,
      system: 'system:default/payments',
      gpuEnabled: true,
      gpuInstanceType: 'g4dn.xlarge',
      gpuMinSize: 1,
      gpuMaxSize: 4,
      storage: 'minio',
      minioEndpoint: 'http://minio.minio.svc.cluster.local:9000',
      gitopsEngine: 'flux',
      canary: 'flagger',
      observability: true,
      orchestration: 'airflow',
      streaming: true,
      mlflowExposure: 'ingress',
      mlflowHost: 'mlflow.internal.example.org',
    },
  },
  {
    id: 'minio-flux-rollouts-nodeport',
    values: {
      ...baseValues,
      storage: 'minio',
      minioEndpoint: 'https://minio.storage.example.org:9443',
      gitopsEngine: 'flux',
      canary: 'argo-rollouts',
      observability: true,
    },
  },
];
