/*
 * The MLflow routes against the fake MLflow serving the recorded answers of
 * MLflow 3.11 (and 2.9 where the route must degrade): non-finite metrics,
 * datasets and LoggedModels, versions registered from LoggedModels, links
 * through each run's own experiment, MLflow's 4xx answers, basic auth and
 * workspaces, one deadline per route, and no credential in any log or body.
 */
import { mockServices } from '@backstage/backend-test-utils';
import {
  MlflowLoggedModelsResponse,
  MlflowMetricHistoryResponse,
  MlflowModelResponse,
  MlflowRunResponse,
  MlflowRunsResponse,
} from '@mlops-portal/plugin-mlops-common';
import type { RunJson } from '@mlops-portal/plugin-mlops-node';
import {
  FAKE_MLFLOW_URL as MLFLOW,
  createFakeMlflow,
  recordedMlflowDataset,
  recordedMlflowWorkspaces,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import { inspect } from 'node:util';
import request from 'supertest';
import {
  entityWith,
  setupMswServer,
  startMlopsTestBackend,
} from '../__testUtils__/startMlopsTestBackend';

// The route and the recorded ids these tests look for: a list of constants, alike in shape only.
const base = '/api/mlops/entity/default/Component/fraud-detection/mlflow';
const UI = 'https://mlflow.example.com';
const NONFINITE_RUN = '00998234d25049a3bce9daaa976c6f2b';
const LINEAGE_RUN = '20b5d3628b76471392a5e649423d6dcd';
const RF_MODEL = 'm-2a62832af59d4483bf048f8852dd30e2';
const GBM_MODEL = 'm-57f356294ce4464fbdc23f1bfa75c657';
const instance = (extra: Record<string, unknown> = {}) => ({
  mlflow: {
    instances: [{ name: 'tracking', baseUrl: MLFLOW, uiUrl: UI, ...extra }],
  },
});

describe('MLflow routes on MLflow 3.11 answers', () => {
  const server = setupMswServer();
  const start = async (
    extra: Record<string, unknown> = {},
    fakeOptions: Parameters<typeof createFakeMlflow>[0] = {},
  ) => {
    const fake = createFakeMlflow({ version: '3.11', ...fakeOptions });
    server.use(...fake.handlers);
    const { server: backend } = await startMlopsTestBackend({
      config: instance(extra),
    });
    return { backend, fake };
  };

  it('lists runs with non-finite metrics as strings, their datasets and the LoggedModels they logged', async () => {
    const { backend } = await start();
    const res = await request(backend).get(
      `${base}/runs?orderBy=metrics.accuracy&pageSize=2`,
    );
    expect(res.status).toBe(200);
    const body = res.body as MlflowRunsResponse;
    const lineage = body.runs.find(r => r.runId === LINEAGE_RUN)!;
    expect(lineage.datasets).toEqual([
      {
        name: 'fraud-train',
        digest: '50ba0b99',
        context: 'training',
        sourceType: 'code',
      },
    ]);
    expect(lineage.loggedModelIds).toEqual([RF_MODEL]);
    // The other recorded run logged a LoggedModel without a dataset.
    const other = body.runs.find(r => r.runId !== LINEAGE_RUN)!;
    expect(other.datasets).toEqual([]);
    expect(other.loggedModelIds).toEqual([GBM_MODEL]);

    const run = await request(backend).get(`${base}/runs/${NONFINITE_RUN}`);
    expect(run.status).toBe(200);
    expect((run.body as MlflowRunResponse).run.metrics).toEqual({
      loss: 'NaN',
      accuracy: '-Infinity',
    });
    const history = await request(backend).get(
      `${base}/runs/${NONFINITE_RUN}/metrics/loss/history`,
    );
    expect(
      (history.body as MlflowMetricHistoryResponse).points.map(p => p.value),
    ).toEqual([0.9, 3.5, 'Infinity', 'NaN']);
  });

  it('answers a run with its datasets, input models and logged LoggedModels, linked to MLflow 3 pages', async () => {
    const { backend } = await start();
    const res = await request(backend).get(`${base}/runs/${LINEAGE_RUN}`);
    expect(res.status).toBe(200);
    const { run } = res.body as MlflowRunResponse;
    expect(run.datasets).toEqual([
      expect.objectContaining({
        name: 'fraud-train',
        digest: '50ba0b99',
        context: 'training',
      }),
    ]);
    expect(run.inputModelIds).toEqual([RF_MODEL]);
    expect(run.loggedModelIds).toEqual([RF_MODEL]);
    expect(run.loggedModels).toHaveLength(1);
    expect(run.loggedModels![0]).toMatchObject({
      modelId: RF_MODEL,
      name: 'fraud-rf',
      params: { lr: '0.02', n_estimators: '50' },
      modelUrl: `${UI}/#/experiments/1/models/${RF_MODEL}`,
      sourceRunUrl: `${UI}/#/experiments/1/runs/${LINEAGE_RUN}`,
    });
  });

  it('answers versions aliases first, the stage only where the server uses one, and the LoggedModel of each version', async () => {
    const { backend } = await start();
    const res = await request(backend).get(`${base}/model`);
    expect(res.status).toBe(200);
    const body = res.body as MlflowModelResponse;
    expect(body.model.aliases).toEqual({ challenger: '3', champion: '2' });
    expect(
      body.versions.map(v => [v.version, v.aliases, v.stage, v.loggedModelId]),
    ).toEqual([
      ['4', [], undefined, GBM_MODEL],
      ['3', ['challenger'], undefined, RF_MODEL],
      ['2', ['champion'], 'Production', undefined],
      ['1', [], undefined, undefined],
    ]);
    const v3 = body.versions[1];
    expect(v3.loggedModel).toMatchObject({
      name: 'fraud-rf',
      modelUrl: `${UI}/#/experiments/1/models/${RF_MODEL}`,
      sourceRunId: LINEAGE_RUN,
    });
    expect(
      v3
        .loggedModel!.metrics.filter(m => m.key === 'accuracy')
        .map(m => m.value),
    ).toEqual([0.83, 0.9, 0.95]);
    expect(body.versions[2].tags).toEqual({ 'dvc.stage': 'train' });
  });

  it("links each version's run through the run's own experiment, not the entity's", async () => {
    const dataset = recordedMlflowDataset('3.11');
    const elsewhere = '76198a765a6e449d960a0f56f8c7c080';
    dataset.runs = dataset.runs.map((run: RunJson) =>
      run.info.run_id === elsewhere
        ? { ...run, info: { ...run.info, experiment_id: '7' } }
        : run,
    );
    const { backend } = await start({}, { dataset });
    const body = (await request(backend).get(`${base}/model`))
      .body as MlflowModelResponse;
    const v1 = body.versions.find(v => v.version === '1')!;
    expect(v1.runUrl).toBe(`${UI}/#/experiments/7/runs/${elsewhere}`);
    expect(body.versions.find(v => v.version === '3')!.runUrl).toBe(
      `${UI}/#/experiments/1/runs/${LINEAGE_RUN}`,
    );
  });

  it('leaves the run link out when the run cannot be read, instead of guessing its experiment', async () => {
    const dataset = recordedMlflowDataset('3.11');
    dataset.runs = dataset.runs.filter(
      (run: RunJson) => run.info.run_id !== '76198a765a6e449d960a0f56f8c7c080',
    );
    const { backend } = await start({}, { dataset });
    const body = (await request(backend).get(`${base}/model`))
      .body as MlflowModelResponse;
    const v1 = body.versions.find(v => v.version === '1')!;
    expect(v1.runId).toBe('76198a765a6e449d960a0f56f8c7c080');
    expect(v1.runUrl).toBeUndefined();
  });

  it('searches LoggedModels ordered by a metric, newest first without one', async () => {
    const { backend, fake } = await start();
    const byAccuracy = await request(backend).get(
      `${base}/logged-models?orderBy=metrics.accuracy&order=desc`,
    );
    expect(byAccuracy.status).toBe(200);
    const body = byAccuracy.body as MlflowLoggedModelsResponse;
    expect(body.supported).toBe(true);
    expect(body.models.map(m => m.name)).toEqual(['fraud-rf', 'fraud-gbm']);
    expect(body.metricKeys).toEqual(['accuracy', 'f1']);
    expect(
      fake.calls.find(c => c.endpoint === 'logged-models/search')!.body,
    ).toEqual({
      experiment_ids: ['1'],
      order_by: [{ field_name: 'metrics.accuracy', ascending: false }],
      max_results: 25,
    });
    const ascending = await request(backend).get(
      `${base}/logged-models?orderBy=metrics.accuracy&order=asc`,
    );
    // A model without the metric stays last (recorded for descending; the fake keeps it for ascending).
    expect(
      (ascending.body as MlflowLoggedModelsResponse).models.map(m => m.name),
    ).toEqual(['fraud-rf', 'fraud-gbm']);
    const newest = await request(backend).get(`${base}/logged-models`);
    expect(
      (newest.body as MlflowLoggedModelsResponse).models.map(m => m.name),
    ).toEqual(['fraud-gbm', 'fraud-rf']);
  });

  it.each([
    ['orderBy=params.lr', /orderBy must be metrics/],
    ['orderBy=metrics.', /orderBy must be metrics/],
    ['order=up', /order must be/],
    ['pageSize=0', /pageSize/],
    ['pageToken=%3Cscript%3E', /pageToken/],
  ])('refuses the LoggedModels query %s', async (query, message) => {
    const { backend, fake } = await start();
    const res = await request(backend).get(`${base}/logged-models?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(
      fake.calls.filter(c => c.endpoint === 'logged-models/search'),
    ).toEqual([]);
  });

  it("answers MLflow's 400 for a malformed page token as a 400 with MLflow's message (recorded)", async () => {
    const { backend } = await start();
    const res = await request(backend).get(`${base}/runs?pageToken=abc`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'InvalidInput',
      upstream: 'mlflow',
      upstreamStatus: 400,
    });
    expect(res.body.error.message).toMatch(
      /Invalid page token, could not base64-decode/,
    );
  });

  it('reaches a basic-auth server with username and password', async () => {
    const credentials = {
      username: 'admin',
      password: 'correct horse battery',
    };
    const { backend } = await start(credentials, { basicAuth: credentials });
    const res = await request(backend).get(`${base}/experiment`);
    expect(res.status).toBe(200);
    expect(res.body.experiment.experimentId).toBe('1');
  });

  it.each([
    ['a wrong password', { username: 'admin', password: 'wrong' }],
    ['a bearer token', { token: 'correct horse battery' }],
    ['no credentials', {}],
  ])(
    "says the portal's credentials are rejected for %s, naming the instance",
    async (_, config) => {
      const { backend } = await start(config, {
        basicAuth: { username: 'admin', password: 'correct horse battery' },
      });
      const res = await request(backend).get(`${base}/experiment`);
      expect(res.status).toBe(502);
      expect(res.body.error).toEqual({
        code: 'UpstreamAuthRejected',
        message:
          "the portal's MLflow credentials for instance 'tracking' are rejected (HTTP 401); check mlops.mlflow.instances",
        upstream: 'mlflow',
        upstreamStatus: 401,
        instance: 'tracking',
      });
    },
  );

  it('reads an experiment of the configured workspace; without the workspace it is not found', async () => {
    server.use(
      ...createFakeMlflow({
        version: '3.11',
        workspaces: recordedMlflowWorkspaces(),
      }).handlers,
    );
    const backendFor = async (extra: Record<string, unknown>) =>
      (
        await startMlopsTestBackend({
          config: instance(extra),
          entities: [
            entityWith('fraud-detection', {
              'mlflow.org/experiment-name': 'ws-only-exp',
            }),
          ],
        })
      ).server;
    const found = await request(await backendFor({ workspace: 'risk' })).get(
      `${base}/experiment`,
    );
    expect(found.status).toBe(200);
    expect(found.body.experiment).toMatchObject({
      experimentId: '3',
      name: 'ws-only-exp',
    });
    const withoutWorkspace = await request(await backendFor({})).get(
      `${base}/experiment`,
    );
    expect(withoutWorkspace.status).toBe(404);
    const unknown = await request(await backendFor({ workspace: 'nope' })).get(
      `${base}/experiment`,
    );
    expect(unknown.status).toBe(404);
  });

  it('a workspace configured for a server without workspaces is an upstream error (recorded 500 FEATURE_DISABLED)', async () => {
    const { backend } = await start({ workspace: 'risk' });
    const res = await request(backend).get(`${base}/experiment`);
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({
      code: 'UpstreamError',
      upstreamStatus: 500,
    });
    expect(res.body.error.message).toMatch(/FEATURE_DISABLED/);
  });
});

describe('MLflow 3 routes on MLflow 2.9 answers', () => {
  const server = setupMswServer();

  it('degrades: runs without datasets or LoggedModels, versions without LoggedModels, LoggedModels unsupported', async () => {
    server.use(...createFakeMlflow({ version: '2.9' }).handlers);
    const { server: backend } = await startMlopsTestBackend({
      config: instance(),
    });
    const runs = (await request(backend).get(`${base}/runs`))
      .body as MlflowRunsResponse;
    expect(runs.runs.length).toBeGreaterThan(0);
    expect(
      runs.runs.every(
        r => r.datasets!.length === 0 && r.loggedModelIds!.length === 0,
      ),
    ).toBe(true);
    const model = (await request(backend).get(`${base}/model`))
      .body as MlflowModelResponse;
    expect(
      model.versions.every(
        v => v.loggedModelId === undefined && v.loggedModel === undefined,
      ),
    ).toBe(true);
    const logged = await request(backend).get(`${base}/logged-models`);
    expect(logged.status).toBe(200);
    expect(logged.body).toMatchObject({
      supported: false,
      models: [],
      metricKeys: [],
      experimentUrl: `${UI}/#/experiments/1`,
    });
  });
});

