/*
 * Two backend replicas on the production config, sharing one PostgreSQL and
 * one Redis, as they would behind a Kubernetes Service (issue 8, acceptance 1
 * and 2): a private PostgreSQL cluster, a private redis-server and the shared
 * fake MLflow on free ports, then two backends, and what a platform team
 * relies on when it scales the portal out.
 *
 * Not part of `backstage-cli repo test` (it starts PostgreSQL, Redis and two
 * backends for about a minute): `yarn workspace @mlops-portal/deploy-tests
 * test:replicas`, the last step of scripts/test.sh. REPLICAS_START=together
 * starts both replicas at once, as a first deployment does; KEEP_LOGS=1 keeps
 * the work dir. The process logs of the last run go to .test-results/replicas-logs/.
 */
import {
  createFakeMlflow,
  listenOnLoopback,
  ListeningFake,
} from '@mlops-portal/plugin-mlops-node/testUtils';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  REPO_ROOT,
  Replica,
  StartFailed,
  call,
  catalogRefs,
  exampleEntityRefs,
  guestToken,
  startBackend,
  waitForEntities,
  waitReady,
  writeTestConfig,
} from './backends';
import { ProcessSupervisor, Supervised, freePort } from './processes';
import { startPostgres, startRedis } from './services';

const RUNS_ROUTE =
  '/api/mlops/entity/default/component/fraud-detection/mlflow/runs';
// An entity that exists only because the test registers its location through
// the API at runtime, so only the shared database can hold it.
const PROBE_PATH = '/catalog/replica-probe.yaml';
const PROBE_REF = 'component:default/replica-probe';
const PROBE_YAML = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: replica-probe
  description: Registered at runtime by the replica test.
spec:
  type: service
  lifecycle: experimental
  owner: group:default/platform-team
