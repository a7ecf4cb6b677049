/**
 * MLOps API answer for the model registry card from a real MLflow 3.11
 * server (mlops-node testUtils, recordings/mlflow-3.11: registered-models-get,
 * model-versions-search, logged-models-*): versions 3-4 registered from
 * LoggedModels, aliases `challenger` → 3 and `champion` → 2, stage
 * Production on v2 only. Version 1's run is put in experiment 7 (not
 * recorded) to show its link goes to the run's own experiment.
 */
import { MlflowModelResponse } from '@mlops-portal/plugin-mlops-common';
import {
  fraudGbm,
  fraudRf,
} from '../../MlflowLoggedModels/__fixtures__/loggedModels';

const ui = 'https://mlflow.example.com';
const versionUrl = (v: string) => `${ui}/#/models/fraud-detector/versions/${v}`;
const runUrl = (experiment: string, run: string) =>
  `${ui}/#/experiments/${experiment}/runs/${run}`;

export const fraudDetectorModel3: MlflowModelResponse = {
  model: {
    name: 'fraud-detector',
    description: 'Fraud classifier',
    creationTime: 1796107976923,
    lastUpdatedTime: 1796107981654,
    aliases: { challenger: '3', champion: '2' },
    tags: { owner: 'risk-ml' },
  },
  versions: [
    {
      version: '4',
      aliases: [],
      status: 'READY',
      source: 'models:/m-57f356294ce4464fbdc23f1bfa75c657',
      runId: 'b0f2b846f4424801b852004b9a56e021',
      runUrl: runUrl('1', 'b0f2b846f4424801b852004b9a56e021'),
      versionUrl: versionUrl('4'),
      tags: {},
      loggedModelId: fraudGbm.modelId,
      loggedModel: fraudGbm,
    },
    {
      version: '3',
      aliases: ['challenger'],
      status: 'READY',
      source: 'models:/m-2a62832af59d4483bf048f8852dd30e2',
      runId: '20b5d3628b76471392a5e649423d6dcd',
      runUrl: runUrl('1', '20b5d3628b76471392a5e649423d6dcd'),
      versionUrl: versionUrl('3'),
      tags: {},
      loggedModelId: fraudRf.modelId,
      loggedModel: fraudRf,
    },
    {
      version: '2',
      aliases: ['champion'],
      stage: 'Production',
      status: 'READY',
      source:
        '/mlflow/artifacts/1/b0f2b846f4424801b852004b9a56e021/artifacts/model',
      runId: 'b0f2b846f4424801b852004b9a56e021',
      runUrl: runUrl('1', 'b0f2b846f4424801b852004b9a56e021'),
      versionUrl: versionUrl('2'),
      tags: { 'dvc.stage': 'train' },
    },
    {
      version: '1',
      aliases: [],
      status: 'READY',
      source:
        '/mlflow/artifacts/1/76198a765a6e449d960a0f56f8c7c080/artifacts/model',
      runId: '76198a765a6e449d960a0f56f8c7c080',
      runUrl: runUrl('7', '76198a765a6e449d960a0f56f8c7c080'),
      versionUrl: versionUrl('1'),
      tags: { 'dvc.stage': 'train' },
    },
  ],
  modelUrl: `${ui}/#/models/fraud-detector`,
  meta: { demo: false, fetchedAt: '2026-12-01T09:00:00.000Z' },
};
