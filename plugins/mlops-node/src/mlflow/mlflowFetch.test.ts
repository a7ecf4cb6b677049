import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { delay, http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { MlflowApiError, mlflowFetch } from './mlflowFetch';
import { listenResetting, mlflowRecording } from '../testUtils';

const experimentByName = mlflowRecording<Record<string, unknown>>(
  '2.9',
  'experiments-get-by-name.json',
);
const notFound = mlflowRecording<Record<string, unknown>>(
  '2.9',
  'error-experiment-get-by-name.json',
);
const badParam = mlflowRecording<Record<string, unknown>>(
  '2.9',
  'error-bad-param.json',
);

const BASE = 'https://mlflow.example.com/tracking';
const server = setupServer();
registerMswTestHooks(server);

async function failure(promise: Promise<unknown>): Promise<MlflowApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof MlflowApiError)) {
    throw new Error(`expected an MlflowApiError, got ${String(error)}`);
  }
  return error;
}

/** `experiments/get` answers `body` (not JSON) with `status`. */
const experimentsGetAnswers = (body: string, status: number) =>
  server.use(
    http.get(
      `${BASE}/api/2.0/mlflow/experiments/get`,
      () => new HttpResponse(body, { status }),
    ),
  );

describe('mlflowFetch', () => {
  it('GETs an endpoint under /api/2.0/mlflow with its query and returns the JSON body', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(
        `${BASE}/api/2.0/mlflow/experiments/get-by-name`,
        ({ request }) => {
          seen = new URL(request.url);
          return HttpResponse.json(experimentByName);
        },
      ),
    );
    const body = await mlflowFetch(
      { baseUrl: `${BASE}/` },
      'experiments/get-by-name',
      {
        query: { experiment_name: 'fraud detection', skip: undefined },
        timeoutMs: 1000,
      },
    );
    expect(body).toEqual(experimentByName);
    expect(seen?.searchParams.get('experiment_name')).toBe('fraud detection');
    expect(seen?.searchParams.has('skip')).toBe(false);
  });

  it('POSTs a JSON body with the bearer token when one is configured', async () => {
    let auth: string | null = null;
    let received: unknown;
    server.use(
      http.post(
        `${BASE}/api/2.0/mlflow/experiments/create`,
        async ({ request }) => {
          auth = request.headers.get('authorization');
          received = await request.json();
          return HttpResponse.json({ experiment_id: '7' });
        },
      ),
    );
    const body = await mlflowFetch(
      { baseUrl: BASE, token: 'dapi-secret' },
      'experiments/create',
      { body: { name: 'x' }, timeoutMs: 1000 },
    );
    expect(body).toEqual({ experiment_id: '7' });
    expect(auth).toBe('Bearer dapi-secret');
    expect(received).toEqual({ name: 'x' });
  });

  it('sends no Authorization header without a token and accepts an empty body', async () => {
    let auth: string | null = 'unset';
    server.use(
      http.post(
        `${BASE}/api/2.0/mlflow/experiments/set-experiment-tag`,
        ({ request }) => {
          auth = request.headers.get('authorization');
          return new HttpResponse(null, { status: 200 });
        },
      ),
    );
    await expect(
      mlflowFetch({ baseUrl: BASE }, 'experiments/set-experiment-tag', {
        body: {},
        timeoutMs: 1000,
      }),
    ).resolves.toEqual({});
    expect(auth).toBeNull();
  });

  it('turns MLflow error bodies into errors with the error_code and HTTP status', async () => {
    server.use(
      http.get(`${BASE}/api/2.0/mlflow/experiments/get-by-name`, () =>
        HttpResponse.json(notFound, { status: 404 }),
      ),
      http.post(`${BASE}/api/2.0/mlflow/runs/search`, () =>
        HttpResponse.json(badParam, { status: 400 }),
      ),
    );
    const missing = await failure(
      mlflowFetch({ baseUrl: BASE }, 'experiments/get-by-name', {
        query: { experiment_name: 'no-such-experiment' },
        timeoutMs: 1000,
      }),
    );
    expect(missing).toMatchObject({
      status: 404,
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
      message:
        "MLflow GET /tracking/api/2.0/mlflow/experiments/get-by-name failed with HTTP 404 RESOURCE_DOES_NOT_EXIST: Could not find experiment with name 'no-such-experiment'",
    });
    const invalid = await failure(
      mlflowFetch({ baseUrl: BASE }, 'runs/search', {
        body: { max_results: 100000 },
        timeoutMs: 1000,
      }),
    );
    expect(invalid).toMatchObject({
      status: 400,
      errorCode: 'INVALID_PARAMETER_VALUE',
    });
  });

  it('names the HTTP status when the error body is not MLflow JSON, and never leaks the token', async () => {
    experimentsGetAnswers('<html>Bad gateway</html>', 502);
    const error = await failure(
      mlflowFetch({ baseUrl: BASE, token: 'dapi-secret' }, 'experiments/get', {
        timeoutMs: 1000,
      }),
    );
    expect(error).toMatchObject({ status: 502, errorCode: 'HTTP_502' });
    expect(error.message).toBe(
      'MLflow GET /tracking/api/2.0/mlflow/experiments/get failed with HTTP 502 HTTP_502',
    );
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(
      'dapi-secret',
    );
  });

  it('rejects a 200 answer that is not JSON', async () => {
    experimentsGetAnswers('<html>login</html>', 200);
    const error = await failure(
      mlflowFetch({ baseUrl: BASE }, 'experiments/get', { timeoutMs: 1000 }),
    );
    expect(error.errorCode).toBe('INVALID_RESPONSE');
  });

  it('gives up after the timeout', async () => {
    server.use(
      http.get(`${BASE}/api/2.0/mlflow/experiments/get`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const error = await failure(
      mlflowFetch({ baseUrl: BASE }, 'experiments/get', { timeoutMs: 50 }),
    );
    expect(error).toMatchObject({ errorCode: 'TIMEOUT', status: undefined });
    expect(error.message).toBe(
      'MLflow GET /tracking/api/2.0/mlflow/experiments/get timed out after 50 ms',
    );
  });

  it('stops when the caller aborts', async () => {
    server.use(
      http.get(`${BASE}/api/2.0/mlflow/experiments/get`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const controller = new AbortController();
    const call = failure(
      mlflowFetch({ baseUrl: BASE }, 'experiments/get', {
        timeoutMs: 10_000,
        signal: controller.signal,
      }),
    );
    controller.abort();
    expect((await call).errorCode).toBe('ABORTED');
  });

  it('reports an unreachable server', async () => {
    server.use(
      http.get(`${BASE}/api/2.0/mlflow/experiments/get`, () =>
        HttpResponse.error(),
      ),
    );
    const error = await failure(
      mlflowFetch({ baseUrl: BASE }, 'experiments/get', { timeoutMs: 1000 }),
    );
    expect(error.errorCode).toBe('UNREACHABLE');
    expect(error.message).toMatch(
      /^MLflow GET \/tracking\/api\/2.0\/mlflow\/experiments\/get failed: /,
    );
  });

  it('tells a connection reset by the server apart from an unreachable server', async () => {
    const resetting = await listenResetting();
    const port = new URL(resetting.url).port;
    // A real socket: msw cannot fake a reset, so let this request through.
    server.use(http.all(`http://127.0.0.1:${port}/*`, () => passthrough()));
    try {
      const error = await failure(
        mlflowFetch(
          { baseUrl: `http://127.0.0.1:${port}` },
          'experiments/get',
          {
            timeoutMs: 2000,
          },
        ),
      );
      expect(error.errorCode).toBe('CONNECTION_RESET');
      expect(error.message).toMatch(/\((ECONNRESET|UND_ERR_SOCKET|EPIPE)\)$/);
      expect(resetting.connections).toBe(1);
    } finally {
      await resetting.close();
    }
  });
});
