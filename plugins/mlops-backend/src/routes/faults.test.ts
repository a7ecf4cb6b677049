import { http, HttpResponse, delay } from 'msw';
import { createServer as createHttpServer } from 'http';
import { AddressInfo, createServer } from 'net';
import request from 'supertest';
import { demoClusters } from '@mlops-portal/plugin-mlops-backend-module-demo';
import {
  FAKE_MLFLOW_URL as MLFLOW,
  createFakeMlflow,
  listenResetting,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import {
  fakeKubernetesBackend,
  setupMswServer,
  startMlopsTestBackend,
  urlReaderFromFiles,
} from '../__testUtils__/startMlopsTestBackend';

const TIMEOUT_MS = 300;
const prod = demoClusters()['gpu-prod-eu'];
const cluster = {
  '/api/v1/nodes': prod['/api/v1/nodes'],
  '/api/v1/pods': prod['/api/v1/pods'],
};
const fakeMlflow = () => createFakeMlflow().handlers;
const API = `${MLFLOW}/api/2.0/mlflow`;
const entity = '/api/mlops/entity/default/Component/fraud-detection';
const mlflowConfig = (baseUrl = MLFLOW) => ({
  timeoutMs: TIMEOUT_MS,
  mlflow: { instances: [{ name: 'default', baseUrl }] },
});
const repo = urlReaderFromFiles({
  'data-plane/dvc/dvc.yaml': 'stages:\n  train:\n    cmd: python train.py\n',
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('upstream faults', () => {
  const server = setupMswServer();

  /** Makes MLflow's experiment lookup answer `status` with MLflow's error body; counts the calls. */
  function failingExperimentLookup(
    status: number,
    errorCode: string,
    message: string,
  ) {
    const counter = { calls: 0 };
    server.use(
      http.get(`${API}/experiments/get-by-name`, () => {
        counter.calls++;
        return HttpResponse.json(
          { error_code: errorCode, message },
          { status },
        );
      }),
    );
    return counter;
  }

  /** Asserts the MLflow runs route fails as expected while DVC and GPU keep answering. */
  async function expectIsolatedFailure(
    config: Record<string, unknown>,
    expected: Record<string, unknown>,
  ) {
    server.use(...fakeKubernetesBackend({ 'gpu-prod-eu': cluster }));
    const { server: backend } = await startMlopsTestBackend({
      config,
      urlReader: repo.reader,
    });
    const started = Date.now();
    const [runs, dvc, gpu] = await Promise.all([
      request(backend).get(`${entity}/mlflow/runs`),
      request(backend).get(`${entity}/dvc/pipeline`),
      request(backend).get(`${entity}/gpu`),
    ]);
    const elapsed = Date.now() - started;
    expect(runs.body.error).toMatchObject(expected);
    expect(dvc.status).toBe(200);
    expect(gpu.status).toBe(200);
    return { runs, elapsed };
  }

  it('upstream 500: UpstreamError with the upstream status, not retried', async () => {
    const lookups = failingExperimentLookup(
      500,
      'INTERNAL_ERROR',
      'database is locked',
    );
    const { runs } = await expectIsolatedFailure(mlflowConfig(), {
      code: 'UpstreamError',
      upstream: 'mlflow',
      upstreamStatus: 500,
    });
    expect(runs.status).toBe(502);
    expect(runs.body.error.message).toMatch(/database is locked/);
    expect(lookups.calls).toBe(1);
  });

  it('no answer at all: UpstreamUnavailable within the timeout', async () => {
    server.use(
      http.get(`${API}/experiments/get-by-name`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const { runs, elapsed } = await expectIsolatedFailure(mlflowConfig(), {
      code: 'UpstreamUnavailable',
      upstream: 'mlflow',
    });
    expect(runs.status).toBe(503);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 2000);
  });

  it('slow upstream past the timeout: UpstreamUnavailable, not the late answer', async () => {
    server.use(
      http.get(`${API}/experiments/get-by-name`, async () => {
        await delay(TIMEOUT_MS * 4);
        return undefined;
      }),
      ...fakeMlflow(),
    );
    const { runs, elapsed } = await expectIsolatedFailure(mlflowConfig(), {
      code: 'UpstreamUnavailable',
    });
    expect(runs.body.error.message).toMatch(
      /no answer within 300 ms|timed out/,
    );
    expect(elapsed).toBeLessThan(TIMEOUT_MS * 4);
  });

  it('malformed JSON: UpstreamError naming the bad body', async () => {
    server.use(
      http.get(
        `${API}/experiments/get-by-name`,
        () =>
          new HttpResponse('{"experiment": {"experiment_id": "1", ', {
            headers: { 'Content-Type': 'application/json' },
          }),
      ),
    );
    const { runs } = await expectIsolatedFailure(mlflowConfig(), {
      code: 'UpstreamError',
      upstream: 'mlflow',
    });
    expect(runs.body.error.message).toMatch(/not JSON/);
  });

  it('connection refused: UpstreamUnavailable', async () => {
    const port = await closedPort();
    const { runs } = await expectIsolatedFailure(
      mlflowConfig(`http://127.0.0.1:${port}`),
      {
        code: 'UpstreamUnavailable',
        upstream: 'mlflow',
      },
    );
    expect(runs.status).toBe(503);
  });

  it('retries 503 at most twice, then answers UpstreamUnavailable with the status', async () => {
    const lookups = failingExperimentLookup(
      503,
      'TEMPORARILY_UNAVAILABLE',
      'overloaded',
    );
    const { server: backend } = await startMlopsTestBackend({
      config: { ...mlflowConfig(), timeoutMs: 3000 },
    });
    const res = await request(backend).get(`${entity}/mlflow/experiment`);
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({
      code: 'UpstreamUnavailable',
      upstreamStatus: 503,
    });
    expect(lookups.calls).toBe(3);
  });

  it('recovers when a retry succeeds', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/experiments/get-by-name`, () => {
        calls++;
        return calls === 1
          ? new HttpResponse(null, { status: 502 })
          : undefined;
      }),
      ...fakeMlflow(),
    );
    const { server: backend } = await startMlopsTestBackend({
      config: { ...mlflowConfig(), timeoutMs: 3000 },
    });
    const res = await request(backend).get(`${entity}/mlflow/experiment`);
    expect(res.status).toBe(200);
    expect(calls).toBe(2);
  });

  it('retries a connection reset by the upstream', async () => {
    const resetting = await listenResetting();
    server.use(...fakeKubernetesBackend({ 'gpu-prod-eu': cluster }));
    const { server: backend } = await startMlopsTestBackend({
      // A generous deadline: on a loaded 2-core machine a 3 s deadline cut the last retries short.
      config: {
        timeoutMs: 15000,
        prometheus: { baseUrl: resetting.url },
      },
    });
    const res = await request(backend).get(`${entity}/gpu`);
    await resetting.close();
    expect(res.status).toBe(200);
    expect(res.body.metricsAvailable).toBe(false);
    // The inventory refresh's three DCGM queries (utilisation, memory, MIG engine activity), each tried three times.
    expect(resetting.connections).toBe(9);
  });

  it('retries an MLflow connection reset and answers from the retry', async () => {
    // msw cannot fake a reset: a real server drops the first request's socket.
    let requests = 0;
    const mlflow = createHttpServer((req, res) => {
      requests++;
      if (requests === 1) {
        req.socket.destroy();
        return;
      }
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          error_code: 'RESOURCE_DOES_NOT_EXIST',
          message: 'Experiment not found',
        }),
      );
    });
    await new Promise<void>(resolve => mlflow.listen(0, '127.0.0.1', resolve));
    const { port } = mlflow.address() as AddressInfo;
    try {
      const { server: backend } = await startMlopsTestBackend({
        config: {
          ...mlflowConfig(`http://127.0.0.1:${port}`),
          timeoutMs: 3000,
        },
      });
      const res = await request(backend).get(`${entity}/mlflow/experiment`);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({
        code: 'NotFound',
        upstream: 'mlflow',
      });
      expect(requests).toBe(2);
    } finally {
      await new Promise(resolve => mlflow.close(resolve));
    }
  });

  it('coalesces identical concurrent upstream calls and caches the answer', async () => {
    const seen: string[] = [];
    server.events.on('request:start', ({ request: req }) => {
      if (req.url.startsWith(MLFLOW)) seen.push(new URL(req.url).pathname);
    });
    server.use(...fakeMlflow());
    const { server: backend } = await startMlopsTestBackend({
      config: { ...mlflowConfig(), timeoutMs: 3000, cacheTtlSeconds: 60 },
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(backend).get(`${entity}/mlflow/runs?pageSize=2`),
      ),
    );
    expect(answers.every(a => a.status === 200)).toBe(true);
    const again = await request(backend).get(
      `${entity}/mlflow/runs?pageSize=2`,
    );
    server.events.removeAllListeners();
    expect(again.status).toBe(200);
    expect(again.body.meta.fetchedAt).toBe(answers[0].body.meta.fetchedAt);
    expect(seen.sort()).toEqual([
      '/api/2.0/mlflow/experiments/get-by-name',
      '/api/2.0/mlflow/runs/search',
    ]);
  });
});
