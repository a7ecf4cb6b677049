import { ML_PROJECT_EXAMPLE } from '@mlops-portal/plugin-mlops-common';
import { stepExamples } from './stepExamples';

export const examples = stepExamples(
  {
    id: 'validate',
    action: 'mlops:project:validate',
    name: 'Validate project values',
  },
  [
    {
      description:
        'Validate the form values first, then use the normalised values in later steps',
      input: ML_PROJECT_EXAMPLE,
    },
    {
      description:
        'A CPU-only project on MinIO, deployed by Flux with Flagger canaries and MLflow on a NodePort',
      input: {
        name: 'churn-model',
        awsRegion: 'us-east-1',
        clusterName: 'ml-dev',
        gpuEnabled: false,
        storage: 'minio',
        bucketName: 'churn-model-data',
        gitopsEngine: 'flux',
        canary: 'flagger',
        mlflowExposure: 'nodeport',
      },
    },
  ],
);
