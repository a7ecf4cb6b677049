/*
 * Benchmark of the reproducibility chain (issue "Is this model
 * reproducible?"): GET .../reproducibility for a project on 3 clusters, cold
 * (cacheTtlSeconds 0: every upstream read again) and cached (60 s), against
 * GET .../gpu in the same backend and harness. The upstreams are the shared
 * fakes (GitHub, MLflow 3.11 recordings, Kubernetes behind the Kubernetes
 * backend's proxy, the repository through the UrlReader) answered in-process
 * by msw, so the figures are the backend's own cost. Run with
 * `yarn workspace @mlops-portal/plugin-mlops-backend bench:reproducibility`.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  createFakeMlflow,
  FAKE_MLFLOW_URL,
  fakeGithub,
  recordedMlflowDataset,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import { setupServer } from 'msw/node';
import request from 'supertest';
import {
  entityWith,
  fakeKubernetesBackend,
  startMlopsTestBackend,
} from '../src/__testUtils__/startMlopsTestBackend';
import {
  CANARY_COMMIT,
  HEAD,
  argoApp,
  bucket,
  canaryOnVersion4,
  list,
  repoAt,
  urlReaderAtRefs,
} from '../src/reproducibility/__fixtures__/chain';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 40);
const ENTITY = '/api/mlops/entity/default/Component/fraud-detection';
const CLUSTERS = ['gpu-prod-eu', 'gpu-prod-us', 'gpu-staging-eu'];

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)];

async function main() {
  const server = setupServer();
  server.listen({ onUnhandledRequest: 'bypass' });
  const github = fakeGithub(server, {
    owner: 'example-org',
    repo: 'fraud-detection',
    token: 'ghp-bench',
    files: {},
    requiredChecks: ['reproducibility'],
  });
  github.refs.set('main', HEAD);
  github.checkRuns.set(HEAD, [
    { name: 'reproducibility', status: 'completed', conclusion: 'success' },
  ]);
  const mlflow = createFakeMlflow({
    version: '3.11',
    dataset: {
      ...recordedMlflowDataset('3.11'),
      recordedSearchPages: undefined,
    },
  });
  server.use(
    ...mlflow.handlers,
    ...fakeKubernetesBackend(
      Object.fromEntries(
        CLUSTERS.map(cluster => [
          cluster,
          {
            '/apis/argoproj.io/v1alpha1/applications': list('ApplicationList', [
              argoApp(HEAD),
            ]),
            '/apis/s3.aws.upbound.io/v1beta2/buckets': list('BucketList', [
              bucket('True'),
            ]),
            '/apis/serving.kserve.io/v1beta1/inferenceservices': list(
              'InferenceServiceList',
              [canaryOnVersion4],
            ),
          },
        ]),
      ),
    ),
  );
  const source = urlReaderAtRefs({
    main: repoAt(0.02, 50, 0.02, 50, 'a1', 'b2'),
    [HEAD]: repoAt(0.02, 50, 0.02, 50, 'a1', 'b2'),
    [CANARY_COMMIT]: repoAt(0.05, 300, 0.05, 300, 'c3', 'd4'),
  });
  const start = (cacheTtlSeconds: number) =>
    startMlopsTestBackend({
      config: {
        cacheTtlSeconds,
        timeoutMs: 10_000,
        mlflow: { instances: [{ name: 'default', baseUrl: FAKE_MLFLOW_URL }] },
      },
      rootConfig: {
        integrations: { github: [{ host: 'github.com', token: 'ghp-bench' }] },
      },
      entities: [
        entityWith('fraud-detection', {
          'argocd/app-name': 'argocd/fraud-detection',
        }),
      ],
      urlReader: source.reader as never,
    });
  const cold = await start(0);
  const cached = await start(60);
  const user = mockCredentials.user.header();
  const time = async (backend: typeof cold, path: string) => {
    const started = process.hrtime.bigint();
    const res = await request(backend.server)
      .get(`${ENTITY}/${path}`)
      .set('Authorization', user);
    if (res.status !== 200)
      throw new Error(
        `${path}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`,
      );
    return {
      ms: Number(process.hrtime.bigint() - started) / 1e6,
      body: res.body,
    };
  };
  const first = await time(cold, 'reproducibility');
  if (first.body.links.some((l: { status: string }) => l.status !== 'ok')) {
    throw new Error(
      `the benchmark's chain is not all ok: ${JSON.stringify(
        first.body.links.map(
          (l: { id: string; status: string; reason: string }) => [
            l.id,
            l.status,
            l.reason,
          ],
        ),
      )}`,
    );
  }
  for (let i = 0; i < 5; i++) {
    await time(cold, 'reproducibility');
    await time(cached, 'reproducibility');
    await time(cold, 'gpu');
  }
  const figures: Record<string, number[]> = {
    'reproducibility cold': [],
    'reproducibility cached': [],
    'gpu (inventory warm)': [],
    'gpu cached backend': [],
  };
  for (let i = 0; i < ITERATIONS; i++) {
    figures['reproducibility cold'].push(
      (await time(cold, 'reproducibility')).ms,
    );
    figures['reproducibility cached'].push(
      (await time(cached, 'reproducibility')).ms,
    );
    figures['gpu (inventory warm)'].push((await time(cold, 'gpu')).ms);
    figures['gpu cached backend'].push((await time(cached, 'gpu')).ms);
  }
  console.log(
    `Reproducibility chain, ${CLUSTERS.length} clusters, ${ITERATIONS} requests each (interleaved), msw fakes in-process:`,
  );
  for (const [name, values] of Object.entries(figures)) {
    console.log(
      `  ${name.padEnd(24)} median ${median(values).toFixed(1)} ms, p95 ${p95(
        values,
      ).toFixed(1)} ms`,
    );
  }
  await cold.stop();
  await cached.stop();
  server.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
