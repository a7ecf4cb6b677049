import { TemplateExample } from '@backstage/plugin-scaffolder-node';
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
          input: {
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
          },
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
