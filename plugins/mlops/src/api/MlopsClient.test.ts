import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import {
  MlopsErrorBody,
  mlopsApiPaths,
} from '@mlops-portal/plugin-mlops-common';
import { MlopsClient } from './MlopsClient';
import { MlopsApiError } from './MlopsApiError';
import {
  accuracyHistory,
  rfTuned,
  rfTunedDetail,
  runsPage1,
  runsPage2,
} from '../components/MlflowRunsCard/__fixtures__/mlflowRuns';
import { fraudDetectorModel } from '../components/MlflowModelCard/__fixtures__/mlflowModel';
import { fraudPipeline } from '../components/DvcPipelineCard/__fixtures__/dvcPipeline';
import { gpuUsage } from '../components/GpuUsageCard/__fixtures__/gpuUsage';
import { canaryProgressing } from '../components/CanaryCard/__fixtures__/canary';

const baseUrl = 'http://localhost:7007/api/mlops';
const entity = {
  namespace: 'default',
  kind: 'Component',
  name: 'fraud-detection',
};
const url = (path: string) => `${baseUrl}${path}`;

const server = setupServer();
registerMswTestHooks(server);

const newClient = () =>
  new MlopsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: new MockFetchApi(),
  });
// A client per test: a client shares answers for a moment (see below).
let client = newClient();
beforeEach(() => {
  client = newClient();
});

const errorBody = (error: MlopsErrorBody['error']): MlopsErrorBody => ({
  error,
});

