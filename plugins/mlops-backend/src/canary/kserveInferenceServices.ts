import {
  CanaryPhase,
  CanaryRollout,
  CanaryStep,
} from '@mlops-portal/plugin-mlops-common';
import { KubernetesConditions, conditionsOf } from '../kubernetes/conditions';
import { KubernetesMetadata, objectIdentity } from '../kubernetes/objects';

/** The parts of a KServe `serving.kserve.io/v1beta1` InferenceService the canary card reads. */
export interface KserveInferenceServiceLike {
  metadata?: KubernetesMetadata & { annotations?: Record<string, string> };
  spec?: {
    predictor?: {
      /** Knative mode: the share of traffic the latest revision gets; the rest stays on the previous one. */
      canaryTrafficPercent?: number;
      model?: { storageUri?: string };
      storageUri?: string;
    };
  };
  status?: {
    conditions?: KubernetesConditions;
    deploymentMode?: string;
    components?: Record<
      string,
      {
        latestReadyRevision?: string;
        latestCreatedRevision?: string;
        latestRolledoutRevision?: string;
        previousRolledoutRevision?: string;
        traffic?: Array<{
          revisionName?: string;
          percent?: number;
          latestRevision?: boolean;
          tag?: string;
        }>;
      }
    >;
    modelStatus?: {
      transitionStatus?: string;
      lastFailureInfo?: { reason?: string; message?: string };
    };
  };
}

/**
 * `s3://bucket/models/<name>/<version>` (what the template writes) gives the
 * model's name and version; any other URI gives neither.
 */
export function modelOfStorageUri(uri: string | undefined): {
  modelName?: string;
  modelVersion?: string;
} {
  const match = uri?.match(/\/models\/([^/]+)\/([^/]+)\/?$/);
  return match ? { modelName: match[1], modelVersion: match[2] } : {};
}

function phaseOf(
  ready: string | undefined,
  canary: boolean,
  failed: boolean,
): CanaryPhase {
  if (failed) return 'aborted';
  if (ready === 'False') return 'degraded';
  if (ready === 'Unknown' || canary) return 'progressing';
  if (ready === 'True') return 'healthy';
  return 'unknown';
}

/**
 * Normalises an InferenceService's predictor. In Knative (Serverless) mode
 * the latest revision takes `canaryTrafficPercent` of the traffic until the
 * percent is removed; in Standard (raw) mode there is no split, the new
 * version replaces the old one as a Deployment rolls.
 */
export function normalizeKserveInferenceService(
  cluster: string,
  isvc: KserveInferenceServiceLike,
): CanaryRollout {
  const predictor = isvc.status?.components?.predictor ?? {};
  const conditions = conditionsOf(isvc.status?.conditions);
  const ready = conditions.find(c => c.type === 'Ready');
  const latestTraffic = (predictor.traffic ?? []).find(t => t.latestRevision);
  const percent = isvc.spec?.predictor?.canaryTrafficPercent;
  const inSplit =
    latestTraffic?.percent !== undefined && latestTraffic.percent < 100;
  const failed =
    isvc.status?.modelStatus?.transitionStatus === 'BlockedByFailedLoad' ||
    (predictor.latestCreatedRevision !== undefined &&
      predictor.latestReadyRevision !== predictor.latestCreatedRevision &&
      ready?.status === 'False');
  const phase = phaseOf(ready?.status, inSplit, failed);
  const currentWeight =
    latestTraffic?.percent ?? (ready?.status === 'True' ? 100 : 0);
  const steps: CanaryStep[] =
    percent !== undefined
      ? [
          {
            index: 0,
            kind: 'setWeight',
            weight: percent,
            description: `canaryTrafficPercent ${percent}%`,
          },
          {
            index: 1,
            kind: 'setWeight',
            weight: 100,
            description: 'promote (remove canaryTrafficPercent)',
          },
        ]
      : [];
  const storageUri =
    isvc.spec?.predictor?.model?.storageUri ?? isvc.spec?.predictor?.storageUri;
  const stableRevision = inSplit
    ? predictor.previousRolledoutRevision ??
      (predictor.traffic ?? []).find(t => !t.latestRevision)?.revisionName
    : predictor.latestRolledoutRevision ?? predictor.latestReadyRevision;
  const canaryRevision =
    inSplit || failed ? predictor.latestCreatedRevision : undefined;
  const failure = isvc.status?.modelStatus?.lastFailureInfo;
  let message: string | undefined;
  if (failed) message = failure?.message ?? ready?.message;
  else if (ready?.status !== 'True') message = ready?.message;
  return {
    ...objectIdentity(cluster, isvc.metadata),
    source: 'kserve',
    phase,
    ...(ready
      ? {
          rawPhase: `Ready ${ready.status}${
            ready.reason ? ` (${ready.reason})` : ''
          }`,
        }
      : {}),
    ...(message ? { message } : {}),
    ...(steps.length ? { currentStepIndex: inSplit ? 0 : steps.length } : {}),
    steps,
    currentWeight,
    desiredWeight: 100,
    paused: false,
    aborted: phase === 'aborted',
    ...(stableRevision ? { stableRevision } : {}),
    ...(canaryRevision ? { canaryRevision } : {}),
    ...(storageUri ? { modelUri: storageUri } : {}),
    ...modelOfStorageUri(storageUri),
    analysisRuns: [],
    conditions,
  };
}
