/**
 * MLOps API answers for the canary card: an Argo Rollout progressing at step
 * 3 of 6 (weight 20 → 100) serving model version 2 with an analysis run, and a
 * healthy Flagger Canary.
 */
import {
  CanaryResponse,
  CanaryRollout,
} from '@mlops-portal/plugin-mlops-common';

export const argoRollout: CanaryRollout = {
  cluster: 'prod-eu',
  namespace: 'fraud-detection',
  name: 'fraud-detection-serving',
  source: 'argo-rollouts',
  phase: 'progressing',
  rawPhase: 'Progressing',
  message: 'more replicas need to be updated',
  currentStepIndex: 2,
  steps: [
    { index: 0, kind: 'setWeight', weight: 20, description: 'set weight 20%' },
    { index: 1, kind: 'pause', durationSeconds: 300, description: 'pause 5m' },
    { index: 2, kind: 'analysis', description: 'analysis success-rate' },
    { index: 3, kind: 'setWeight', weight: 50, description: 'set weight 50%' },
    { index: 4, kind: 'pause', durationSeconds: 300, description: 'pause 5m' },
    {
      index: 5,
      kind: 'setWeight',
      weight: 100,
      description: 'set weight 100%',
    },
  ],
  currentWeight: 20,
  actualWeight: 20,
  desiredWeight: 100,
  paused: false,
  aborted: false,
  stableRevision: '6d4b9c7f8',
  canaryRevision: '7f5c8d9b6',
  modelVersion: '2',
  analysisRuns: [
    {
      name: 'fraud-detection-serving-7f5c8d9b6-3',
      phase: 'Running',
      startedAt: '2026-11-25T09:58:00Z',
      metrics: [
        {
          name: 'success-rate',
          phase: 'Successful',
          value: 0.991,
          condition: 'result[0] >= 0.95',
          successful: 3,
          failed: 0,
          failureLimit: 2,
        },
        {
          name: 'p95-latency-ms',
          phase: 'Failed',
          value: 412,
          condition: 'result[0] < 300',
          successful: 1,
          failed: 2,
          failureLimit: 2,
          message: 'metric "p95-latency-ms" assessed Failed',
        },
      ],
    },
  ],
  conditions: [
    {
      type: 'Progressing',
      status: 'True',
      reason: 'ReplicaSetUpdated',
      message: 'ReplicaSet "fraud-detection-serving-7f5c8d9b6" is progressing.',
    },
  ],
};

export const flaggerCanary: CanaryRollout = {
  cluster: 'prod-eu',
  namespace: 'fraud-detection',
  name: 'fraud-detection-batch',
  source: 'flagger',
  phase: 'healthy',
  rawPhase: 'Succeeded',
  steps: [],
  currentWeight: 0,
  desiredWeight: 50,
  paused: false,
  aborted: false,
  iterations: 10,
  failedChecks: 0,
  failedChecksThreshold: 5,
  analysisRuns: [],
  conditions: [],
};

const meta = { demo: false, fetchedAt: '2026-11-25T10:00:00.000Z' };

/** One rollout still progressing: the card keeps refreshing. */
export const canaryProgressing: CanaryResponse = {
  rollouts: [argoRollout, flaggerCanary],
  clusterErrors: [],
  meta,
};

/** The same rollouts once the Argo one finished: refreshing stops. */
export const canaryDone: CanaryResponse = {
  rollouts: [
    {
      ...argoRollout,
      phase: 'healthy',
      rawPhase: 'Healthy',
      message: undefined,
      currentStepIndex: 6,
      currentWeight: 100,
      actualWeight: 100,
      stableRevision: '7f5c8d9b6',
    },
    flaggerCanary,
  ],
  clusterErrors: [
    {
      cluster: 'prod-us',
      error: {
        code: 'UpstreamUnavailable',
        upstream: 'kubernetes',
        message: 'prod-us: request timed out after 10000 ms',
      },
    },
  ],
  meta,
};

/** A KServe canary (Knative mode, 10% on version 5) and a Ray Serve upgrade, as the backend normalises them. */
export const canaryServing: CanaryResponse = {
  rollouts: [
    {
      cluster: 'prod-eu',
      namespace: 'fraud-detection',
      name: 'fraud-detection-kserve',
      source: 'kserve',
      phase: 'progressing',
      rawPhase: 'Ready True',
      currentStepIndex: 0,
      steps: [
        {
          index: 0,
          kind: 'setWeight',
          weight: 10,
          description: 'canaryTrafficPercent 10%',
        },
        {
          index: 1,
          kind: 'setWeight',
          weight: 100,
          description: 'promote (remove canaryTrafficPercent)',
        },
      ],
      currentWeight: 10,
      desiredWeight: 100,
      paused: false,
      aborted: false,
      stableRevision: 'fraud-detection-predictor-00001',
      canaryRevision: 'fraud-detection-predictor-00002',
      modelUri: 's3://fraud-detection-artifacts/models/fraud-detector/5',
      modelName: 'fraud-detector',
      modelVersion: '5',
      analysisRuns: [],
      conditions: [{ type: 'Ready', status: 'True' }],
    },
    {
      cluster: 'prod-us',
      namespace: 'fraud-detection',
      name: 'fraud-detection-ray',
      source: 'ray-serve',
      phase: 'degraded',
      message: 'application fraud-detection DEPLOY_FAILED: ModuleNotFoundError',
      steps: [],
      currentWeight: 0,
      desiredWeight: 100,
      paused: false,
      aborted: false,
      stableRevision: 'fraud-detection-raycluster-7k2xq',
      activeCluster: 'fraud-detection-raycluster-7k2xq',
      modelName: 'fraud-detector',
      modelVersion: '4',
      serveApplications: [{ name: 'fraud-detection', status: 'DEPLOY_FAILED' }],
      analysisRuns: [],
      conditions: [{ type: 'Ready', status: 'False' }],
    },
  ],
  clusterErrors: [],
  meta,
};
