import {
  MlflowLoggedModel,
  MlflowLoggedModelsResponse,
} from '@mlops-portal/plugin-mlops-common';

/*
 * API answers built from the MLflow 3.11 recordings (mlops-node testUtils,
 * recordings/mlflow-3.11/logged-models-search-order-by-metric.json and
 * logged-models-get.json) as the backend passes them on; the NaN/∞ metrics
 * of `diverged` are the recorded non-finite run's values (runs-get-nonfinite.json)
 * on a LoggedModel, which is not recorded.
 */
const UI = 'https://mlflow.example.com';
const fraudTrain = { datasetName: 'fraud-train', datasetDigest: '50ba0b99' };

export const fraudRf: MlflowLoggedModel = {
  modelId: 'm-2a62832af59d4483bf048f8852dd30e2',
  name: 'fraud-rf',
  experimentId: '1',
  status: 'LOGGED_MODEL_READY',
  creationTime: 1796107978018,
  lastUpdatedTime: 1796107981332,
  sourceRunId: '20b5d3628b76471392a5e649423d6dcd',
  params: { lr: '0.02', n_estimators: '50' },
  metrics: [
    {
      key: 'accuracy',
      value: 0.83,
      step: 0,
      timestamp: 1796107981361,
      ...fraudTrain,
    },
    {
      key: 'accuracy',
      value: 0.9,
      step: 1,
      timestamp: 1796107981382,
      ...fraudTrain,
    },
    {
      key: 'accuracy',
      value: 0.95,
      step: 2,
      timestamp: 1796107981403,
      ...fraudTrain,
    },
    {
      key: 'f1',
      value: 0.88,
      step: 0,
      timestamp: 1796107981423,
      ...fraudTrain,
    },
  ],
  tags: { team: 'risk-ml' },
  modelUrl: `${UI}/#/experiments/1/models/m-2a62832af59d4483bf048f8852dd30e2`,
  sourceRunUrl: `${UI}/#/experiments/1/runs/20b5d3628b76471392a5e649423d6dcd`,
};

export const fraudGbm: MlflowLoggedModel = {
  modelId: 'm-57f356294ce4464fbdc23f1bfa75c657',
  name: 'fraud-gbm',
  experimentId: '1',
  status: 'LOGGED_MODEL_READY',
  modelType: 'classifier',
  creationTime: 1796107981600,
  lastUpdatedTime: 1796107981617,
  sourceRunId: 'b0f2b846f4424801b852004b9a56e021',
  params: { booster: 'gbtree' },
  metrics: [],
  tags: { kind: 'client-api' },
  modelUrl: `${UI}/#/experiments/1/models/m-57f356294ce4464fbdc23f1bfa75c657`,
  sourceRunUrl: `${UI}/#/experiments/1/runs/b0f2b846f4424801b852004b9a56e021`,
};

export const diverged: MlflowLoggedModel = {
  ...fraudGbm,
  modelId: 'm-00998234d25049a3bce9daaa976c6f2b',
  name: 'diverged',
  params: { lr: '1.0' },
  metrics: [
    { key: 'loss', value: 'NaN', step: 3, timestamp: 1796110709052 },
    { key: 'accuracy', value: '-Infinity', step: 0, timestamp: 1796110709192 },
  ],
  modelUrl: `${UI}/#/experiments/1/models/m-00998234d25049a3bce9daaa976c6f2b`,
};

const meta = { fetchedAt: '2026-12-01T09:00:00.000Z', demo: false };

export const loggedModelsByAccuracy: MlflowLoggedModelsResponse = {
  supported: true,
  models: [fraudRf, diverged, fraudGbm],
  metricKeys: ['accuracy', 'f1', 'loss'],
  experimentUrl: `${UI}/#/experiments/1`,
  meta,
};

export const loggedModelsUnsupported: MlflowLoggedModelsResponse = {
  supported: false,
  models: [],
  metricKeys: [],
  experimentUrl: `${UI}/#/experiments/1`,
  meta,
};
