import { stepExamples } from './stepExamples';

export const examples = stepExamples(
  {
    id: 'experiment',
    action: 'mlflow:experiment:create',
    name: 'Create the MLflow experiment',
  },
  [
    {
      description:
        "Create (or reuse) the project's experiment on the default MLflow instance",
      input: {
        name: 'fraud-detection',
      },
    },
    {
      description:
        'Create the experiment on a named instance, tagged with its owner and repository',
      input: {
        name: 'fraud-detection',
        instance: 'databricks',
        tags: {
          'backstage.io/owner': 'group:default/ml-team',
          'backstage.io/repository': 'https://github.com/acme/fraud-detection',
        },
      },
    },
  ],
);
