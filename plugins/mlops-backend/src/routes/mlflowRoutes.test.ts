// The same imports as mlflow3Routes.test.ts on purpose: both test these routes, on MLflow 2.9 and 3.11 answers.
import {
  MlflowMetricHistoryResponse,
  MlflowModelResponse,
  MlflowRunResponse,
  MlflowRunsResponse,
} from '@mlops-portal/plugin-mlops-common';
import { http, HttpResponse } from 'msw';
import request from 'supertest';
import type { RunJson } from '@mlops-portal/plugin-mlops-node';
import {
  FAKE_MLFLOW_URL as MLFLOW,
  RECORDED_MLFLOW_RUN_ID as RUN,
  createFakeMlflow,
  mlflowRecording,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import {
  entityWith,
  setupMswServer,
  startMlopsTestBackend,
} from '../__testUtils__/startMlopsTestBackend';

const API = `${MLFLOW}/api/2.0/mlflow`;
const runGet = mlflowRecording<{ run: RunJson }>('2.9', 'runs-get.json');
const fakeMlflow = () => createFakeMlflow().handlers;
const base = '/api/mlops/entity/default/Component/fraud-detection/mlflow';
const config = {
  mlflow: {
    instances: [
      {
        name: 'default',
        baseUrl: MLFLOW,
        uiUrl: 'https://mlflow.example.com',
        token: 'mlflow-secret',
      },
    ],
  },
};

describe('MLflow routes', () => {
  const server = setupMswServer();

  it('answers the experiment with a UI link and sends the bearer token', async () => {
    let auth: string | null = null;
    server.use(
      http.get(`${API}/experiments/get-by-name`, ({ request: req }) => {
        auth = req.headers.get('authorization');
        return undefined;
      }),
      ...fakeMlflow(),
    );
    const { server: backend } = await startMlopsTestBackend({ config });
    const res = await request(backend).get(`${base}/experiment`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      experiment: {
        experimentId: '1',
        name: 'fraud-detection',
        lifecycleStage: 'active',
      },
      experimentUrl: 'https://mlflow.example.com/#/experiments/1',
      instance: 'default',
      meta: { demo: false },
    });
    expect(auth).toBe('Bearer mlflow-secret');
    expect(JSON.stringify(res.body)).not.toContain('mlflow-secret');
  });

  it('pages runs server-side, ordered and filtered, with chosen columns', async () => {
    const mlflow = createFakeMlflow();
    server.use(...mlflow.handlers);
    const searches = () =>
      mlflow.calls.filter(c => c.endpoint === 'runs/search').map(c => c.body);
    const { server: backend } = await startMlopsTestBackend({ config });

    const first = await request(backend).get(
      `${base}/runs?orderBy=metrics.accuracy&order=desc&pageSize=2&status=FINISHED&params=n_estimators&metrics=accuracy`,
    );
    expect(first.status).toBe(200);
    const body = first.body as MlflowRunsResponse;
    expect(body.runs.map(r => r.runName)).toEqual([
      'rf-tuned',
      'gbm-candidate',
    ]);
    expect(body.runs[0]).toMatchObject({
      runId: RUN,
      status: 'FINISHED',
      params: { n_estimators: '300' },
      metrics: { accuracy: 0.92 },
      gitCommit: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b',
      dvcStage: 'train',
      runUrl: `https://mlflow.example.com/#/experiments/1/runs/${RUN}`,
    });
    expect(body.runs[0].params).not.toHaveProperty('lr');
    expect(body.paramKeys).toEqual(
      expect.arrayContaining(['lr', 'n_estimators']),
    );
    expect(body.nextPageToken).toBe('eyJvZmZzZXQiOiAyfQ==');
    expect(searches()[0]).toEqual({
      experiment_ids: ['1'],
      filter: "attributes.status = 'FINISHED'",
      order_by: ['metrics.accuracy DESC'],
      max_results: 2,
    });

    const second = await request(backend).get(
      `${base}/runs?pageSize=2&pageToken=${body.nextPageToken}`,
    );
    expect(second.status).toBe(200);
    expect(second.body.runs).toHaveLength(1);
    expect(second.body.nextPageToken).toBeUndefined();
  });

  it('passes a valid filter on to runs/search, canonical and joined with the status', async () => {
    const mlflow = createFakeMlflow();
    server.use(...mlflow.handlers);
    const { server: backend } = await startMlopsTestBackend({ config });
    const filter = "metrics.accuracy >= 0.9 and params.`n_estimators` = '300'";
    const res = await request(backend).get(
      `${base}/runs?status=FINISHED&filter=${encodeURIComponent(filter)}`,
    );
    expect(res.status).toBe(200);
    const search = mlflow.calls.find(c => c.endpoint === 'runs/search')!
      .body as { filter: string };
    expect(search.filter).toBe(
      "metrics.accuracy >= 0.9 AND params.n_estimators = '300' AND attributes.status = 'FINISHED'",
    );
  });

  it('answers one run with its tags, and a metric history', async () => {
    server.use(...fakeMlflow());
    const { server: backend } = await startMlopsTestBackend({ config });
    const run = await request(backend).get(`${base}/runs/${RUN}`);
    expect(run.status).toBe(200);
    const detail = (run.body as MlflowRunResponse).run;
    expect(detail).toMatchObject({
      runId: RUN,
      experimentId: '1',
      dvcStage: 'train',
    });
    expect(detail.tags['mlflow.source.git.branch']).toBe('main');

    const hist = await request(backend).get(
      `${base}/runs/${RUN}/metrics/accuracy/history`,
    );
    expect(hist.status).toBe(200);
    expect(
      (hist.body as MlflowMetricHistoryResponse).points.map(p => p.value),
    ).toEqual([0.84, 0.89, 0.92]);
  });

  it('answers the registered model with aliases, stages and source run links', async () => {
    server.use(...fakeMlflow());
    const { server: backend } = await startMlopsTestBackend({ config });
    const res = await request(backend).get(`${base}/model`);
    expect(res.status).toBe(200);
    const body = res.body as MlflowModelResponse;
    expect(body.model.aliases).toEqual({ champion: '2' });
    expect(body.versions.map(v => [v.version, v.aliases, v.stage])).toEqual([
      ['2', ['champion'], 'Production'],
      ['1', [], undefined],
    ]);
    expect(body.versions[0].runUrl).toBe(
      `https://mlflow.example.com/#/experiments/1/runs/${RUN}`,
    );
    expect(body.modelUrl).toBe(
      'https://mlflow.example.com/#/models/fraud-detector',
    );
  });

  it('maps RESOURCE_DOES_NOT_EXIST to NotFound', async () => {
    server.use(...fakeMlflow());
    const { server: backend } = await startMlopsTestBackend({
      config,
      entities: [
        entityWith('ghost', {
          'mlflow.org/experiment-name': 'no-such-experiment',
        }),
      ],
    });
    const res = await request(backend).get(
      '/api/mlops/entity/default/Component/ghost/mlflow/experiment',
    );
    // Every route refuses alike (status, code, upstream); each route's test checks its own refusal.
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      code: 'NotFound',
      upstream: 'mlflow',
      upstreamStatus: 404,
    });
    const run = await request(backend).get(`${base}/runs/${'0'.repeat(32)}`);
    expect(run.status).toBe(404);
  });

  it('refuses a run of another experiment', async () => {
    server.use(
      http.get(`${API}/runs/get`, () =>
        HttpResponse.json({
          run: {
            ...runGet.run,
            info: { ...runGet.run.info, experiment_id: '7' },
          },
        }),
      ),
      ...fakeMlflow(),
    );
    const { server: backend } = await startMlopsTestBackend({ config });
    const res = await request(backend).get(`${base}/runs/${RUN}`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(
      /not a run of experiment 'fraud-detection'/,
    );
  });

  it('refuses an instance name that is not in config, without calling anything', async () => {
    const calls: string[] = [];
    server.events.on('request:start', ({ request: req }) =>
      calls.push(req.url),
    );
    server.use(...fakeMlflow());
    const { server: backend } = await startMlopsTestBackend({
      config,
      entities: [
        entityWith('elsewhere', { 'mlflow.org/instance': 'attacker' }),
      ],
    });
    const res = await request(backend).get(
      '/api/mlops/entity/default/Component/elsewhere/mlflow/runs',
    );
    server.events.removeAllListeners();
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'InvalidInput',
      annotation: 'mlflow.org/instance',
    });
    expect(calls.filter(url => url.startsWith(MLFLOW))).toEqual([]);
  });

  it.each([
    ['pageSize=1000', /pageSize/],
    ['orderBy=drop table', /orderBy/],
    ['status=DONE', /status/],
    ['order=sideways', /order must be/],
    [
      `filter=${encodeURIComponent("metrics.f1 > 'high'")}`,
      /^filter: metrics.f1 is a number/,
    ],
    [
      `filter=${encodeURIComponent("metrics.f1 > 0.8 or params.model = 'x'")}`,
      /^filter: MLflow filters cannot use OR/,
    ],
    [
      `filter=${encodeURIComponent("params.model = 'x'; drop")}`,
      /^filter: unexpected/,
    ],
  ])('refuses the runs query %s', async (query, message) => {
    const { server: backend } = await startMlopsTestBackend({ config });
    const res = await request(backend).get(`${base}/runs?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers NotConfigured without instances or without the annotation', async () => {
    const { server: backend } = await startMlopsTestBackend({
      entities: [
        entityWith('fraud-detection', {
          'mlflow.org/registered-model': undefined,
        }),
      ],
    });
    const none = await request(backend).get(`${base}/experiment`);
    expect(none.status).toBe(422);
    expect(none.body.error.message).toMatch(/mlops.mlflow.instances/);
    const { server: configured } = await startMlopsTestBackend({
      config,
      entities: [
        entityWith('fraud-detection', {
          'mlflow.org/registered-model': undefined,
        }),
      ],
    });
    const model = await request(configured).get(`${base}/model`);
    expect(model.status).toBe(422);
    expect(model.body.error).toMatchObject({
      code: 'NotConfigured',
      annotation: 'mlflow.org/registered-model',
    });
  });
});
