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
 * Every option value appears in at least one combination: both storages (and
 * MinIO deployed in the cluster), both GitOps engines, all three canary
 * choices, the three servings, the four orchestration choices, eksctl and
 * Terraform (with and without its add-ons), GitHub and GitLab, both MLflow
 * exposures, GPU on (including min 0) and off, observability with and without
 * GPU metrics; three "everything on" combinations turn on every choice that
 * can go together.
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
  {
    // A gitlab.com project: GitLab CI instead of GitHub Actions, published with publish:gitlab.
    id: 'gitlab-ci-argocd-rollouts-observability',
    values: {
      ...baseValues,
      repoUrl: 'gitlab.com?owner=acme&repo=fraud-detection',
      canary: 'argo-rollouts',
      observability: true,
    },
  },
  {
    // Data and processing on Argo CD: MinIO deployed in the cluster (operator + tenant), Spark and Flink operators.
    id: 'minio-deploy-spark-flink-argocd',
    values: {
      ...baseValues,
      storage: 'minio',
      minioEndpoint: 'http://minio.minio.svc.cluster.local',
      minioDeploy: true,
      sparkOperator: true,
      flinkOperator: true,
    },
  },
  {
    // Spark and Flink on Flux (their operators are Flux HelmReleases of the cluster layer) with S3 storage and Kafka (the Flink docs say how to read its topic).
    id: 'spark-flink-kafka-flux-s3',
    values: {
      ...baseValues,
      gitopsEngine: 'flux',
      streaming: true,
      sparkOperator: true,
      flinkOperator: true,
    },
  },
  {
    // Flyte on Argo CD with S3: flyte-binary chart, its PostgreSQL, the bucket as its blob store.
    id: 'flyte-argocd-s3',
    values: { ...baseValues, orchestration: 'flyte' },
  },
  {
    // Kubeflow Pipelines on Flux with MinIO: upstream manifests through a GitRepository and Kustomizations.
    id: 'kubeflow-flux-minio',
    values: {
      ...baseValues,
      storage: 'minio',
      minioEndpoint: 'http://minio.minio.svc.cluster.local:9000',
      gitopsEngine: 'flux',
      orchestration: 'kubeflow',
    },
  },
  {
    // KServe InferenceService (Standard mode, cert-manager) on Argo CD with S3.
    id: 'kserve-argocd-s3',
    values: { ...baseValues, serving: 'kserve' },
  },
  {
    // Ray Serve (RayService) and Ray training with GPU workers on Flux with MinIO: one KubeRay operator for both.
    id: 'ray-serve-ray-training-gpu-flux-minio',
    values: {
      ...baseValues,
      gpuEnabled: true,
      gpuInstanceType: 'g5.xlarge',
      gpuMinSize: 0,
      gpuMaxSize: 2,
      storage: 'minio',
      minioEndpoint: 'http://minio.minio.svc.cluster.local:9000',
      gitopsEngine: 'flux',
      serving: 'ray-serve',
      rayTraining: true,
    },
  },
  {
    // Ray training (CPU workers only) next to the MLflow model server Deployment under an Argo Rollouts canary.
    id: 'ray-training-deployment-rollouts-argocd',
    values: {
      ...baseValues,
      canary: 'argo-rollouts',
      observability: true,
      serving: 'deployment',
      rayTraining: true,
    },
  },
  {
    // Terraform with every infrastructure add-on: the S3 bucket from Terraform
    // (no Crossplane bucket), RDS for MLflow, Karpenter and the night-time GPU
    // scale-to-zero, on Flux.
    id: 'terraform-s3-gpu-karpenter-scale-to-zero-rds-flux',
    values: {
      ...baseValues,
      infrastructure: 'terraform',
      rdsBackendStore: true,
      karpenter: true,
      gpuScaleToZero: true,
      gpuEnabled: true,
      gpuInstanceType: 'g4dn.2xlarge',
      gpuMinSize: 0,
      gpuMaxSize: 3,
      gitopsEngine: 'flux',
    },
  },
  {
    // Terraform without any add-on and MinIO: Crossplane keeps the MinIO bucket.
    id: 'terraform-minio-argocd',
    values: {
      ...baseValues,
      infrastructure: 'terraform',
      storage: 'minio',
      minioEndpoint: 'http://minio.minio.svc.cluster.local:9000',
    },
  },
  {
    // Everything on, with Terraform and Flagger: every infrastructure add-on,
    // MinIO deployed in the cluster, Flux + Flagger around the MLflow model
    // server, observability, Airflow, Kafka, Spark, Flink and Ray training.
    id: 'everything-on-terraform-minio-flux-flagger-airflow',
    values: {
      ...baseValues,
      system: 'system:default/payments',
      infrastructure: 'terraform',
      rdsBackendStore: true,
      karpenter: true,
      gpuScaleToZero: true,
      gpuEnabled: true,
      gpuInstanceType: 'g5.xlarge',
      gpuMinSize: 0,
      gpuMaxSize: 4,
      storage: 'minio',
      minioEndpoint: 'http://minio.minio.svc.cluster.local',
      minioDeploy: true,
      gitopsEngine: 'flux',
      canary: 'flagger',
      serving: 'deployment',
      observability: true,
      orchestration: 'airflow',
      streaming: true,
      sparkOperator: true,
      flinkOperator: true,
      rayTraining: true,
      mlflowExposure: 'ingress',
      mlflowHost: 'mlflow.internal.example.org',
    },
  },
  {
    // Everything on for a gitlab.com project on Argo CD with KServe (which
    // rules out a canary) and Kubeflow Pipelines.
    id: 'everything-on-gitlab-terraform-s3-argocd-kserve-kubeflow',
    values: {
      ...baseValues,
      repoUrl: 'gitlab.com?owner=acme&repo=fraud-detection',
      infrastructure: 'terraform',
      rdsBackendStore: true,
      karpenter: true,
      gpuScaleToZero: true,
      gpuEnabled: true,
      gpuInstanceType: 'g4dn.xlarge',
      gpuMinSize: 0,
      gpuMaxSize: 2,
      gitopsEngine: 'argocd',
      canary: 'none',
      serving: 'kserve',
      observability: true,
      orchestration: 'kubeflow',
      streaming: true,
      sparkOperator: true,
      flinkOperator: true,
      rayTraining: true,
      mlflowExposure: 'ingress',
      mlflowHost: 'mlflow.fraud-detection.example.com',
      createExperiment: true,
    },
  },
  {
    // Everything on with eksctl, Flux, Ray Serve and Flyte on in-cluster MinIO.
    id: 'everything-on-eksctl-minio-flux-ray-serve-flyte',
    values: {
      ...baseValues,
      gpuEnabled: true,
      gpuInstanceType: 'g6.xlarge',
      gpuMinSize: 1,
      gpuMaxSize: 3,
      storage: 'minio',
      minioEndpoint: 'http://minio.minio.svc.cluster.local',
      minioDeploy: true,
      gitopsEngine: 'flux',
      canary: 'none',
      serving: 'ray-serve',
      observability: true,
      orchestration: 'flyte',
      streaming: true,
      sparkOperator: true,
      flinkOperator: true,
      rayTraining: true,
      mlflowExposure: 'nodeport',
      openPlatformPullRequest: true,
    },
  },
];
