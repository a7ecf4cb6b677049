import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mlflowServer } from '../__testUtils__/mlflowServer';
import { mockContext } from '../__testUtils__/mockContext';
import { createMlflowExperimentCreateAction } from './mlflowExperimentCreate';

const MLFLOW = 'https://mlflow.example.com';
const TOKEN = 'mlflow-test-token';
const server = setupServer();
registerMswTestHooks(server);

const config = new ConfigReader({
  mlops: {
    timeoutMs: 2000,
    mlflow: {
      instances: [
        {
          name: 'default',
          baseUrl: MLFLOW,
          token: TOKEN,
          uiUrl: 'https://mlflow-ui.example.com',
        },
        { name: 'staging', baseUrl: 'https://mlflow-staging.example.com' },
      ],
    },
  },
});

const tags = {
  'backstage.io/owner': 'group:default/ml-team',
  'backstage.io/repository': 'https://github.com/acme/churn',
};

describe('mlflow:experiment:create', () => {
  const action = createMlflowExperimentCreateAction({ config });

  it('creates the experiment with its tags and outputs its id and UI URL', async () => {
    const mlflow = mlflowServer(server, { baseUrl: MLFLOW, token: TOKEN });
    const { ctx, logged } = mockContext(action, { name: 'churn', tags });
    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('experimentId', '10');
    expect(ctx.output).toHaveBeenCalledWith(
      'experimentUrl',
      'https://mlflow-ui.example.com/#/experiments/10',
    );
    expect(mlflow.experiments.get('churn')?.tags).toEqual([
      { key: 'backstage.io/owner', value: 'group:default/ml-team' },
      {
        key: 'backstage.io/repository',
        value: 'https://github.com/acme/churn',
      },
    ]);
    expect(mlflow.calls.every(c => c.authorized)).toBe(true);
    expect(logged()).toContain("Created MLflow experiment 'churn' (id 10)");
    expect(logged()).not.toContain(TOKEN);
  });

  it('reuses an existing experiment instead of failing, and updates its tags', async () => {
    const mlflow = mlflowServer(server, { baseUrl: MLFLOW, token: TOKEN });
    await action.handler(mockContext(action, { name: 'churn' }).ctx);

    const { ctx, logged } = mockContext(action, { name: 'churn', tags });
    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('experimentId', '10');
    expect(mlflow.experiments.size).toBe(1);
    expect(mlflow.calls.map(c => `${c.method} ${c.path}`)).toEqual([
      'GET /api/2.0/mlflow/experiments/get-by-name',
      'POST /api/2.0/mlflow/experiments/create',
      'GET /api/2.0/mlflow/experiments/get-by-name',
      'POST /api/2.0/mlflow/experiments/set-experiment-tag',
      'POST /api/2.0/mlflow/experiments/set-experiment-tag',
    ]);
    expect(logged()).toContain(
      "Reused existing MLflow experiment 'churn' (id 10)",
    );
  });

  it('uses the named instance, not a URL from the template', async () => {
    const staging = mlflowServer(server, {
      baseUrl: 'https://mlflow-staging.example.com',
    });
    const { ctx } = mockContext(action, { name: 'churn', instance: 'staging' });
    await action.handler(ctx);
    expect(staging.experiments.has('churn')).toBe(true);
    expect(ctx.output).toHaveBeenCalledWith(
      'experimentUrl',
      'https://mlflow-staging.example.com/#/experiments/10',
    );
  });

  it('names the instance field when the instance is not configured', async () => {
    const { ctx } = mockContext(action, { name: 'churn', instance: 'prod' });
    await expect(action.handler(ctx)).rejects.toThrow(
      "instance: no MLflow instance named 'prod' in mlops.mlflow.instances (configured: default, staging)",
    );
    const unconfigured = createMlflowExperimentCreateAction({
      config: new ConfigReader({}),
    });
    await expect(
      unconfigured.handler(mockContext(unconfigured, { name: 'churn' }).ctx),
    ).rejects.toThrow('instance: no MLflow instance is configured');
  });

  it('rejects an empty name and oversized tags before calling MLflow', async () => {
    const { ctx } = mockContext(action, {
      name: '  ',
      tags: { '': 'x', note: 'y'.repeat(5001) },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'Invalid mlflow:experiment:create input: name: must not be empty; tags: key "" must be 1 to 250 characters; tags.note: value must be at most 5000 characters',
    );
  });

  it('turns an MLflow 500 into a clear error', async () => {
    server.use(
      http.get(`${MLFLOW}/api/2.0/mlflow/experiments/get-by-name`, () =>
        HttpResponse.json(
          { error_code: 'INTERNAL_ERROR', message: 'database is locked' },
          { status: 500 },
        ),
      ),
    );
    const { ctx } = mockContext(action, { name: 'churn' });
    await expect(action.handler(ctx)).rejects.toThrow(
      "Could not create MLflow experiment 'churn' on instance 'default': MLflow GET /api/2.0/mlflow/experiments/get-by-name failed with HTTP 500 INTERNAL_ERROR: database is locked",
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('reports a rejected token without revealing it', async () => {
    mlflowServer(server, { baseUrl: MLFLOW, token: 'the-right-token' });
    const { ctx } = mockContext(action, { name: 'churn' });
    const failure = action.handler(ctx);
    await expect(failure).rejects.toThrow(
      /HTTP 401 UNAUTHENTICATED: Invalid access token/,
    );
    await expect(failure).rejects.not.toThrow(TOKEN);
  });

  it('makes no call in a dry run and says what it would do', async () => {
    const requests: string[] = [];
    server.events.on('request:start', ({ request }) => {
      requests.push(request.url);
    });
    const { ctx, logged } = mockContext(
      action,
      { name: 'churn', tags },
      { isDryRun: true },
    );
    await action.handler(ctx);
    server.events.removeAllListeners();

    expect(requests).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('experimentId', 'dry-run');
    expect(logged()).toContain(
      "Dry run: would create or reuse MLflow experiment 'churn' on instance 'default'",
    );
  });
});