describe('one deadline per route', () => {
  const server = setupMswServer();
  const TIMEOUT_MS = 300;

  async function timed(latencyMs: number, path: string) {
    server.use(...createFakeMlflow({ version: '3.11', latencyMs }).handlers);
    const { server: backend } = await startMlopsTestBackend({
      config: { ...instance(), timeoutMs: TIMEOUT_MS },
    });
    const started = Date.now();
    const res = await request(backend).get(`${base}${path}`);
    return { res, elapsed: Date.now() - started };
  }

  // Each of these routes waits for one MLflow answer before it asks the next.
  it('a metric history (run, then its history) fails within timeoutMs when each round alone would fit', async () => {
    const { res, elapsed } = await timed(
      200,
      `/runs/${NONFINITE_RUN}/metrics/loss/history`,
    );
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({
      code: 'UpstreamUnavailable',
      upstream: 'mlflow',
    });
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 150);
  });

  // Their second round only adds links and LoggedModels: past the deadline they answer without them.
  it('the model (versions, then their runs and LoggedModels) answers within timeoutMs, without the second round', async () => {
    const { res, elapsed } = await timed(200, '/model');
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 150);
    expect(res.status).toBe(200);
    const body = res.body as MlflowModelResponse;
    expect(body.versions.map(v => v.version)).toEqual(['4', '3', '2', '1']);
    expect(body.versions.filter(v => v.runUrl || v.loggedModel)).toEqual([]);
  });

  it('a run (run, then its LoggedModels) answers within timeoutMs, without the second round', async () => {
    const { res, elapsed } = await timed(200, `/runs/${LINEAGE_RUN}`);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 150);
    expect(res.status).toBe(200);
    expect((res.body as MlflowRunResponse).run).toMatchObject({
      loggedModelIds: [RF_MODEL],
      loggedModels: [],
    });
  });

  it('answers when both rounds fit in the deadline together', async () => {
    const { res } = await timed(
      50,
      `/runs/${NONFINITE_RUN}/metrics/loss/history`,
    );
    expect(res.status).toBe(200);
  });
});

