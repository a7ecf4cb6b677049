import {
  CanaryPhase,
  CanaryRollout,
  CanaryStep,
} from '@mlops-portal/plugin-mlops-common';
import { KubernetesConditions, conditionsOf } from '../kubernetes/conditions';
import { objectIdentity } from '../kubernetes/objects';

/** The parts of a `flagger.app/v1beta1` Canary the canary card reads. */
export interface FlaggerCanaryLike {
  metadata?: { name?: string; namespace?: string };
  spec?: {
    suspend?: boolean;
    analysis?: {
      threshold?: number;
      maxWeight?: number;
      stepWeight?: number;
      stepWeights?: number[];
      iterations?: number;
      metrics?: Array<{
        name?: string;
        thresholdRange?: { min?: number; max?: number };
      }>;
    };
  };
  status?: {
    phase?: string;
    canaryWeight?: number;
    iterations?: number;
    failedChecks?: number;
    lastAppliedSpec?: string;
    lastPromotedSpec?: string;
    conditions?: KubernetesConditions;
  };
}

function phaseOf(phase: string | undefined): CanaryPhase {
  switch (phase) {
    case 'Initialized':
    case 'Succeeded':
      return 'healthy';
    case 'Progressing':
    case 'Promoting':
    case 'Finalising':
    case 'Initializing':
      return 'progressing';
    case 'Waiting':
    case 'WaitingPromotion':
      return 'paused';
    case 'Failed':
      return 'aborted';
    case 'Terminating':
    case 'Terminated':
      return 'degraded';
    default:
      return 'unknown';
  }
}

/** Flagger's weight schedule: `stepWeights`, or `stepWeight` up to `maxWeight`. */
function weightSteps(
  analysis: NonNullable<FlaggerCanaryLike['spec']>['analysis'],
): number[] {
  if (analysis?.stepWeights?.length) return analysis.stepWeights;
  const step = analysis?.stepWeight;
  const max = analysis?.maxWeight ?? 100;
  if (!step || step <= 0) return [];
  const weights: number[] = [];
  for (let w = step; w <= max && weights.length < 100; w += step)
    weights.push(w);
  return weights;
}

/** Normalises a Flagger Canary into the shape the canary card shows. */
export function normalizeFlaggerCanary(
  cluster: string,
  canary: FlaggerCanaryLike,
): CanaryRollout {
  const analysis = canary.spec?.analysis;
  const status = canary.status ?? {};
  const phase = phaseOf(status.phase);
  const weights = weightSteps(analysis);
  const steps: CanaryStep[] = weights.map((weight, index) => ({
    index,
    kind: 'setWeight',
    weight,
    description: `set weight ${weight}%`,
  }));
  const metrics = (analysis?.metrics ?? []).map(metric => {
    const range = metric.thresholdRange ?? {};
    const bounds = [
      range.min !== undefined ? `min ${range.min}` : undefined,
      range.max !== undefined ? `max ${range.max}` : undefined,
    ].filter(Boolean);
    return {
      name: metric.name ?? '',
      phase: status.phase ?? 'Unknown',
      ...(bounds.length ? { condition: bounds.join(', ') } : {}),
      failed: status.failedChecks ?? 0,
      ...(analysis?.threshold !== undefined
        ? { failureLimit: analysis.threshold }
        : {}),
    };
  });
  const currentWeight = status.canaryWeight ?? 0;
  const reached = weights.filter(w => w <= currentWeight).length;
  return {
    ...objectIdentity(cluster, canary.metadata),
    source: 'flagger',
    phase,
    ...(status.phase ? { rawPhase: status.phase } : {}),
    ...(weights.length
      ? { currentStepIndex: phase === 'healthy' ? weights.length : reached }
      : {}),
    steps,
    currentWeight,
    desiredWeight: weights[weights.length - 1] ?? analysis?.maxWeight ?? 100,
    paused: phase === 'paused' || canary.spec?.suspend === true,
    aborted: status.phase === 'Failed',
    ...(status.lastPromotedSpec
      ? { stableRevision: status.lastPromotedSpec }
      : {}),
    ...(status.lastAppliedSpec
      ? { canaryRevision: status.lastAppliedSpec }
      : {}),
    ...(status.iterations !== undefined
      ? { iterations: status.iterations }
      : {}),
    ...(status.failedChecks !== undefined
      ? { failedChecks: status.failedChecks }
      : {}),
    ...(analysis?.threshold !== undefined
      ? { failedChecksThreshold: analysis.threshold }
      : {}),
    analysisRuns: metrics.length
      ? [
          {
            name: `${canary.metadata?.name ?? 'canary'} analysis`,
            phase: status.phase ?? 'Unknown',
            metrics,
          },
        ]
      : [],
    conditions: conditionsOf(status.conditions),
  };
}
