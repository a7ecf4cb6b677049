import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { getMlflowExperiment } from './experiments';
import { latestLoggedModelMetrics } from '@mlops-portal/plugin-mlops-common';
import {
  getMlflowLoggedModel,
  loggedModelIdOf,
  searchMlflowLoggedModels,
} from './loggedModels';
import { MlflowApiError, MlflowEndpoint } from './mlflowFetch';
import { searchMlflowModelVersions } from './registry';
import { getMlflowMetricHistory, getMlflowRun } from './runs';
import { mlflowHttpTransport } from './transport';
import { toMetricNumber } from './wire';
import {
  FAKE_MLFLOW_URL,
  createFakeMlflow,
  mlflowRecording,
  recordedMlflowWorkspaces,
} from '../testUtils';

const server = setupServer();
registerMswTestHooks(server);
const options = { timeoutMs: 2000 };
const NONFINITE_RUN = '00998234d25049a3bce9daaa976c6f2b';
const LINEAGE_RUN = '20b5d3628b76471392a5e649423d6dcd';

function serve(
  fake: ReturnType<typeof createFakeMlflow>,
  endpoint: Partial<MlflowEndpoint> = {},
) {
  server.use(...fake.handlers);
  return mlflowHttpTransport({ baseUrl: FAKE_MLFLOW_URL, ...endpoint });
}

async function failure(promise: Promise<unknown>): Promise<MlflowApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof MlflowApiError))
    throw new Error(`expected an MlflowApiError, got ${String(error)}`);
  return error;
}

describe('MLflow 3.11 answers', () => {
  it('reads non-finite metrics as MLflow sends them: "NaN" and ±1.7976931348623157e308', async () => {
    const transport = serve(createFakeMlflow({ version: '3.11' }));
    const run = await getMlflowRun(transport, NONFINITE_RUN, options);
    expect(run.metrics).toEqual({ loss: 'NaN', accuracy: '-Infinity' });
    const history = await getMlflowMetricHistory(
      transport,
      NONFINITE_RUN,
      'loss',
      options,
    );
    expect(history.map(p => p.value)).toEqual([0.9, 3.5, 'Infinity', 'NaN']);
    // The answer is valid JSON whatever the values.
    expect(JSON.parse(JSON.stringify(history))).toEqual(history);
  });

  it('keeps finite numbers, including large ones short of the largest double', () => {
    expect(toMetricNumber(0.95)).toBe(0.95);
    expect(toMetricNumber('0.5')).toBe(0.5);
    expect(toMetricNumber(1e308)).toBe(1e308);
    expect(toMetricNumber('Infinity')).toBe('Infinity');
    expect(toMetricNumber('-Infinity')).toBe('-Infinity');
    expect(toMetricNumber('not a number')).toBe('NaN');
  });

  it("reads a run's datasets (name, digest, context) and its LoggedModel inputs and outputs", async () => {
    const transport = serve(createFakeMlflow({ version: '3.11' }));
    const run = await getMlflowRun(transport, LINEAGE_RUN, options);
    expect(run.datasets).toEqual([
      {
        name: 'fraud-train',
        digest: '50ba0b99',
        context: 'training',
        sourceType: 'code',
      },
    ]);
    expect(run.inputModelIds).toEqual(['m-2a62832af59d4483bf048f8852dd30e2']);
    expect(run.outputModelIds).toEqual(['m-2a62832af59d4483bf048f8852dd30e2']);
    // An MLflow 3 run without lineage answers empty `inputs`/`outputs` (recorded).
    expect(await getMlflowRun(transport, NONFINITE_RUN, options)).toMatchObject(
      {
        datasets: [],
        inputModelIds: [],
        outputModelIds: [],
      },
    );
  });

  it('searches LoggedModels ordered by a metric as the recorded server does, and gets one', async () => {
    const transport = serve(createFakeMlflow({ version: '3.11' }));
    const byAccuracy = await searchMlflowLoggedModels(
      transport,
      {
        experimentIds: ['1'],
        orderBy: [{ fieldName: 'metrics.accuracy', ascending: false }],
        maxResults: 50,
      },
      options,
    );
    const recorded = mlflowRecording<{
      models: Array<{ info: { model_id: string } }>;
    }>('3.11', 'logged-models-search-order-by-metric.json');
    expect(byAccuracy.models.map(m => m.modelId)).toEqual(
      recorded.models.map(m => m.info.model_id),
    );
    const rf = byAccuracy.models[0];
    expect(rf).toMatchObject({
      name: 'fraud-rf',
      experimentId: '1',
      status: 'LOGGED_MODEL_READY',
      sourceRunId: LINEAGE_RUN,
    });
    expect(rf.metrics[0]).toEqual({
      key: 'accuracy',
      value: 0.83,
      step: 0,
      timestamp: 1796107981361,
      datasetName: 'fraud-train',
      datasetDigest: '50ba0b99',
      runId: LINEAGE_RUN,
    });
    expect(latestLoggedModelMetrics(rf.metrics)).toEqual({
      accuracy: 0.95,
      f1: 0.88,
    });
    const newestFirst = await searchMlflowLoggedModels(
      transport,
      { experimentIds: ['1'], maxResults: 50 },
      options,
    );
    expect(newestFirst.models.map(m => m.name)).toEqual([
      'fraud-gbm',
      'fraud-rf',
    ]);
    const gbm = await getMlflowLoggedModel(
      transport,
      'm-57f356294ce4464fbdc23f1bfa75c657',
      options,
    );
    expect(gbm).toMatchObject({
      name: 'fraud-gbm',
      modelType: 'classifier',
      params: { booster: 'gbtree' },
      metrics: [],
    });
  });

  it("links a version registered from a LoggedModel (source models:/m-...) to it, and keeps the versions' tags", async () => {
    const transport = serve(createFakeMlflow({ version: '3.11' }));
    const versions = await searchMlflowModelVersions(
      transport,
      'fraud-detector',
      options,
    );
    expect(versions.map(v => [v.version, v.loggedModelId, v.stage])).toEqual([
      ['4', 'm-57f356294ce4464fbdc23f1bfa75c657', undefined],
      ['3', 'm-2a62832af59d4483bf048f8852dd30e2', undefined],
      ['2', undefined, 'Production'],
      ['1', undefined, undefined],
    ]);
    expect(versions[2].tags).toEqual({ 'dvc.stage': 'train' });
    const recorded = mlflowRecording<{ model_version: { source: string } }>(
      '3.11',
      'model-versions-get-from-logged-model.json',
    );
    expect(loggedModelIdOf({ source: recorded.model_version.source })).toBe(
      'm-2a62832af59d4483bf048f8852dd30e2',
    );
    expect(
      loggedModelIdOf({ source: 's3://bucket/models:/m-1' }),
    ).toBeUndefined();
    expect(
      loggedModelIdOf({ source: 'models:/fraud-detector/2' }),
    ).toBeUndefined();
    expect(loggedModelIdOf({ source: 'x', modelId: 'm-9' })).toBe('m-9');
  });

  it('has no LoggedModels on MLflow 2.9: the endpoint answers 404', async () => {
    const transport = serve(createFakeMlflow({ version: '2.9' }));
    const error = await failure(
      searchMlflowLoggedModels(transport, { experimentIds: ['1'] }, options),
    );
    expect(error.status).toBe(404);
  });
});

