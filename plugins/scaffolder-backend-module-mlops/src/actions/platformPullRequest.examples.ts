import { stepExamples } from './stepExamples';

export const examples = stepExamples(
  {
    id: 'platform-pr',
    action: 'mlops:platform:pull-request',
    name: 'Open the platform pull request',
  },
  [
    {
      description:
        'Register a new project deployed by Argo CD, with a quota of 4 GPUs',
      input: {
        projectName: 'fraud-detection',
        owner: 'group:default/ml-team',
        repoUrl: 'https://github.com/acme/fraud-detection',
        gitopsEngine: 'argocd',
        gpuQuota: 4,
      },
    },
    {
      description:
        'Register a CPU-only project deployed by Flux into its own namespace',
      input: {
        projectName: 'churn-model',
        namespace: 'ml-churn',
        owner: 'group:default/analytics',
        repoUrl: 'github.com?owner=acme&repo=churn-model',
        gitopsEngine: 'flux',
      },
    },
  ],
);
