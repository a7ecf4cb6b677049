import {
  CanaryAnalysisRun,
  CanaryPhase,
  CanaryRollout,
  CanaryStep,
} from '@mlops-portal/plugin-mlops-common';

import { KubernetesConditions, conditionsOf } from '../kubernetes/conditions';
import { objectIdentity } from '../kubernetes/objects';

/** The parts of an `argoproj.io/v1alpha1` Rollout the canary card reads. */
export interface ArgoRolloutLike {
  metadata?: { name?: string; namespace?: string; uid?: string };
  spec?: {
    paused?: boolean;
    template?: { metadata?: { labels?: Record<string, string> } };
    strategy?: {
      canary?: { steps?: Array<Record<string, unknown>> };
      blueGreen?: unknown;
    };
  };
  status?: {
    phase?: string;
    message?: string;
    abort?: boolean;
    currentStepIndex?: number;
    stableRS?: string;
    currentPodHash?: string;
    pauseConditions?: unknown[];
    canary?: { weights?: { canary?: { weight?: number } } };
    conditions?: KubernetesConditions;
  };
}

/** The parts of an `argoproj.io/v1alpha1` AnalysisRun the canary card reads. */
export interface ArgoAnalysisRunLike {
  metadata?: {
    name?: string;
    creationTimestamp?: string;
    ownerReferences?: Array<{ kind?: string; name?: string; uid?: string }>;
  };
  spec?: {
    metrics?: Array<{
      name?: string;
      successCondition?: string;
      failureCondition?: string;
      failureLimit?: number | string;
    }>;
  };
  status?: {
    phase?: string;
    startedAt?: string;
    metricResults?: Array<{
      name?: string;
      phase?: string;
      successful?: number;
      failed?: number;
      error?: number;
      inconclusive?: number;
      message?: string;
      measurements?: Array<{ value?: string }>;
    }>;
  };
}

/** `5m`, `30s`, `1h` or a number of seconds, as Argo accepts for pause durations. */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+)(s|m|h)?$/.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * ({ s: 1, m: 60, h: 3600 }[match[2] ?? 's'] ?? 1);
}

function toStep(step: Record<string, unknown>, index: number): CanaryStep {
  if (typeof step.setWeight === 'number') {
    return {
      index,
      kind: 'setWeight',
      weight: step.setWeight,
      description: `set weight ${step.setWeight}%`,
    };
  }
  if ('pause' in step) {
    const pause = (step.pause ?? {}) as { duration?: unknown };
    const seconds = durationSeconds(pause.duration);
    return {
      index,
      kind: 'pause',
      ...(seconds !== undefined ? { durationSeconds: seconds } : {}),
      description:
        seconds !== undefined
          ? `pause ${String(pause.duration)}`
          : 'pause until promoted',
    };
  }
  if ('analysis' in step) {
    const templates = (
      (step.analysis as { templates?: Array<{ templateName?: string }> })
        ?.templates ?? []
    )
      .map(t => t.templateName)
      .filter(Boolean);
    return {
      index,
      kind: 'analysis',
      description: `analysis ${templates.join(', ')}`.trim(),
    };
  }
  if ('experiment' in step)
    return { index, kind: 'experiment', description: 'experiment' };
  return { index, kind: 'other', description: Object.keys(step)[0] ?? 'step' };
}

function phaseOf(rollout: ArgoRolloutLike): CanaryPhase {
  const status = rollout.status ?? {};
  if (status.abort) return 'aborted';
  switch (status.phase) {
    case 'Healthy':
      return 'healthy';
    case 'Progressing':
      return 'progressing';
    case 'Paused':
      return 'paused';
    case 'Degraded':
      return 'degraded';
    default:
      return 'unknown';
  }
}

/** Argo measurement values are JSON-ish strings such as `[0.9962]` or `0.25`. */
function measuredValue(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(/-?\d+(\.\d+)?(e-?\d+)?/i.exec(value)?.[0]);
  return Number.isFinite(number) ? number : undefined;
}

