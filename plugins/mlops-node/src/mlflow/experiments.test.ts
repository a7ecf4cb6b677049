import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  ensureMlflowExperiment,
  getMlflowExperiment,
  isMlflowNotFound,
} from './experiments';
import { mlflowHttpTransport } from './transport';
import { mlflowUiLinks } from './uiLinks';
import { createFakeMlflow, mlflowRecording } from '../testUtils';
import type { ExperimentJson } from './wire';

const BASE = 'https://mlflow.example.com';
const API = `${BASE}/api/2.0/mlflow`;
const options = { timeoutMs: 1000 };
const transport = mlflowHttpTransport({ baseUrl: BASE });
const server = setupServer();
registerMswTestHooks(server);

const experimentByName = mlflowRecording<{
  experiment: ExperimentJson & { tags: Array<{ key: string; value: string }> };
}>('2.9', 'experiments-get-by-name.json');
const created = mlflowRecording<{ experiment_id: string }>(
  '2.9',
  'write-experiments-create.json',
);

/**
 * The shared fake MLflow holding only `initial`; its calls read as
 * `get-by-name <name>`, `create <name>`, `set-tag <key>=<value>`.
 */
function fakeMlflow(initial: ExperimentJson[] = []) {
  const mlflow = createFakeMlflow({
    baseUrl: BASE,
    experiments: initial,
    nextExperimentId: Number(created.experiment_id),
  });
  server.use(...mlflow.handlers);
  const said = ({ endpoint, query, body }: (typeof mlflow.calls)[number]) => {
    const b = (body ?? {}) as Record<string, string>;
    if (endpoint === 'experiments/get-by-name')
      return `get-by-name ${query.experiment_name}`;
    if (endpoint === 'experiments/create') return `create ${b.name}`;
    return `set-tag ${b.key}=${b.value}`;
  };
  return {
    experiments: mlflow.experiments,
    get calls() {
      return mlflow.calls.map(said);
    },
  };
}

describe('getMlflowExperiment', () => {
  it('maps the experiment and its tags', async () => {
    fakeMlflow([experimentByName.experiment]);
    await expect(
      getMlflowExperiment(transport, 'fraud-detection', options),
    ).resolves.toEqual({
      experimentId: '1',
      name: 'fraud-detection',
      artifactLocation: 's3://fraud-detection-artifacts/mlflow/1',
      lifecycleStage: 'active',
      creationTime: 1795606617441,
      lastUpdateTime: 1795606617441,
      tags: {
        team: 'risk-ml',
        'mlflow.note.content': 'Fraud detection experiments',
      },
    });
  });

  it('throws the typed RESOURCE_DOES_NOT_EXIST error for an unknown name', async () => {
    fakeMlflow();
    const error = await getMlflowExperiment(transport, 'nope', options).catch(
      e => e,
    );
    expect(error).toMatchObject({
      status: 404,
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
    });
    expect(isMlflowNotFound(error)).toBe(true);
    expect(isMlflowNotFound(new Error('RESOURCE_DOES_NOT_EXIST'))).toBe(false);
  });
});

describe('ensureMlflowExperiment', () => {
  const tags = {
    owner: 'group:default/ml-team',
    repo: 'https://github.com/acme/churn',
  };
  const ensureChurn = () =>
    ensureMlflowExperiment(transport, { name: 'churn', tags }, options);

  it('creates a missing experiment with its tags', async () => {
    const mlflow = fakeMlflow();
    await expect(ensureChurn()).resolves.toEqual({
      experimentId: '2',
      created: true,
    });
    expect(mlflow.experiments.get('churn')?.tags).toEqual([
      { key: 'owner', value: 'group:default/ml-team' },
      { key: 'repo', value: 'https://github.com/acme/churn' },
    ]);
  });

  it('reuses an existing experiment and sets only the tags that differ', async () => {
    const mlflow = fakeMlflow([
      {
        ...experimentByName.experiment,
        name: 'churn',
        experiment_id: '5',
        tags: [{ key: 'owner', value: 'group:default/ml-team' }],
      },
    ]);
    await expect(ensureChurn()).resolves.toEqual({
      experimentId: '5',
      created: false,
    });
    expect(mlflow.calls).toEqual([
      'get-by-name churn',
      'set-tag repo=https://github.com/acme/churn',
    ]);
  });

  it('is a no-op the second time', async () => {
    const mlflow = fakeMlflow();
    await ensureChurn();
    const second = await ensureChurn();
    expect(second).toEqual({ experimentId: '2', created: false });
    expect(mlflow.calls).toEqual([
      'get-by-name churn',
      'create churn',
      'get-by-name churn',
    ]);
  });

  it('reuses an experiment created concurrently by someone else', async () => {
    const mlflow = fakeMlflow();
    let lookups = 0;
    server.use(
      http.get(`${API}/experiments/get-by-name`, ({ request }) => {
        lookups += 1;
        if (lookups > 1) return undefined; // fall through to the fake
        // The other writer creates it right after our first lookup.
        mlflow.experiments.set('churn', {
          ...experimentByName.experiment,
          name: 'churn',
          experiment_id: '9',
          tags: [],
        });
        return HttpResponse.json(
          {
            error_code: 'RESOURCE_DOES_NOT_EXIST',
            message: new URL(request.url).search,
          },
          { status: 404 },
        );
      }),
    );
    await expect(
      ensureMlflowExperiment(transport, { name: 'churn' }, options),
    ).resolves.toEqual({ experimentId: '9', created: false });
    expect(mlflow.calls).toEqual(['create churn', 'get-by-name churn']);
  });

  it('refuses a deleted experiment of that name with a clear message', async () => {
    fakeMlflow([
      {
        ...experimentByName.experiment,
        name: 'churn',
        lifecycle_stage: 'deleted',
      },
    ]);
    await expect(
      ensureMlflowExperiment(transport, { name: 'churn' }, options),
    ).rejects.toThrow(
      "MLflow experiment 'churn' (id 1) exists but is deleted; restore it in MLflow or choose another name",
    );
  });

  it('passes server errors on', async () => {
    server.use(
      http.get(`${API}/experiments/get-by-name`, () =>
        HttpResponse.json(
          { error_code: 'INTERNAL_ERROR', message: 'database is locked' },
          { status: 500 },
        ),
      ),
    );
    await expect(
      ensureMlflowExperiment(transport, { name: 'churn' }, options),
    ).rejects.toMatchObject({ status: 500, errorCode: 'INTERNAL_ERROR' });
  });
});

describe('mlflowUiLinks', () => {
  it('links to the experiment page of the MLflow UI', () => {
    expect(mlflowUiLinks.experiment('https://mlflow.example.com/', '12')).toBe(
      'https://mlflow.example.com/#/experiments/12',
    );
  });

  it('links to runs, models and versions, escaping names', () => {
    const ui = 'https://mlflow.example.com';
    expect(mlflowUiLinks.run(ui, '1', 'a/b')).toBe(
      `${ui}/#/experiments/1/runs/a%2Fb`,
    );
    expect(mlflowUiLinks.model(ui, 'fraud model')).toBe(
      `${ui}/#/models/fraud%20model`,
    );
    expect(mlflowUiLinks.version(ui, 'fraud', '3')).toBe(
      `${ui}/#/models/fraud/versions/3`,
    );
  });
});