describe('MLflow credentials and workspaces', () => {
  const credentials = { username: 'admin', password: 'correct horse' };

  it("passes MLflow's basic-auth app with HTTP Basic, and a wrong password is a 401 that quotes neither body nor password", async () => {
    const fake = createFakeMlflow({ version: '3.11', basicAuth: credentials });
    const ok = serve(fake, { basicAuth: credentials });
    expect(
      (await getMlflowExperiment(ok, 'fraud-detection', options)).experimentId,
    ).toBe('1');
    const wrong = serve(fake, {
      basicAuth: { username: 'admin', password: 'battery staple' },
    });
    const error = await failure(
      getMlflowExperiment(wrong, 'fraud-detection', options),
    );
    expect(error.status).toBe(401);
    expect(error.message).not.toMatch(/battery staple|correct horse|admin/);
    expect(error.message).toBe(
      'MLflow GET /api/2.0/mlflow/experiments/get-by-name failed with HTTP 401 HTTP_401',
    );
  });

  it('sends a bearer token, which the basic-auth app refuses (recorded)', async () => {
    const fake = createFakeMlflow({ version: '3.11', basicAuth: credentials });
    const error = await failure(
      getMlflowExperiment(
        serve(fake, { token: 'correct horse' }),
        'fraud-detection',
        options,
      ),
    );
    expect(error.status).toBe(401);
    expect(error.message).not.toContain('correct horse');
  });

  it('chooses a workspace with X-MLFLOW-WORKSPACE, and sends no header without one', async () => {
    const fake = createFakeMlflow({
      version: '3.11',
      workspaces: recordedMlflowWorkspaces(),
    });
    const inRisk = await getMlflowExperiment(
      serve(fake, { workspace: 'risk' }),
      'ws-only-exp',
      options,
    );
    expect(inRisk).toMatchObject({
      experimentId: '3',
      artifactLocation: '/mlflow/artifacts/workspaces/risk/3',
    });
    const withoutHeader = await failure(
      getMlflowExperiment(serve(fake), 'ws-only-exp', options),
    );
    expect(withoutHeader.errorCode).toBe('RESOURCE_DOES_NOT_EXIST');
    const unknown = await failure(
      getMlflowExperiment(
        serve(fake, { workspace: 'nope' }),
        'ws-only-exp',
        options,
      ),
    );
    expect(unknown.mlflowMessage).toBe("Workspace 'nope' not found");
  });

  it('a server without workspaces answers the header with 500 FEATURE_DISABLED (recorded), so it is only sent when configured', async () => {
    const fake = createFakeMlflow({ version: '3.11' });
    const error = await failure(
      getMlflowExperiment(
        serve(fake, { workspace: 'risk' }),
        'fraud-detection',
        options,
      ),
    );
    expect([error.status, error.errorCode]).toEqual([500, 'FEATURE_DISABLED']);
    expect(
      (await getMlflowExperiment(serve(fake), 'fraud-detection', options))
        .experimentId,
    ).toBe('1');
  });
});
