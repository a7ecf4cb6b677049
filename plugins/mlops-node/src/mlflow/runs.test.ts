import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { MlflowApiError } from './mlflowFetch';
import { getMlflowMetricHistory, getMlflowRun, searchMlflowRuns } from './runs';
import { mlflowHttpTransport } from './transport';
import { mlflowRecording } from '../testUtils';

const page1 = mlflowRecording<any>('2.9', 'runs-search-page1.json');
const page2 = mlflowRecording<any>('2.9', 'runs-search-page2.json');
const runGet = mlflowRecording<any>('2.9', 'runs-get.json');
const runMissing = mlflowRecording<any>('2.9', 'error-runs-get.json');
const history = mlflowRecording<any>('2.9', 'metrics-get-history.json');

const BASE = 'http://mlflow.test';
const transport = mlflowHttpTransport({ baseUrl: BASE, token: 'secret-token' });

describe('MLflow run reads', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('searches runs page by page with page_token, ordered and filtered server-side', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${BASE}/api/2.0/mlflow/runs/search`, async ({ request }) => {
        expect(request.headers.get('authorization')).toBe(
          'Bearer secret-token',
        );
        const body = (await request.json()) as { page_token?: string };
        bodies.push(body);
        return HttpResponse.json(body.page_token ? page2 : page1);
      }),
    );
    const first = await searchMlflowRuns(
      transport,
      {
        experimentIds: ['1'],
        orderBy: ['metrics.accuracy DESC'],
        maxResults: 2,
        filter: "attributes.status = 'FINISHED'",
      },
      { timeoutMs: 1000 },
    );
    expect(first.runs.map(r => r.runName)).toEqual([
      'rf-tuned',
      'gbm-candidate',
    ]);
    expect(first.runs[0]).toMatchObject({
      runId: 'ef3ddc348bff489495f8c92023e5c033',
      status: 'FINISHED',
      params: { lr: '0.05', n_estimators: '300' },
      metrics: { accuracy: 0.92, f1: 0.85 },
    });
    expect(first.runs[0].tags['dvc.stage']).toBe('train');
    expect(first.nextPageToken).toBe('eyJvZmZzZXQiOiAyfQ==');
    const second = await searchMlflowRuns(
      transport,
      { experimentIds: ['1'], maxResults: 2, pageToken: first.nextPageToken },
      { timeoutMs: 1000 },
    );
    expect(second.runs).toHaveLength(1);
    expect(second.nextPageToken).toBeUndefined();
    expect(bodies[0]).toEqual({
      experiment_ids: ['1'],
      filter: "attributes.status = 'FINISHED'",
      order_by: ['metrics.accuracy DESC'],
      max_results: 2,
    });
  });

  it('gets one run, and reports a missing run as RESOURCE_DOES_NOT_EXIST', async () => {
    server.use(
      http.get(`${BASE}/api/2.0/mlflow/runs/get`, ({ request }) =>
        new URL(request.url).searchParams.get('run_id') ===
        'ef3ddc348bff489495f8c92023e5c033'
          ? HttpResponse.json(runGet)
          : HttpResponse.json(runMissing, { status: 404 }),
      ),
    );
    const run = await getMlflowRun(
      transport,
      'ef3ddc348bff489495f8c92023e5c033',
      { timeoutMs: 1000 },
    );
    expect(run.tags['mlflow.source.git.commit']).toBe(
      '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b',
    );
    const error = await getMlflowRun(transport, '0'.repeat(32), {
      timeoutMs: 1000,
    }).catch(e => e);
    expect(error).toBeInstanceOf(MlflowApiError);
    expect(error).toMatchObject({
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
      status: 404,
    });
  });

  it('joins every page of a metric history', async () => {
    const [a, b, c] = history.metrics;
    server.use(
      http.get(`${BASE}/api/2.0/mlflow/metrics/get-history`, ({ request }) => {
        const token = new URL(request.url).searchParams.get('page_token');
        if (!token)
          return HttpResponse.json({ metrics: [c], next_page_token: 'p2' });
        if (token === 'p2')
          return HttpResponse.json({ metrics: [a], next_page_token: 'p3' });
        return HttpResponse.json({ metrics: [b] });
      }),
    );
    const points = await getMlflowMetricHistory(transport, 'run', 'accuracy', {
      timeoutMs: 1000,
    });
    expect(points).toEqual([
      { step: 0, timestamp: a.timestamp, value: 0.84 },
      { step: 1, timestamp: b.timestamp, value: 0.89 },
      { step: 2, timestamp: c.timestamp, value: 0.92 },
    ]);
  });
});
