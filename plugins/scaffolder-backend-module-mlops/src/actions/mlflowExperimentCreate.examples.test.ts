import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { setupServer } from 'msw/node';
import yaml from 'yaml';
import { mlflowServer } from '../__testUtils__/mlflowServer';
import { mockContext } from '../__testUtils__/mockContext';
import { createMlflowExperimentCreateAction } from './mlflowExperimentCreate';
import { examples } from './mlflowExperimentCreate.examples';

const server = setupServer();
registerMswTestHooks(server);

describe('mlflow:experiment:create examples', () => {
  const action = createMlflowExperimentCreateAction({
    config: new ConfigReader({
      mlops: {
        mlflow: {
          instances: [
            { name: 'default', baseUrl: 'https://mlflow.example.com' },
            {
              name: 'databricks',
              baseUrl: 'https://dbc-1.cloud.databricks.com',
              token: 'dapi-x',
            },
          ],
        },
      },
    }),
  });

  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_description, example) => {
      const [step] = yaml.parse(example).steps;
      expect(step.action).toBe(action.id);
      const instance =
        step.input.instance === 'databricks'
          ? mlflowServer(server, {
              baseUrl: 'https://dbc-1.cloud.databricks.com',
              token: 'dapi-x',
            })
          : mlflowServer(server, { baseUrl: 'https://mlflow.example.com' });
      const { ctx } = mockContext(action, step.input);
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('experimentId', '10');
      expect(instance.experiments.get(step.input.name)?.tags).toHaveLength(
        Object.keys(step.input.tags ?? {}).length,
      );
    },
  );
});
