import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Create (or reuse) the project's experiment on the default MLflow instance",
    example: yaml.stringify({
      steps: [
        {
          id: 'experiment',
          action: 'mlflow:experiment:create',
          name: 'Create the MLflow experiment',
          input: {
            name: 'fraud-detection',
          },
        },
      ],
    }),
  },
  {
    description:
      'Create the experiment on a named instance, tagged with its owner and repository',
    example: yaml.stringify({
      steps: [
        {
          id: 'experiment',
          action: 'mlflow:experiment:create',
          name: 'Create the MLflow experiment',
          input: {
            name: 'fraud-detection',
            instance: 'databricks',
            tags: {
              'backstage.io/owner': 'group:default/ml-team',
              'backstage.io/repository':
                'https://github.com/acme/fraud-detection',
            },
          },
        },
      ],
    }),
  },
];
