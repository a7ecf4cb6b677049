/** Where the project's DVC remote and MLflow artifacts live. @public */
export type MlProjectStorage = 's3' | 'minio';

/** How the project's cluster is created: eksctl ClusterConfigs or a Terraform root module. @public */
export type MlProjectInfrastructure = 'eksctl' | 'terraform';

/** Which GitOps controller deploys the project. @public */
export type MlProjectGitopsEngine = 'argocd' | 'flux';

/** Which progressive delivery controller runs canary rollouts. @public */
export type MlProjectCanary = 'argo-rollouts' | 'flagger' | 'none';

/**
 * What serves the registered model: the MLflow model server Deployment (which
 * the canary controllers wrap), a KServe InferenceService or a Ray Serve
 * RayService (which roll out new versions themselves). @public
 */
export type MlProjectServing = 'deployment' | 'kserve' | 'ray-serve';

/** How the project's MLflow server is reached. @public */
export type MlProjectMlflowExposure = 'ingress' | 'nodeport';

/**
 * The values of an ML project as a form or an API caller sends them. Every
 * field is `unknown` because the scaffolder API can be called without the
 * form; {@link validateMlProject} turns it into {@link MlProjectValues}.
 *
 * @public
 */
export type MlProjectInput = Partial<Record<keyof MlProjectValues, unknown>>;

/**
 * The normalised, validated values of an ML project: strings trimmed,
 * case-insensitive values lower-cased, GPU fields present only when GPUs are
 * enabled, `mlflowHost` only when MLflow is exposed through an ingress.
 *
 * @public
 */
export interface MlProjectValues {
  /** Project name; a DNS-1123 label (also the namespace and repo name). */
  name: string;
  description?: string;
  /** Owning group or user as an entity ref, e.g. `group:default/ml-team`. */
  owner?: string;
  awsRegion: string;
  /** EKS cluster name; a DNS-1123 label. */
  clusterName: string;
  gpuEnabled: boolean;
  gpuInstanceType?: string;
  gpuMinSize?: number;
  gpuMaxSize?: number;
  /** Infrastructure as code; absent means `eksctl`. */
  infrastructure?: MlProjectInfrastructure;
  /** RDS PostgreSQL as MLflow's backend store (Terraform only); present only when true. */
  rdsBackendStore?: boolean;
  /** Karpenter node autoscaling (Terraform only); present only when true. */
  karpenter?: boolean;
  /** Night-time scale-to-zero of GPU workloads (Terraform and GPUs only); present only when true. */
  gpuScaleToZero?: boolean;
  storage: MlProjectStorage;
  bucketName: string;
  gitopsEngine: MlProjectGitopsEngine;
  canary: MlProjectCanary;
  /** Model serving; absent means `deployment`. */
  serving?: MlProjectServing;
  /** Prometheus, Grafana and the DCGM exporter; present only when given (a canary needs it). */
  observability?: boolean;
  mlflowExposure: MlProjectMlflowExposure;
  mlflowHost?: string;
  /** Host of the project's repository, e.g. `github.com` or `gitlab.com`. */
  repoHost?: string;
  /** Whether to open the platform pull request (GitHub repositories only); present only when true. */
  openPlatformPullRequest?: boolean;
}

/** One rule an ML project's value breaks. @public */
export interface MlProjectFieldError {
  field: keyof MlProjectValues;
  message: string;
}

/** The outcome of {@link validateMlProject}. @public */
export type MlProjectValidationResult =
  | { valid: true; values: MlProjectValues }
  | { valid: false; errors: MlProjectFieldError[] };
