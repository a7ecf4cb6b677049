import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { ML_PROJECT_EXAMPLE } from '@mlops-portal/plugin-mlops-common';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Validate the form values first, then use the normalised values in later steps',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'mlops:project:validate',
          name: 'Validate project values',
          input: ML_PROJECT_EXAMPLE,
        },
      ],
    }),
  },
  {
    description:
      'A CPU-only project on MinIO, deployed by Flux with Flagger canaries and MLflow on a NodePort',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'mlops:project:validate',
          name: 'Validate project values',
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
    }),
  },
];
