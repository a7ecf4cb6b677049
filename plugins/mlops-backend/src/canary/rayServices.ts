import {
  CanaryPhase,
  CanaryRollout,
  CanaryServeApplication,
} from '@mlops-portal/plugin-mlops-common';
import { KubernetesConditions, conditionsOf } from '../kubernetes/conditions';
import { KubernetesMetadata, objectIdentity } from '../kubernetes/objects';

interface RayServiceStatusLike {
  rayClusterName?: string;
  trafficRoutedPercent?: number;
  targetCapacity?: number;
  applicationStatuses?: Record<string, { status?: string; message?: string }>;
}

interface RayContainerLike {
  name?: string;
  env?: Array<{ name?: string; value?: string }>;
}

/** The parts of a KubeRay `ray.io/v1` RayService the canary card reads. */
export interface RayServiceLike {
  metadata?: KubernetesMetadata;
  spec?: {
    upgradeStrategy?: { type?: string };
    rayClusterConfig?: {
      workerGroupSpecs?: Array<{
        template?: { spec?: { containers?: RayContainerLike[] } };
      }>;
      headGroupSpec?: {
        template?: { spec?: { containers?: RayContainerLike[] } };
      };
    };
  };
  status?: {
    conditions?: KubernetesConditions;
    serviceStatus?: string;
    activeServiceStatus?: RayServiceStatusLike;
    pendingServiceStatus?: RayServiceStatusLike;
  };
}

const FAILED_APP = new Set(['DEPLOY_FAILED', 'UNHEALTHY']);

/** `MODEL_NAME` / `MODEL_VERSION` of the cluster's containers (what the template sets on the workers). */
function servedModel(spec: RayServiceLike['spec']): {
  modelName?: string;
  modelVersion?: string;
} {
  const config = spec?.rayClusterConfig;
  const containers = [
    ...(config?.workerGroupSpecs ?? []).flatMap(
      g => g.template?.spec?.containers ?? [],
    ),
    ...(config?.headGroupSpec?.template?.spec?.containers ?? []),
  ];
  const env = (name: string) =>
    containers
      .flatMap(c => c.env ?? [])
      .find(e => e.name === name && e.value !== undefined)?.value;
  const modelName = env('MODEL_NAME');
  const modelVersion = env('MODEL_VERSION');
  return {
    ...(modelName ? { modelName } : {}),
    ...(modelVersion ? { modelVersion } : {}),
  };
}

const applicationsOf = (
  status: RayServiceStatusLike | undefined,
): CanaryServeApplication[] =>
  Object.entries(status?.applicationStatuses ?? {})
    .map(([name, app]) => ({
      name,
      status: app.status ?? 'UNKNOWN',
      ...(app.message ? { message: app.message } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));

/**
 * Normalises a RayService. A new cluster config makes KubeRay start a
 * pending cluster and move the traffic to it once its applications run
 * (at once for `NewCluster`, in steps of `trafficRoutedPercent` for the
 * incremental upgrade); the spec then describes the pending cluster, so the
 * served model version read from it is the one being rolled out.
 */
export function normalizeRayService(
  cluster: string,
  service: RayServiceLike,
): CanaryRollout {
  const status = service.status ?? {};
  const conditions = conditionsOf(status.conditions);
  const condition = (type: string) =>
    conditions.find(c => c.type === type)?.status;
  const active = status.activeServiceStatus;
  const pending = status.pendingServiceStatus?.rayClusterName
    ? status.pendingServiceStatus
    : undefined;
  const upgrading =
    condition('UpgradeInProgress') === 'True' || pending !== undefined;
  const applications = applicationsOf(pending ?? active);
  const failedApp = applications.find(a => FAILED_APP.has(a.status));
  const ready = condition('Ready');
  let phase: CanaryPhase = 'unknown';
  if (failedApp) phase = 'degraded';
  else if (upgrading) phase = 'progressing';
  else if (ready === 'True') phase = 'healthy';
  else if (ready === 'False') phase = 'degraded';
  else if (ready === 'Unknown') phase = 'progressing';
  const settledWeight = ready === 'True' ? 100 : 0;
  const currentWeight = pending
    ? pending.trafficRoutedPercent ?? 0
    : settledWeight;
  const message = failedApp
    ? `application ${failedApp.name} ${failedApp.status}${
        failedApp.message ? `: ${failedApp.message}` : ''
      }`
    : conditions.find(
        c =>
          c.type === (upgrading ? 'UpgradeInProgress' : 'Ready') && c.message,
      )?.message;
  const strategy = service.spec?.upgradeStrategy?.type;
  return {
    ...objectIdentity(cluster, service.metadata),
    source: 'ray-serve',
    phase,
    ...(status.serviceStatus || strategy
      ? {
          rawPhase: [
            status.serviceStatus,
            strategy ? `upgrade ${strategy}` : undefined,
          ]
            .filter(Boolean)
            .join(', '),
        }
      : {}),
    ...(message ? { message } : {}),
    steps: [],
    currentWeight,
    ...(pending?.trafficRoutedPercent !== undefined
      ? { actualWeight: pending.trafficRoutedPercent }
      : {}),
    desiredWeight: 100,
    paused: false,
    aborted: false,
    ...(active?.rayClusterName
      ? {
          activeCluster: active.rayClusterName,
          stableRevision: active.rayClusterName,
        }
      : {}),
    ...(pending?.rayClusterName
      ? {
          pendingCluster: pending.rayClusterName,
          canaryRevision: pending.rayClusterName,
        }
      : {}),
    ...servedModel(service.spec),
    serveApplications: applications,
    analysisRuns: [],
    conditions,
  };
}
