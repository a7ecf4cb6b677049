import type { JsonObject } from '@backstage/types';

/**
 * Valid values of the "Onboard an existing ML repo" form: a github.com
 * repository with the DVC scaffold, the CI checks and docs, S3, Argo CD
 * without a canary. Tests spread their own choices over it.
 */
export const onboardBaseValues: JsonObject = {
  repoUrl: 'github.com?owner=acme&repo=legacy-model',
  targetBranch: 'main',
  name: 'legacy-model',
  owner: 'group:default/ml-team',
  addDvcScaffold: true,
  addReproducibilityCi: true,
  addDocs: true,
  awsRegion: 'eu-west-1',
  clusterName: 'ml-prod',
  gpuEnabled: false,
  storage: 's3',
  bucketName: 'legacy-model-data',
  gitopsEngine: 'argocd',
  canary: 'none',
  mlflowExposure: 'nodeport',
};
