/*
 * Benchmark of the MLOps backend against fake upstreams on loopback HTTP.
 * Prints the figures of the plugin README. Run with
 * `yarn workspace @mlops-portal/plugin-mlops-backend bench`; only the burst
 * figure (5): `yarn workspace @mlops-portal/plugin-mlops-backend bench burst`.
 */
import { BackendFeature } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import { ChildProcess, spawn } from 'child_process';
import { cpus, loadavg, totalmem } from 'os';
import { join } from 'path';
import { createInterface } from 'readline';
import { fraudDetection } from '../src/__testUtils__/startMlopsTestBackend';
import { mlopsPlugin } from '../src/plugin';
import { gpuFigures } from './gpuFigures';

interface Upstreams {
  mlflow: number;
  kubernetes: number;
  prometheus: number;
  sizes: Record<string, number>;
}

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
const USER = mockCredentials.user.header();
const ENTITY_PATH = '/api/mlops/entity/default/Component/fraud-detection';

function startUpstreams(
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; ports: Upstreams }> {
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      join(__dirname, 'fakeUpstreams.ts'),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', code =>
      reject(new Error(`fake upstreams exited with ${code}`)),
    );
    createInterface({ input: child.stdout! }).once('line', line =>
      resolve({ child, ports: JSON.parse(line) }),
    );
  });
}

async function startBackend(
  ports: Upstreams,
  cacheTtlSeconds: number,
  extra: BackendFeature[] = [],
  mlops: { timeoutMs?: number; mlflowInstance?: Record<string, unknown> } = {},
) {
  const backend = await startTestBackend({
    features: [
      ...extra,
      mlopsPlugin,
      kubernetesPlugin,
      catalogServiceMock.factory({ entities: [fraudDetection] }),
      mockServices.rootConfig.factory({
        data: {
          mlops: {
            timeoutMs: mlops.timeoutMs ?? 30_000,
            cacheTtlSeconds,
            mlflow: {
              instances: [
                {
                  name: 'default',
                  baseUrl: `http://127.0.0.1:${ports.mlflow}`,
                  ...mlops.mlflowInstance,
                },
              ],
            },
            prometheus: { baseUrl: `http://127.0.0.1:${ports.prometheus}` },
          },
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'bench-cluster',
                    url: `http://127.0.0.1:${ports.kubernetes}`,
                    authProvider: 'serviceAccount',
                    serviceAccountToken: 'bench-token',
                    skipTLSVerify: true,
                  },
                ],
              },
            ],
          },
        },
      }),
    ],
  });
  const address = backend.server.address();
  const base = `http://127.0.0.1:${
    typeof address === 'object' && address ? address.port : 0
  }`;
  return { backend, base };
}

async function timed(fn: () => Promise<Response>): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await fn();
  await response.arrayBuffer();
  if (!response.ok)
    throw new Error(`HTTP ${response.status} from ${response.url}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const get = (url: string) => fetch(url, { headers: { Authorization: USER } });

async function upstreamStats(port: number): Promise<Record<string, number>> {
  return (await fetch(`http://127.0.0.1:${port}/__stats`)).json() as Promise<
    Record<string, number>
  >;
}
async function resetStats(port: number) {
  await fetch(`http://127.0.0.1:${port}/__reset`);
}

