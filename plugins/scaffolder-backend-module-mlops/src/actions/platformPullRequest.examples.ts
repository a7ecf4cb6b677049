import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Register a new project deployed by Argo CD, with a quota of 4 GPUs',
    example: yaml.stringify({
      steps: [
        {
          id: 'platform-pr',
          action: 'mlops:platform:pull-request',
          name: 'Open the platform pull request',
          input: {
            projectName: 'fraud-detection',
            owner: 'group:default/ml-team',
            repoUrl: 'https://github.com/acme/fraud-detection',
            gitopsEngine: 'argocd',
            gpuQuota: 4,
          },
        },
      ],
    }),
  },
  {
    description:
      'Register a CPU-only project deployed by Flux into its own namespace',
    example: yaml.stringify({
      steps: [
        {
          id: 'platform-pr',
          action: 'mlops:platform:pull-request',
          name: 'Open the platform pull request',
          input: {
            projectName: 'churn-model',
            namespace: 'ml-churn',
            owner: 'group:default/analytics',
            repoUrl: 'github.com?owner=acme&repo=churn-model',
            gitopsEngine: 'flux',
          },
        },
      ],
    }),
  },
];