describe('MlopsClient', () => {
  it('reads every route from the paths mlops-common defines', async () => {
    server.use(
      http.get(url(mlopsApiPaths.mlflowRun(entity, rfTuned.runId)), () =>
        HttpResponse.json(rfTunedDetail),
      ),
      http.get(
        url(
          mlopsApiPaths.mlflowMetricHistory(entity, rfTuned.runId, 'accuracy'),
        ),
        () => HttpResponse.json(accuracyHistory[rfTuned.runId]),
      ),
      http.get(url(mlopsApiPaths.mlflowModel(entity)), () =>
        HttpResponse.json(fraudDetectorModel),
      ),
      http.get(url(mlopsApiPaths.dvcPipeline(entity)), () =>
        HttpResponse.json(fraudPipeline),
      ),
      http.get(url(mlopsApiPaths.gpu(entity)), () =>
        HttpResponse.json(gpuUsage),
      ),
      http.get(url(mlopsApiPaths.canary(entity)), () =>
        HttpResponse.json(canaryProgressing),
      ),
    );

    await expect(client.getMlflowRun(entity, rfTuned.runId)).resolves.toEqual(
      rfTunedDetail,
    );
    await expect(
      client.getMlflowMetricHistory(entity, rfTuned.runId, 'accuracy'),
    ).resolves.toEqual(accuracyHistory[rfTuned.runId]);
    await expect(client.getMlflowModel(entity)).resolves.toEqual(
      fraudDetectorModel,
    );
    await expect(client.getDvcPipeline(entity)).resolves.toEqual(fraudPipeline);
    await expect(client.getGpuUsage(entity)).resolves.toEqual(gpuUsage);
    await expect(client.getCanary(entity)).resolves.toEqual(canaryProgressing);
  });

  it('pages runs with the token, sort and chosen columns in the query', async () => {
    const seen: URLSearchParams[] = [];
    server.use(
      http.get(url(mlopsApiPaths.mlflowRuns(entity)), ({ request }) => {
        const query = new URL(request.url).searchParams;
        seen.push(query);
        return HttpResponse.json(
          query.get('pageToken') === runsPage1.nextPageToken
            ? runsPage2
            : runsPage1,
        );
      }),
    );

    const first = await client.getMlflowRuns(entity, {
      orderBy: 'metrics.accuracy',
      order: 'desc',
      pageSize: 2,
      params: ['lr', 'n_estimators'],
      metrics: ['accuracy'],
    });
    expect(first.runs.map(r => r.runName)).toEqual([
      'rf-tuned',
      'gbm-candidate',
    ]);
    const second = await client.getMlflowRuns(entity, {
      orderBy: 'metrics.accuracy',
      order: 'desc',
      pageSize: 2,
      pageToken: first.nextPageToken,
    });
    expect(second.runs.map(r => r.runName)).toEqual(['rf-baseline']);
    expect(second.nextPageToken).toBeUndefined();

    expect(Object.fromEntries(seen[0])).toEqual({
      orderBy: 'metrics.accuracy',
      order: 'desc',
      pageSize: '2',
      params: 'lr,n_estimators',
      metrics: 'accuracy',
    });
    expect(seen[1].get('pageToken')).toBe('eyJvZmZzZXQiOiAyfQ==');
  });

  it('escapes run ids and metric keys so they stay one path segment', async () => {
    let path = '';
    server.use(
      http.get(`${baseUrl}/*`, ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json(accuracyHistory[rfTuned.runId]);
      }),
    );
    await client.getMlflowMetricHistory(entity, '../x', 'loss/val');
    expect(path).toBe(
      '/api/mlops/entity/default/Component/fraud-detection/mlflow/runs/..%2Fx/metrics/loss%2Fval/history',
    );
  });

  it.each([
    [
      422,
      errorBody({
        code: 'NotConfigured',
        message: 'Entity has no mlflow.org/registered-model annotation',
        annotation: 'mlflow.org/registered-model',
      }),
    ],
    [
      503,
      errorBody({
        code: 'UpstreamUnavailable',
        upstream: 'mlflow',
        message: 'MLflow did not answer within 10000 ms',
      }),
    ],
    [
      502,
      errorBody({
        code: 'UpstreamError',
        upstream: 'mlflow',
        upstreamStatus: 500,
        message: 'INTERNAL_ERROR: database is locked',
      }),
    ],
    [
      404,
      errorBody({
        code: 'NotFound',
        upstream: 'mlflow',
        message:
          'RESOURCE_DOES_NOT_EXIST: Registered Model with name=fraud-detector not found',
      }),
    ],
    [
      400,
      errorBody({
        code: 'InvalidInput',
        annotation: 'mlflow.org/registered-model',
        message: 'mlflow.org/registered-model must not be empty',
      }),
    ],
  ])('turns a %s error body into a typed error', async (status, body) => {
    server.use(
      http.get(url(mlopsApiPaths.mlflowModel(entity)), () =>
        HttpResponse.json(body, { status }),
      ),
    );
    const error = await client.getMlflowModel(entity).catch(e => e);
    expect(error).toBeInstanceOf(MlopsApiError);
    expect(error).toMatchObject({ ...body.error, status });
  });

  it('reports a Backstage error (e.g. signed out) as a backend error', async () => {
    server.use(
      http.get(url(mlopsApiPaths.gpu(entity)), () =>
        HttpResponse.json(
          {
            error: {
              name: 'AuthenticationError',
              message: 'Missing credentials',
            },
          },
          { status: 401, statusText: 'Unauthorized' },
        ),
      ),
    );
    await expect(client.getGpuUsage(entity)).rejects.toMatchObject({
      code: 'BackendError',
      status: 401,
      message:
        'The MLOps backend answered 401 Unauthorized: Missing credentials',
    });
  });

  it('reports an answer that is not JSON', async () => {
    server.use(
      http.get(url(mlopsApiPaths.canary(entity)), () =>
        HttpResponse.text('<html>proxy error</html>', { status: 200 }),
      ),
    );
    await expect(client.getCanary(entity)).rejects.toMatchObject({
      code: 'BackendError',
      message: 'The MLOps backend answered with a body that is not JSON',
    });
  });

  it('reports an unreachable backend', async () => {
    server.use(
      http.get(url(mlopsApiPaths.dvcPipeline(entity)), () =>
        HttpResponse.error(),
      ),
    );
    await expect(client.getDvcPipeline(entity)).rejects.toMatchObject({
      code: 'BackendError',
      message: expect.stringMatching(/^Could not reach the MLOps backend/),
    });
  });

  it('asks once when two cards need the same answer at the same time', async () => {
    let requests = 0;
    server.use(
      http.get(url(mlopsApiPaths.canary(entity)), () => {
        requests++;
        return HttpResponse.json(canaryProgressing);
      }),
    );
    const [a, b] = await Promise.all([
      client.getCanary(entity),
      client.getCanary(entity),
    ]);
    // Just after the answer (the second card's chunk loaded later).
    const c = await client.getCanary(entity);
    expect(requests).toBe(1);
    expect(a).toEqual(canaryProgressing);
    expect(b).toBe(a);
    expect(c).toBe(a);

    // A refresh a moment later asks again.
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 5000);
    try {
      await client.getCanary(entity);
    } finally {
      clock.mockRestore();
    }
    expect(requests).toBe(2);
  });

  it('never shares an error: a retry asks again', async () => {
    let requests = 0;
    server.use(
      http.get(url(mlopsApiPaths.canary(entity)), () => {
        requests++;
        return requests === 1
          ? HttpResponse.json(
              errorBody({ code: 'UpstreamUnavailable', message: 'down' }),
              { status: 503 },
            )
          : HttpResponse.json(canaryProgressing);
      }),
    );
    await expect(client.getCanary(entity)).rejects.toBeInstanceOf(
      MlopsApiError,
    );
    await expect(client.getCanary(entity)).resolves.toEqual(canaryProgressing);
    expect(requests).toBe(2);
  });
});
