import { MlopsErrorBody } from './errors';
import { MlopsResponseMeta } from './meta';

/** Normalised phase of a rollout, across Argo Rollouts, Flagger, KServe and Ray Serve. @public */
export type CanaryPhase =
  | 'progressing'
  | 'paused'
  | 'degraded'
  | 'healthy'
  | 'aborted'
  | 'unknown';

/** A step of an Argo Rollouts canary strategy. @public */
export interface CanaryStep {
  index: number;
  kind: 'setWeight' | 'pause' | 'analysis' | 'experiment' | 'other';
  weight?: number;
  /** For `pause` with a duration; absent for an indefinite pause. */
  durationSeconds?: number;
  /** e.g. "set weight 20%", "pause 5m", "analysis success-rate". */
  description: string;
}

/** One metric of an analysis run, against its threshold. @public */
export interface CanaryAnalysisMetric {
  name: string;
  /** Successful, Failed, Error, Running, Inconclusive... */
  phase: string;
  /** Latest measured value, when numeric. */
  value?: number;
  /** `successCondition` (Argo) or `threshold min/max` (Flagger), as written. */
  condition?: string;
  successful?: number;
  failed?: number;
  failureLimit?: number;
  message?: string;
}

/** An Argo `AnalysisRun`, or a Flagger analysis iteration. @public */
export interface CanaryAnalysisRun {
  name: string;
  phase: string;
  startedAt?: string;
  metrics: CanaryAnalysisMetric[];
}

/** A Kubernetes-style status condition. @public */
export interface CanaryCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** Which controller a rollout comes from. @public */
export type CanarySource = 'argo-rollouts' | 'flagger' | 'kserve' | 'ray-serve';

/** A Ray Serve application of a RayService cluster, with its status. @public */
export interface CanaryServeApplication {
  name: string;
  /** Ray Serve's status: RUNNING, DEPLOYING, DEPLOY_FAILED, UNHEALTHY... */
  status: string;
  message?: string;
}

/**
 * One canary rollout, normalised from an Argo `Rollout`, a Flagger `Canary`,
 * a KServe `InferenceService` or a KubeRay `RayService`.
 * @public
 */
export interface CanaryRollout {
  cluster: string;
  namespace: string;
  name: string;
  source: CanarySource;
  phase: CanaryPhase;
  /** The controller's own phase string (e.g. `Progressing`, `Succeeded`). */
  rawPhase?: string;
  message?: string;
  /** Argo: 0-based index of the current step; equals steps.length when done. */
  currentStepIndex?: number;
  steps: CanaryStep[];
  /** Weight the controller is setting now (Argo setWeight / Flagger canaryWeight). */
  currentWeight: number;
  /** Weight actually observed on the traffic router (Argo), when reported. */
  actualWeight?: number;
  /** The weight the rollout is heading for at the end (100 for Argo, maxWeight for Flagger). */
  desiredWeight: number;
  paused: boolean;
  aborted: boolean;
  stableRevision?: string;
  canaryRevision?: string;
  /** Flagger: analysis iterations so far. */
  iterations?: number;
  /** Flagger: failed checks so far vs the threshold that rolls back. */
  failedChecks?: number;
  failedChecksThreshold?: number;
  /**
   * The registered model version the (canary) pods serve, when the object says:
   * the `mlflow.org/model-version` label (Argo Rollouts), the last segment of
   * KServe's `storageUri`, or Ray workers' `MODEL_VERSION`.
   */
  modelVersion?: string;
  /** The registered model's name, when the object says (KServe `storageUri`, Ray `MODEL_NAME`). */
  modelName?: string;
  /** KServe: the predictor's `storageUri`. */
  modelUri?: string;
  /** Ray Serve: the cluster serving now and the one being upgraded to. */
  activeCluster?: string;
  pendingCluster?: string;
  /** Ray Serve: the applications of the active cluster (of the pending one while upgrading). */
  serveApplications?: CanaryServeApplication[];
  analysisRuns: CanaryAnalysisRun[];
  conditions: CanaryCondition[];
}

/** `GET .../canary`. @public */
export interface CanaryResponse {
  rollouts: CanaryRollout[];
  /** Clusters that could not be read; the others are still listed. */
  clusterErrors: Array<{ cluster: string; error: MlopsErrorBody['error'] }>;
  meta: MlopsResponseMeta;
}