/** Figure 1: runs route vs the same MLflow calls made directly (get-by-name, then runs/search). */
async function figure1(ports: Upstreams, label: string) {
  const mlflow = `http://127.0.0.1:${ports.mlflow}/api/2.0/mlflow`;
  const direct = async () => {
    const started = process.hrtime.bigint();
    const e = await fetch(
      `${mlflow}/experiments/get-by-name?experiment_name=fraud-detection`,
    );
    const { experiment } = (await e.json()) as {
      experiment: { experiment_id: string };
    };
    const r = await fetch(`${mlflow}/runs/search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        experiment_ids: [experiment.experiment_id],
        order_by: ['attributes.start_time DESC'],
        max_results: 25,
      }),
    });
    await r.json();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const cold = await startBackend(ports, 0);
  const cached = await startBackend(ports, 60);
  const route = (base: string) => () =>
    get(`${base}${ENTITY_PATH}/mlflow/runs`);
  // Warm up connections and JIT on both paths.
  for (let i = 0; i < 10; i++) {
    await direct();
    await timed(route(cold.base));
    await timed(route(cached.base));
  }
  const directTimes: number[] = [];
  const coldTimes: number[] = [];
  const cachedTimes: number[] = [];
  for (let i = 0; i < ITERATIONS * 3; i++) {
    directTimes.push(await direct());
    coldTimes.push(await timed(route(cold.base)));
    cachedTimes.push(await timed(route(cached.base)));
  }
  await cold.backend.stop();
  await cached.backend.stop();
  const d = median(directTimes);
  console.log(
    `1. runs route vs direct MLflow (${label}, ${
      ITERATIONS * 3
    } requests each, medians)`,
  );
  console.log(
    `   direct ${fmt(d)} | route cold ${fmt(median(coldTimes))} (${(
      median(coldTimes) / d
    ).toFixed(2)}x) | route cached ${fmt(median(cachedTimes))} (${(
      median(cachedTimes) / d
    ).toFixed(2)}x)`,
  );
}

/** Figure 3: 200 concurrent requests for the same entity on a fresh backend. */
async function figure3(ports: Upstreams) {
  const { backend, base } = await startBackend(ports, 30);
  await resetStats(ports.mlflow);
  const started = process.hrtime.bigint();
  const results = await Promise.all(
    Array.from({ length: 200 }, () =>
      get(`${base}${ENTITY_PATH}/mlflow/runs`).then(async r => {
        await r.arrayBuffer();
        return r.status;
      }),
    ),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stats = await upstreamStats(ports.mlflow);
  await backend.stop();
  const errors = results.filter(status => status !== 200).length;
  const perRequest = Object.values(stats);
  console.log('3. 200 concurrent runs requests, same entity, fresh backend');
  console.log(
    `   ${(200 / seconds).toFixed(
      0,
    )} requests/s, ${errors} errors, ${perRequest.reduce(
      (a, b) => a + b,
      0,
    )} upstream calls for ${
      perRequest.length
    } distinct upstream requests (max ${Math.max(...perRequest)} per request)`,
  );
}

/** Figures 2 and 4: the GPU inventory's refresh and memory, and the GPU route warm vs the Kubernetes backend (bench/gpuFigures.ts). */
function gpu(ports: Upstreams, label: string) {
  return gpuFigures(
    {
      sizes: ports.sizes,
      startBackend: (ttl, features) => startBackend(ports, ttl, features),
      timed,
      get,
      kubernetesServices: base => () =>
        fetch(`${base}/api/kubernetes/services/fraud-detection`, {
          method: 'POST',
          headers: { Authorization: USER, 'Content-Type': 'application/json' },
          body: JSON.stringify({ entity: fraudDetection }),
        }),
      iterations: ITERATIONS,
      entityPath: ENTITY_PATH,
    },
    label,
  );
}

/**
 * Figure 5: a burst of 200 distinct runs queries against a fake MLflow that
 * serves `workers` requests at a time (a single-worker server: 1), with the
 * backend's per-instance limit and the default 10 s route deadline.
 */
async function figure5(
  workers: number,
  latencyMs: number,
  maxConcurrentRequests: number,
) {
  const fake = await startUpstreams({
    MLFLOW_WORKERS: String(workers),
    MLFLOW_LATENCY_MS: String(latencyMs),
  });
  try {
    const { backend, base } = await startBackend(fake.ports, 0, [], {
      timeoutMs: 10_000,
      mlflowInstance: { maxConcurrentRequests },
    });
    // 200 distinct queries: page sizes 1..100, each in both orders.
    const paths = Array.from(
      { length: 200 },
      (_, i) =>
        `${ENTITY_PATH}/mlflow/runs?pageSize=${(i % 100) + 1}&order=${
          i < 100 ? 'desc' : 'asc'
        }`,
    );
    const started = process.hrtime.bigint();
    const statuses = await Promise.all(
      paths.map(path =>
        get(`${base}${path}`).then(async r => {
          await r.arrayBuffer();
          return r.status;
        }),
      ),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const seen = (await (
      await fetch(`http://127.0.0.1:${fake.ports.mlflow}/__concurrency`)
    ).json()) as {
      maxArrived: number;
      maxServed: number;
    };
    const calls = Object.values(await upstreamStats(fake.ports.mlflow)).reduce(
      (a, b) => a + b,
      0,
    );
    await backend.stop();
    const errors = statuses.filter(status => status !== 200);
    const byStatus = Object.entries(
      errors.reduce<Record<number, number>>(
        (acc, status) => ({ ...acc, [status]: (acc[status] ?? 0) + 1 }),
        {},
      ),
    );
    console.log(
      `5. burst of 200 distinct runs queries, fake MLflow serving ${workers} at a time (${latencyMs} ms each), maxConcurrentRequests ${maxConcurrentRequests}, timeoutMs 10000`,
    );
    console.log(
      `   ${seconds.toFixed(2)} s, ${errors.length} errors${
        byStatus.length
          ? ` (${byStatus.map(([s, n]) => `${n}x HTTP ${s}`).join(', ')})`
          : ''
      }; ${calls} MLflow calls; upstream concurrency seen: at most ${
        seen.maxArrived
      } requests open at MLflow, ${seen.maxServed} served at once`,
    );
    return errors.length;
  } finally {
    fake.child.kill();
  }
}

async function main() {
  if (process.argv.includes('burst')) {
    console.log(
      `MLOps backend burst benchmark, ${new Date().toISOString()}, ${
        cpus().length
      }x ${cpus()[0]?.model}, node ${process.version}, load average ${loadavg()
        .map(l => l.toFixed(1))
        .join(' ')}`,
    );
    const errors = (await figure5(1, 10, 4)) + (await figure5(4, 20, 4));
    // For contrast, not a target: a limit far above the burst lets every call through at once.
    await figure5(1, 10, 1000);
    if (errors > 0) throw new Error(`the burst had ${errors} errors`);
    return;
  }
  console.log(
    `MLOps backend benchmark, ${new Date().toISOString()}, ${cpus().length}x ${
      cpus()[0]?.model
    }, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${
      process.version
    }, load average ${loadavg()
      .map(l => l.toFixed(1))
      .join(' ')}`,
  );
  // `bench gpu`: only the GPU figures.
  if (process.argv.includes('gpu')) {
    const small = await startUpstreams();
    try {
      await gpu(small.ports, '2,000 / 50,000');
    } finally {
      small.child.kill();
    }
    await bigGpu();
    return;
  }
  const plain = await startUpstreams();
  try {
    await figure1(plain.ports, 'fake MLflow answering at once');
    const slow = await startUpstreams({ MLFLOW_LATENCY_MS: '20' });
    try {
      await figure1(slow.ports, 'fake MLflow taking 20 ms per call');
    } finally {
      slow.child.kill();
    }
    await figure3(plain.ports);
    await figure5(1, 10, 4);
    await gpu(plain.ports, '2,000 / 50,000');
  } finally {
    plain.child.kill();
  }
  await bigGpu();
}

async function bigGpu() {
  const big = await startUpstreams({
    BENCH_NODES: '10000',
    BENCH_PODS: '250000',
  });
  try {
    await gpu(big.ports, '10,000 / 250,000');
  } finally {
    big.child.kill();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