describe('the per-instance concurrency limit', () => {
  const server = setupMswServer();

  it('keeps at most maxConcurrentRequests calls in flight and serves a burst of distinct queries in full', async () => {
    const fake = createFakeMlflow({ version: '3.11', latencyMs: 20 });
    server.use(...fake.handlers);
    const { server: backend } = await startMlopsTestBackend({
      config: { ...instance({ maxConcurrentRequests: 2 }), timeoutMs: 5000 },
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request(backend).get(`${base}/runs?pageSize=${i + 1}`),
      ),
    );
    expect(answers.map(a => a.status)).toEqual(Array(20).fill(200));
    expect(fake.maxInFlight).toBe(2);
  });
});

describe('no credential in any log line or error body', () => {
  const server = setupMswServer();
  const SECRETS = ['tok-3c1e9a', 'pw-77ab0d', 'url-pw-5f2e'];

  it('greps the captured logs and every error body for the configured secrets', async () => {
    const logged: string[] = [];
    for (const level of ['error', 'warn', 'info', 'debug', 'log'] as const) {
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(
          args
            .map(a => (typeof a === 'string' ? a : inspect(a, { depth: 6 })))
            .join(' '),
        );
      });
    }
    try {
      server.use(
        ...createFakeMlflow({
          version: '3.11',
          basicAuth: { username: 'admin', password: 'right' },
        }).handlers,
      );
      const { server: backend } = await startMlopsTestBackend({
        config: {
          mlflow: {
            defaultInstance: 'token',
            instances: [
              { name: 'token', baseUrl: MLFLOW, token: SECRETS[0] },
              {
                name: 'basic',
                baseUrl: MLFLOW,
                username: 'admin',
                password: SECRETS[1],
              },
              {
                name: 'in-url',
                baseUrl: `http://admin:${SECRETS[2]}@mlflow.test`,
              },
              {
                name: 'unreachable',
                baseUrl: `http://admin:${SECRETS[2]}@127.0.0.1:9`,
                token: undefined,
              },
            ],
          },
        },
        entities: ['token', 'basic', 'in-url', 'unreachable'].map(name =>
          entityWith(name, { 'mlflow.org/instance': name }),
        ),
        features: [mockServices.rootLogger.factory({ level: 'debug' })],
      });
      const bodies: string[] = [];
      for (const name of ['token', 'basic', 'in-url', 'unreachable']) {
        for (const path of [
          'experiment',
          'runs',
          'runs/abc',
          'model',
          'logged-models',
        ]) {
          const res = await request(backend).get(
            `/api/mlops/entity/default/Component/${name}/mlflow/${path}`,
          );
          expect(res.status).toBeGreaterThanOrEqual(400);
          bodies.push(res.text);
        }
      }
      expect(bodies.some(b => b.includes('UpstreamAuthRejected'))).toBe(true);
      expect(bodies.some(b => b.includes('UpstreamUnavailable'))).toBe(true);
      expect(logged.length).toBeGreaterThan(0);
      for (const secret of SECRETS) {
        expect(bodies.filter(b => b.includes(secret))).toEqual([]);
        expect(logged.filter(line => line.includes(secret))).toEqual([]);
      }
    } finally {
      jest.restoreAllMocks();
    }
  });
});
