import { MlProjectValues } from './types';

/**
 * A valid ML project: the values the `mlops:project:validate` example shows
 * and the tests start from.
 *
 * @public
 */
export const ML_PROJECT_EXAMPLE: MlProjectValues = {
  name: 'fraud-detection',
  description: 'Detects fraudulent card payments',
  owner: 'group:default/ml-team',
  awsRegion: 'eu-west-1',
  clusterName: 'ml-prod',
  gpuEnabled: true,
  gpuInstanceType: 'g5.xlarge',
  gpuMinSize: 0,
  gpuMaxSize: 4,
  storage: 's3',
  bucketName: 'fraud-detection-dvc',
  gitopsEngine: 'argocd',
  canary: 'argo-rollouts',
  mlflowExposure: 'ingress',
  mlflowHost: 'mlflow.example.com',
};