`;

const missing = (expected: string[], actual: string[]) =>
  expected.filter(ref => !actual.includes(ref));

// Each check may wait for a replica (catalog ingestion, a restart): minutes, not seconds.
jest.setTimeout(240_000);

describe('two backend replicas on the production config (PostgreSQL + Redis)', () => {
  const supervisor = new ProcessSupervisor();
  const mlflow = createFakeMlflow();
  const workDirs: string[] = [];
  const listening: ListeningFake[] = [];
  let postgres: Supervised;
  let launch: (name: string) => Replica;
  const replicas: Replica[] = [];
  const readiness: Array<true | Error> = [];
  let tokens: string[] = [];
  let expected: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(path.join(REPO_ROOT, '.tools'), { recursive: true });
    const workDir = fs.mkdtempSync(path.join(REPO_ROOT, '.tools', 'replicas-'));
    workDirs.push(workDir);
    const [pgPort, redisPort, portA, portB] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const pg = await startPostgres(supervisor, workDir, pgPort);
    postgres = pg.postgres;
    if (pg.extraDir) workDirs.push(pg.extraDir);
    await startRedis(supervisor, workDir, redisPort);
    const fakeMlflow = await mlflow.listen();
    // Not MLflow: the catalog file the test registers at runtime.
    const files = await listenOnLoopback(async request =>
      new URL(request.url).pathname === PROBE_PATH
        ? new Response(PROBE_YAML)
        : undefined,
    );
    listening.push(fakeMlflow, files);
    const testConfig = writeTestConfig(
      workDir,
      fakeMlflow.url,
      new URL(files.url).host,
    );
    // What the Deployment gets from its ConfigMap and Secret; no GitHub access is needed.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      POSTGRES_HOST: '127.0.0.1',
      POSTGRES_PORT: String(pgPort),
      POSTGRES_USER: 'backstage',
      POSTGRES_PASSWORD: pg.password,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      BACKEND_SECRET: crypto.randomBytes(24).toString('base64'),
      AUTH_GITHUB_CLIENT_ID: 'replicas-test-unused',
      AUTH_GITHUB_CLIENT_SECRET: 'replicas-test-unused',
    };
    // An empty GITHUB_TOKEN would be a config error.
    delete env.GITHUB_TOKEN;
    launch = name =>
      startBackend(supervisor, name, {
        workDir,
        port: name === 'replica-a' ? portA : portB,
        env,
        testConfig,
      });

    // On an empty database two backends starting at the same moment race on
    // the migrations of the same plugin databases, and the loser's start
    // fails ("Migration table is already locked"). The Deployment's
    // startupProbe makes the kubelet restart such a container, and so does
    // this suite, one replica at a time and at most twice each. By default
    // replica-b starts once replica-a has migrated, as in a rolling update.
    let restartQueue = Promise.resolve();
    const restart = (i: number) => {
      restartQueue = restartQueue.then(async () => {
        await supervisor.stop(replicas[i]);
        replicas[i] = launch(replicas[i].name);
        await waitReady(replicas[i]).catch(() => undefined);
      });
      return restartQueue;
    };
    const bringUp = async (i: number, attempt = 0): Promise<true | Error> => {
      try {
        await waitReady(replicas[i]);
        return true;
      } catch (error) {
        if (!(error instanceof StartFailed) || attempt === 2)
          return error as Error;
      }
      await restart(i);
      return bringUp(i, attempt + 1);
    };
    if (process.env.REPLICAS_START === 'together') {
      replicas.push(launch('replica-a'), launch('replica-b'));
      readiness.push(...(await Promise.all([bringUp(0), bringUp(1)])));
    } else {
      replicas.push(launch('replica-a'));
      readiness.push(await bringUp(0));
      replicas.push(launch('replica-b'));
      readiness.push(await bringUp(1));
    }
    if (readiness.every(r => r === true)) {
      tokens = [await guestToken(replicas[0]), await guestToken(replicas[1])];
      expected = exampleEntityRefs();
    }
  }, 420_000);

  afterAll(async () => {
    await Promise.all(replicas.map(r => supervisor.stop(r, 'SIGTERM', 5_000)));
    if (postgres) await supervisor.stop(postgres, 'SIGINT');
    supervisor.stopAll();
    await Promise.all(listening.map(l => l.close()));
    // The process logs of the last run stay in .test-results/replicas-logs/ for CI to keep.
    const logs = path.join(REPO_ROOT, '.test-results', 'replicas-logs');
    fs.rmSync(logs, { recursive: true, force: true });
    for (const dir of workDirs) {
      for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.log'))) {
        fs.mkdirSync(logs, { recursive: true });
        fs.copyFileSync(path.join(dir, file), path.join(logs, file));
      }
      if (!process.env.KEEP_LOGS)
        fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  const REPLICAS = ['replica-a', 'replica-b'];
  const index = (name: string) => REPLICAS.indexOf(name);
  const failure = (answer: { status: number; text: string }) =>
    `${answer.status} ${answer.text.slice(0, 300)}`;

  it.each(REPLICAS)('%s becomes ready', name => {
    const outcome = readiness[index(name)];
    expect(outcome === true ? 'ready' : outcome?.message).toBe('ready');
  });

  it.each(REPLICAS)(
    'the catalog on %s holds the example entities',
    async name => {
      const refs = await waitForEntities(
        replicas[index(name)],
        tokens[index(name)],
        expected,
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(missing(expected, refs)).toEqual([]);
    },
  );

  it.each(REPLICAS)('GET /api/mlops/health answers on %s', async name => {
    const health = await call(
      replicas[index(name)].baseUrl,
      '/api/mlops/health',
    );
    expect([health.status, health.json?.status]).toEqual([200, 'ok']);
  });

  describe('shared cache: an MLflow answer fetched through replica-a, then replica-b', () => {
    let first: Awaited<ReturnType<typeof call>>;
    let second: Awaited<ReturnType<typeof call>>;
    let callsAfterA: string[] = [];

    it(`GET ${RUNS_ROUTE} answers on replica-a`, async () => {
      first = await call(replicas[0].baseUrl, RUNS_ROUTE, { token: tokens[0] });
      expect(first.status === 200 ? 200 : failure(first)).toBe(200);
    });

    it('replica-a fetched it from the fake MLflow', () => {
      callsAfterA = mlflow.calls.map(c => c.endpoint);
      expect(callsAfterA).toContain('runs/search');
    });

    it(`GET ${RUNS_ROUTE} answers on replica-b`, async () => {
      second = await call(replicas[1].baseUrl, RUNS_ROUTE, {
        token: tokens[1],
      });
      expect(second.status === 200 ? 200 : failure(second)).toBe(200);
    });

    it('replica-b answers the same runs', () => {
      expect(second.text).toBe(first.text);
    });

    it('replica-b served them from the shared cache (no MLflow call of its own)', () => {
      expect(mlflow.calls.map(c => c.endpoint)).toEqual(callsAfterA);
    });

    it('the fake MLflow was asked for the experiment once in all', () => {
      expect(
        mlflow.calls.filter(c => c.endpoint === 'experiments/get-by-name'),
      ).toHaveLength(1);
    });
  });

  describe('an entity registered at runtime through replica-a', () => {
    it('replica-a registers a new catalog location', async () => {
      const registered = await call(
        replicas[0].baseUrl,
        '/api/catalog/locations',
        {
          token: tokens[0],
          method: 'POST',
          body: { type: 'url', target: `${listening[1].url}${PROBE_PATH}` },
        },
      );
      expect(registered.status === 201 ? 201 : failure(registered)).toBe(201);
    });

    it(`replica-b serves ${PROBE_REF} from the shared database`, async () => {
      expect(
        await waitForEntities(replicas[1], tokens[1], [PROBE_REF]),
      ).toContain(PROBE_REF);
    });
  });

  describe('stopping replica-b; replica-a keeps answering', () => {
    let before: string[] = [];

    it('replica-b stopped', async () => {
      before = await catalogRefs(replicas[0], tokens[0], true);
      await supervisor.stop(replicas[1]);
      expect(replicas[1].running()).toBe(false);
    });

    it('replica-a still ready', async () => {
      expect(
        (await call(replicas[0].baseUrl, '/.backstage/health/v1/readiness'))
          .status,
      ).toBe(200);
    });

    it('replica-a still serves the catalog', async () => {
      expect(before.length).toBeGreaterThan(expected.length);
      expect(
        missing(before, await catalogRefs(replicas[0], tokens[0], true)),
      ).toEqual([]);
    });

    it(`replica-a still answers ${RUNS_ROUTE}`, async () => {
      expect(
        (await call(replicas[0].baseUrl, RUNS_ROUTE, { token: tokens[0] }))
          .status,
      ).toBe(200);
    });

    it('replica-b becomes ready again after a restart', async () => {
      replicas[1] = launch('replica-b');
      await expect(waitReady(replicas[1])).resolves.toBe(true);
    });

    it('the catalog on the restarted replica-b lost nothing (same entities, same uids)', async () => {
      const after = await catalogRefs(
        replicas[1],
        await guestToken(replicas[1]),
        true,
      );
      expect(missing(before, after)).toEqual([]);
    });
  });
});