export function normalizeAnalysisRun(
  run: ArgoAnalysisRunLike,
): CanaryAnalysisRun {
  const specs = new Map((run.spec?.metrics ?? []).map(m => [m.name, m]));
  return {
    name: run.metadata?.name ?? '',
    phase: run.status?.phase ?? 'Pending',
    ...(run.status?.startedAt ?? run.metadata?.creationTimestamp
      ? { startedAt: run.status?.startedAt ?? run.metadata?.creationTimestamp }
      : {}),
    metrics: (run.status?.metricResults ?? []).map(result => {
      const spec = specs.get(result.name);
      const last = result.measurements?.[result.measurements.length - 1];
      const value = measuredValue(last?.value);
      const limit =
        spec?.failureLimit === undefined
          ? undefined
          : Number(spec.failureLimit);
      return {
        name: result.name ?? '',
        phase: result.phase ?? 'Running',
        ...(value !== undefined ? { value } : {}),
        ...(spec?.successCondition || spec?.failureCondition
          ? {
              condition:
                spec.successCondition ?? `not (${spec.failureCondition})`,
            }
          : {}),
        successful: result.successful ?? 0,
        failed: result.failed ?? 0,
        ...(limit !== undefined && Number.isFinite(limit)
          ? { failureLimit: limit }
          : {}),
        ...(result.message ? { message: result.message } : {}),
      };
    }),
  };
}

/** Analysis runs owned by the rollout, newest first. */
export function ownedAnalysisRuns(
  rollout: ArgoRolloutLike,
  runs: ArgoAnalysisRunLike[],
  limit = 5,
) {
  return runs
    .filter(run =>
      (run.metadata?.ownerReferences ?? []).some(
        ref =>
          ref.kind === 'Rollout' &&
          (rollout.metadata?.uid
            ? ref.uid === rollout.metadata.uid
            : ref.name === rollout.metadata?.name),
      ),
    )
    .sort((a, b) =>
      (
        b.status?.startedAt ??
        b.metadata?.creationTimestamp ??
        ''
      ).localeCompare(
        a.status?.startedAt ?? a.metadata?.creationTimestamp ?? '',
      ),
    )
    .slice(0, limit);
}

/** Normalises an Argo Rollout (canary strategy) and its analysis runs. */
export function normalizeArgoRollout(
  cluster: string,
  rollout: ArgoRolloutLike,
  runs: ArgoAnalysisRunLike[],
): CanaryRollout {
  const status = rollout.status ?? {};
  const steps = (rollout.spec?.strategy?.canary?.steps ?? []).map(toStep);
  const index = status.currentStepIndex ?? steps.length;
  // The set weight is the last setWeight reached (the current step included,
  // Argo applies it on entering); past the last step the canary is at 100.
  const reached = steps.filter(s => s.kind === 'setWeight' && s.index <= index);
  const setWeight =
    index >= steps.length ? 100 : reached[reached.length - 1]?.weight ?? 0;
  const phase = phaseOf(rollout);
  const canaryRevision = status.currentPodHash;
  const stableRevision = status.stableRS;
  const modelVersion =
    rollout.spec?.template?.metadata?.labels?.['mlflow.org/model-version'];
  const actualWeight = status.canary?.weights?.canary?.weight;
  return {
    ...objectIdentity(cluster, rollout.metadata),
    source: 'argo-rollouts',
    phase,
    ...(status.phase ? { rawPhase: status.phase } : {}),
    ...(status.message ? { message: status.message } : {}),
    currentStepIndex: index,
    steps,
    currentWeight: setWeight,
    ...(actualWeight !== undefined ? { actualWeight } : {}),
    desiredWeight: 100,
    paused:
      phase === 'paused' ||
      rollout.spec?.paused === true ||
      (status.pauseConditions?.length ?? 0) > 0,
    aborted: status.abort === true,
    ...(stableRevision ? { stableRevision } : {}),
    ...(canaryRevision ? { canaryRevision } : {}),
    ...(modelVersion ? { modelVersion } : {}),
    analysisRuns: ownedAnalysisRuns(rollout, runs).map(normalizeAnalysisRun),
    conditions: conditionsOf(status.conditions),
  };
}
