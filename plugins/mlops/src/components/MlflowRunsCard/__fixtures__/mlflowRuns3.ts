/**
 * MLOps API answers for the runs card from a real MLflow 3.11 server
 * (mlops-node testUtils, recordings/mlflow-3.11: runs-get-with-dataset-and-model,
 * runs-get-nonfinite, logged-models-search-order-by-metric), as the backend
 * maps them: NaN is 'NaN' and -Infinity (sent as -1.797e308) is '-Infinity'.
 */
// Records of the same API types as mlflowRuns.ts (2.9), from the 3.11 recordings: data, not logic.
import {
  MlflowRunResponse,
  MlflowRunsResponse,
  MlflowRunSummary,
} from '@mlops-portal/plugin-mlops-common';
import { fraudRf } from '../../MlflowLoggedModels/__fixtures__/loggedModels';

const ui = 'https://mlflow.example.com/#/experiments/1';
const meta = { demo: false, fetchedAt: '2026-12-01T09:00:00.000Z' };

export const rfMlflow3: MlflowRunSummary = {
  runId: '20b5d3628b76471392a5e649423d6dcd',
  runName: 'rf-mlflow3',
  status: 'FINISHED',
  userId: 'root',
  startTime: 1796107977827,
  endTime: 1796107981442,
  durationMs: 3615,
  params: { lr: '0.02', n_estimators: '50' },
  metrics: { accuracy: 0.95, f1: 0.88 },
  datasets: [
    {
      name: 'fraud-train',
      digest: '50ba0b99',
      context: 'training',
      sourceType: 'code',
    },
  ],
  loggedModelIds: ['m-2a62832af59d4483bf048f8852dd30e2'],
  gitCommit: '1111111111111111111111111111111111111111',
  dvcStage: 'train',
  runUrl: `${ui}/runs/20b5d3628b76471392a5e649423d6dcd`,
};

export const divergedRun: MlflowRunSummary = {
  runId: '00998234d25049a3bce9daaa976c6f2b',
  runName: 'diverged-lr-1.0',
  status: 'FINISHED',
  userId: 'root',
  startTime: 1796110708208,
  endTime: 1796110710763,
  durationMs: 2555,
  params: { lr: '1.0' },
  metrics: { loss: 'NaN', accuracy: '-Infinity' },
  datasets: [],
  loggedModelIds: [],
  gitCommit: '5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d',
  runUrl: `${ui}/runs/00998234d25049a3bce9daaa976c6f2b`,
};

export const runsPage3: MlflowRunsResponse = {
  runs: [rfMlflow3, divergedRun],
  paramKeys: ['lr', 'n_estimators'],
  metricKeys: ['accuracy', 'f1', 'loss'],
  experimentUrl: ui,
  meta,
};

export const rfMlflow3Detail: MlflowRunResponse = {
  run: {
    ...rfMlflow3,
    experimentId: '1',
    lifecycleStage: 'active',
    artifactUri:
      '/mlflow/artifacts/1/20b5d3628b76471392a5e649423d6dcd/artifacts',
    tags: { 'mlflow.runName': 'rf-mlflow3', 'dvc.stage': 'train' },
    inputModelIds: ['m-2a62832af59d4483bf048f8852dd30e2'],
    loggedModels: [fraudRf],
  },
  meta,
};
