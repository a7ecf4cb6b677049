/**
 * MLOps API answers for the runs card. Values come from a real MLflow 2.9
 * server (/work/shared/mlflow-samples: runs-search-page1/2, runs-get,
 * metrics-get-history), as the backend maps them onto the mlops-common types.
 */
import {
  MlflowMetricHistoryResponse,
  MlflowRunResponse,
  MlflowRunsResponse,
  MlflowRunSummary,
} from '@mlops-portal/plugin-mlops-common';

const ui = 'https://mlflow.example.com/#/experiments/1';
const meta = { demo: false, fetchedAt: '2026-11-25T10:00:00.000Z' };

// Three recorded runs, field by field as the backend maps them: records, not logic.
export const rfTuned: MlflowRunSummary = {
  runId: 'ef3ddc348bff489495f8c92023e5c033',
  runName: 'rf-tuned',
  status: 'FINISHED',
  userId: 'ci-bot',
  startTime: 1795606618017,
  endTime: 1795606619002,
  durationMs: 985,
  params: { lr: '0.05', n_estimators: '300' },
  metrics: { accuracy: 0.92, f1: 0.85 },
  gitCommit: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b',
  dvcStage: 'train',
  runUrl: `${ui}/runs/ef3ddc348bff489495f8c92023e5c033`,
};

export const gbmCandidate: MlflowRunSummary = {
  runId: '72bf0322921a450fbb8f082a764d2d54',
  runName: 'gbm-candidate',
  status: 'FAILED',
  userId: 'ci-bot',
  startTime: 1795606619018,
  endTime: 1795606619147,
  durationMs: 129,
  params: { lr: '0.01', n_estimators: '500' },
  metrics: { accuracy: 0.9, f1: 0.82 },
  gitCommit: '0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c',
  dvcStage: 'evaluate',
  runUrl: `${ui}/runs/72bf0322921a450fbb8f082a764d2d54`,
};

export const rfBaseline: MlflowRunSummary = {
  runId: '35bec908f9fa44b09ea186264d4d044b',
  runName: 'rf-baseline',
  status: 'FINISHED',
  userId: 'ci-bot',
  startTime: 1795606617459,
  endTime: 1795606617591,
  durationMs: 132,
  params: { lr: '0.1', n_estimators: '100' },
  metrics: { accuracy: 0.87, f1: 0.76 },
  gitCommit: '3f2c1a9d8e7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
  dvcStage: 'train',
  runUrl: `${ui}/runs/35bec908f9fa44b09ea186264d4d044b`,
};

/** First page, ordered by `metrics.accuracy` desc, page size 2. */
export const runsPage1: MlflowRunsResponse = {
  runs: [rfTuned, gbmCandidate],
  nextPageToken: 'eyJvZmZzZXQiOiAyfQ==',
  paramKeys: ['lr', 'n_estimators'],
  metricKeys: ['accuracy', 'f1'],
  experimentUrl: ui,
  meta,
};

/** Second and last page. */
export const runsPage2: MlflowRunsResponse = {
  runs: [rfBaseline],
  paramKeys: ['lr', 'n_estimators'],
  metricKeys: ['accuracy', 'f1'],
  experimentUrl: ui,
  meta,
};

export const rfTunedDetail: MlflowRunResponse = {
  run: {
    ...rfTuned,
    experimentId: '1',
    lifecycleStage: 'active',
    artifactUri:
      's3://fraud-detection-artifacts/mlflow/1/ef3ddc348bff489495f8c92023e5c033/artifacts',
    tags: {
      'mlflow.source.git.commit': '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b',
      'mlflow.source.git.branch': 'main',
      'mlflow.source.name': 'dvc repro',
      'mlflow.user': 'ci-bot',
      'dvc.stage': 'train',
      'dvc.pipeline': 'dvc.yaml',
      'dvc.params_file': 'params.yaml',
      'mlflow.runName': 'rf-tuned',
    },
  },
  meta,
};

/** `accuracy` of a run at steps 0, 1, 2, one second apart from `firstAt`. */
const accuracyOf = (
  run: { runId: string },
  values: number[],
  firstAt: number,
): MlflowMetricHistoryResponse => ({
  runId: run.runId,
  key: 'accuracy',
  points: values.map((value, step) => ({
    step,
    value,
    timestamp: firstAt + step * 1000,
  })),
  meta,
});

/** `accuracy` history per run (steps 0..2, last value = the run's metric). */
export const accuracyHistory: Record<string, MlflowMetricHistoryResponse> = {
  [rfTuned.runId]: accuracyOf(rfTuned, [0.84, 0.89, 0.92], 1795606618476),
  [gbmCandidate.runId]: accuracyOf(
    gbmCandidate,
    [0.81, 0.86, 0.9],
    1795606619059,
  ),
  [rfBaseline.runId]: accuracyOf(rfBaseline, [0.8, 0.85, 0.87], 1795606617501),
};
