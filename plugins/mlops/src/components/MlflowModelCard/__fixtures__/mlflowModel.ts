/**
 * MLOps API answer for the model registry card, from a real MLflow 2.9 server
 * (/work/shared/mlflow-samples: registered-models-search, model-versions-search,
 * registered-models-alias): version 2 is `champion` and in Production.
 */
import { MlflowModelResponse } from '@mlops-portal/plugin-mlops-common';

const ui = 'https://mlflow.example.com/#/models/fraud-detector';

export const fraudDetectorModel: MlflowModelResponse = {
  model: {
    name: 'fraud-detector',
    description: 'Fraud classifier',
    creationTime: 1795606619184,
    lastUpdatedTime: 1795606619291,
    aliases: { champion: '2' },
    tags: {},
  },
  versions: [
    {
      version: '2',
      aliases: ['champion'],
      stage: 'Production',
      status: 'READY',
      description: 'version 2 from rf-tuned',
      creationTime: 1795606619270,
      lastUpdatedTime: 1795606619291,
      source:
        's3://fraud-detection-artifacts/mlflow/1/ef3ddc348bff489495f8c92023e5c033/artifacts/model',
      runId: 'ef3ddc348bff489495f8c92023e5c033',
      runUrl:
        'https://mlflow.example.com/#/experiments/1/runs/ef3ddc348bff489495f8c92023e5c033',
      versionUrl: `${ui}/versions/2`,
    },
    {
      version: '1',
      aliases: [],
      stage: 'None',
      status: 'READY',
      description: 'version 1 from rf-baseline',
      creationTime: 1795606619236,
      lastUpdatedTime: 1795606619236,
      source:
        's3://fraud-detection-artifacts/mlflow/1/35bec908f9fa44b09ea186264d4d044b/artifacts/model',
      runId: '35bec908f9fa44b09ea186264d4d044b',
      runUrl:
        'https://mlflow.example.com/#/experiments/1/runs/35bec908f9fa44b09ea186264d4d044b',
      versionUrl: `${ui}/versions/1`,
    },
  ],
  modelUrl: ui,
  meta: { demo: false, fetchedAt: '2026-11-25T10:00:00.000Z' },
};
