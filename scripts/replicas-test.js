#!/usr/bin/env node
/* eslint-disable no-console */
// Two backend replicas on the production config, sharing one PostgreSQL and
// one Redis, as they would behind a Kubernetes Service (issue 8, acceptance 1
// and 2). Starts a private PostgreSQL cluster, a private redis-server and a
// fake MLflow on free ports, then two backends on two more ports, and checks
// what a platform team relies on when it scales the portal out:
//
//   - both replicas become ready and serve the example catalog entities;
//   - the MLOps plugin answers on both;
//   - an MLflow answer cached through one replica is served from the shared
//     cache by the other (the fake MLflow counts its calls);
//   - an entity registered at runtime through one replica is served by the
//     other (one database);
//   - stopping one replica leaves the other answering; restarting it loses
//     nothing of the catalog (same entities, same uids: nothing re-ingested).
//
// The backends run from source with the loader `backstage-cli package start`
// uses, but without its file watcher (a watcher would restart them whenever a
// file of the working tree changes) and without building the frontend: the
// app-backend plugin then logs that it has no app bundle to serve, and the
// API is unaffected. The working directory is the repository root, as /app is
// in the image, so relative paths in the production config resolve the same.
//
// Writes .test-results/replicas.json as {"passed": N, "failed": N} and exits
// non-zero when a check fails (process logs then go to
// .test-results/replicas-logs/). Every process and temp dir it creates is
// removed on exit, including on Ctrl-C.
//
//   node scripts/replicas-test.js          (after `source scripts/toolchain.sh`)
//   KEEP_LOGS=1 node scripts/replicas-test.js       keeps the work dir and logs
//   REPLICAS_START=together node scripts/replicas-test.js
//                     starts both replicas at once, as a first deployment does

const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..');
const RESULTS_FILE = path.join(REPO_ROOT, '.test-results', 'replicas.json');
const FIXTURES_DIR = path.join(
  REPO_ROOT,
  'packages/deploy-tests/__fixtures__/mlflow',
);
const READY_TIMEOUT_MS = 180_000;
const CATALOG_TIMEOUT_MS = 90_000;
// The example entity whose annotations carry the MLflow experiment.
const MLFLOW_ENTITY = {
  namespace: 'default',
  kind: 'component',
  name: 'fraud-detection',
};
const MLFLOW_EXPERIMENT = 'fraud-detection';
// An entity that exists only because the test registers its location through
// the API at runtime, so only the shared database can hold it.
const PROBE_LOCATION_PATH = '/catalog/replica-probe.yaml';
const PROBE_ENTITY_REF = 'component:default/replica-probe';
const PROBE_ENTITY_YAML = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: replica-probe
  description: Registered at runtime by scripts/replicas-test.js.
spec:
  type: service
  lifecycle: experimental
  owner: group:default/platform-team
`;
const mlflowRunsRoute = () =>
  `/api/mlops/entity/${MLFLOW_ENTITY.namespace}/${MLFLOW_ENTITY.kind}/${MLFLOW_ENTITY.name}/mlflow/runs`;

// ---------------------------------------------------------------- checks

const results = { passed: 0, failed: 0 };

function check(name, ok, detail) {
  if (ok) {
    results.passed += 1;
    console.log(`  ok    ${name}`);
  } else {
    results.failed += 1;
    console.log(`  FAIL  ${name}${detail ? `: ${detail}` : ''}`);
  }
  return ok;
}

function writeResults() {
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results)}\n`);
}

// ---------------------------------------------------------------- cleanup

/** Process groups and directories to remove however the script ends. */
const cleanup = { groups: new Set(), dirs: new Set() };

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** On failure the process logs go to .test-results/replicas-logs/ for CI to keep. */
function saveLogs() {
  const target = path.join(path.dirname(RESULTS_FILE), 'replicas-logs');
  for (const dir of cleanup.dirs) {
    for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.log'))) {
      fs.mkdirSync(target, { recursive: true });
      fs.copyFileSync(path.join(dir, file), path.join(target, file));
    }
  }
}

function cleanupNow() {
  for (const pid of cleanup.groups) killGroup(pid, 'SIGKILL');
  cleanup.groups.clear();
  if (results.failed > 0) saveLogs();
  if (process.env.KEEP_LOGS) {
    console.log(`logs kept in ${[...cleanup.dirs].join(', ')}`);
    return;
  }
  for (const dir of cleanup.dirs) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  cleanup.dirs.clear();
}

process.on('exit', cleanupNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.log(`\n${signal}: stopping everything this test started`);
    results.failed += 1;
    writeResults();
    process.exit(130);
  });
}

// ---------------------------------------------------------------- helpers

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Thrown by a probe to stop waiting at once (a process died, a start failed). */
class Fatal extends Error {}

async function waitFor(description, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const result = await probe();
      if (result) return result;
    } catch (error) {
      if (error instanceof Fatal) throw error;
      // not up yet: connection refused and the like
    }
    await sleep(500);
  }
  throw new Error(
    `timed out after ${timeoutMs / 1000} s waiting for ${description}`,
  );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function tcpOpen(port) {
  return new Promise(resolve => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts a command in its own process group so it can be stopped whole. */
function startProcess(name, command, args, options) {
  const log = fs.openSync(options.logFile, 'a');
  const child = childProcess.spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', log, log],
    detached: true,
  });
  fs.closeSync(log);
  cleanup.groups.add(child.pid);
  child.exited = new Promise(resolve =>
    child.once('exit', (code, signal) => {
      cleanup.groups.delete(child.pid);
      resolve({ code, signal });
    }),
  );
  child.on('error', error => {
    console.log(`${name}: ${error.message}`);
  });
  return child;
}

async function stopProcess(child, signal = 'SIGTERM', graceMs = 20_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  killGroup(child.pid, signal);
  const stopped = await Promise.race([child.exited, sleep(graceMs)]);
  if (!stopped) killGroup(child.pid, 'SIGKILL');
  await child.exited;
}

function tail(file, lines = 30) {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .join('\n');
  } catch {
    return '(no log)';
  }
}

async function request(
  baseUrl,
  pathname,
  { token, method = 'GET', body } = {},
) {
  const headers = { 'X-Requested-With': 'XMLHttpRequest' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${baseUrl}${pathname}`, {
    method,
    headers,
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

// ---------------------------------------------------------------- PostgreSQL

function postgresBinDir() {
  try {
    const dir = childProcess
      .execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' })
      .trim();
    if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
  } catch {
    // pg_config is in libpq-dev, often absent: look where Debian puts the server
  }
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter(v => fs.existsSync(path.join(root, v, 'bin/initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

/**
 * PostgreSQL refuses to run as root, so as root the cluster belongs to the
 * `postgres` system user. Its data directory must then be reachable by that
 * user: the repository's .tools/ is used when it is, else a directory under /tmp.
 */
function postgresRunner(workDir) {
  if (process.getuid() !== 0) {
    return { wrap: (cmd, args) => [cmd, args], dataParent: workDir };
  }
  const wrap = (cmd, args) => [
    'runuser',
    ['-u', 'postgres', '--', cmd, ...args],
  ];
  const candidate = path.join(workDir, 'pg');
  fs.mkdirSync(candidate);
  childProcess.execFileSync('chown', ['postgres:', candidate]);
  const reachable =
    childProcess.spawnSync('runuser', [
      '-u',
      'postgres',
      '--',
      'test',
      '-w',
      candidate,
    ]).status === 0;
  if (reachable) return { wrap, dataParent: candidate };
  const outside = fs.mkdtempSync('/tmp/mlops-replicas-pg-');
  cleanup.dirs.add(outside);
  childProcess.execFileSync('chown', ['postgres:', outside]);
  return { wrap, dataParent: outside };
}

async function startPostgres(workDir, port) {
  const binDir = postgresBinDir();
  if (!binDir) {
    throw new Error(
      'PostgreSQL server binaries not found: run scripts/system-deps.sh pg_ctlcluster redis-server (or install postgresql)',
    );
  }
  const { wrap, dataParent } = postgresRunner(workDir);
  const dataDir = path.join(dataParent, 'data');
  const password = crypto.randomBytes(18).toString('base64url');
  const pwFile = path.join(dataParent, 'pwfile');
  fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (process.getuid() === 0)
    childProcess.execFileSync('chown', ['postgres:', pwFile]);

  const [initCmd, initArgs] = wrap(path.join(binDir, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'backstage',
    `--pwfile=${pwFile}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const init = childProcess.spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) {
    throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  }
  const [cmd, args] = wrap(path.join(binDir, 'postgres'), [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-k',
    dataParent,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'max_connections=200',
  ]);
  const logFile = path.join(workDir, 'postgres.log');
  const child = startProcess('postgres', cmd, args, {
    cwd: workDir,
    env: process.env,
    logFile,
  });
  await waitFor('PostgreSQL to accept connections', 30_000, async () => {
    if (child.exitCode !== null)
      throw new Fatal(`postgres exited:\n${tail(logFile)}`);
    return tcpOpen(port);
  });
  return { child, password };
}

// ---------------------------------------------------------------- Redis

async function startRedis(workDir, port) {
  const logFile = path.join(workDir, 'redis.log');
  const child = startProcess(
    'redis-server',
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      workDir,
    ],
    { cwd: workDir, env: process.env, logFile },
  );
  await waitFor('redis-server to accept connections', 15_000, async () => {
    if (child.exitCode !== null)
      throw new Fatal(`redis-server exited:\n${tail(logFile)}`);
    return tcpOpen(port);
  });
  return child;
}

// ---------------------------------------------------------------- fake MLflow

/**
 * The two MLflow REST 2.0 endpoints an MLflow runs card needs, answering with
 * responses recorded from a real server, and MLflow's own error bodies for
 * anything else. Counts the calls per path.
 */
function startFakeMlflow() {
  const fixture = name =>
    fs.readFileSync(path.join(FIXTURES_DIR, name), 'utf8');
  const calls = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://mlflow');
    if (url.pathname === PROBE_LOCATION_PATH) {
      // Not MLflow: the catalog file the test registers at runtime.
      res.writeHead(200, { 'Content-Type': 'application/yaml' });
      res.end(PROBE_ENTITY_YAML);
      return;
    }
    calls.set(url.pathname, (calls.get(url.pathname) ?? 0) + 1);
    let body = '';
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      const reply = (status, text) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(text);
      };
      if (
        req.method === 'GET' &&
        url.pathname === '/api/2.0/mlflow/experiments/get-by-name'
      ) {
        if (url.searchParams.get('experiment_name') === MLFLOW_EXPERIMENT) {
          reply(200, fixture('experiments-get-by-name.json'));
        } else {
          reply(404, fixture('error-experiment-get-by-name.json'));
        }
        return;
      }
      if (
        req.method === 'POST' &&
        url.pathname === '/api/2.0/mlflow/runs/search'
      ) {
        let query;
        try {
          query = JSON.parse(body || '{}');
        } catch {
          reply(
            400,
            JSON.stringify({
              error_code: 'MALFORMED_REQUEST',
              message: 'Invalid JSON',
            }),
          );
          return;
        }
        reply(
          200,
          fixture(
            query.page_token
              ? 'runs-search-page2.json'
              : 'runs-search-page1.json',
          ),
        );
        return;
      }
      reply(
        404,
        JSON.stringify({
          error_code: 'ENDPOINT_NOT_FOUND',
          message: `No API endpoint for ${req.method} ${url.pathname}`,
        }),
      );
    });
  });
  return new Promise(resolve => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        server,
        baseUrl: `http://127.0.0.1:${server.address().port}`,
        calls,
        totalCalls: () => [...calls.values()].reduce((a, b) => a + b, 0),
      });
    });
  });
}

// ---------------------------------------------------------------- backends

/** The backend's own TypeScript loader, as `backstage-cli package start` uses, without its file watcher. */
function backendLoader() {
  return require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
    paths: [
      require.resolve('@backstage/cli-module-build/package.json', {
        paths: [REPO_ROOT],
      }),
      REPO_ROOT,
    ],
  });
}

function writeTestConfig(workDir, mlflowBaseUrl) {
  // Only what a test needs on top of app-config.production.yaml: guest
  // sign-in (so the test can get a token), the fake MLflow, and reading the
  // catalog file the fake serves.
  const config = {
    backend: { reading: { allow: [{ host: new URL(mlflowBaseUrl).host }] } },
    auth: {
      providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
    },
    mlops: {
      mlflow: { instances: [{ name: 'default', baseUrl: mlflowBaseUrl }] },
    },
  };
  const file = path.join(workDir, 'app-config.replicas-test.yaml');
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

function startBackend(name, { workDir, port, env, testConfig }) {
  const replicaConfig = path.join(workDir, `app-config.${name}.yaml`);
  fs.writeFileSync(
    replicaConfig,
    JSON.stringify({ backend: { listen: `127.0.0.1:${port}` } }),
  );
  const logFile = path.join(workDir, `${name}.log`);
  fs.appendFileSync(logFile, `---- start ${new Date().toISOString()}\n`);
  // The working directory is the repository root, as /app is in the image, so
  // the production config's relative catalog location resolves the same way.
  const child = startProcess(
    name,
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      backendLoader(),
      'packages/backend/src/index.ts',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
      '--config',
      testConfig,
      '--config',
      replicaConfig,
    ],
    {
      cwd: REPO_ROOT,
      env: { ...env, APP_BASE_URL: `http://127.0.0.1:${port}` },
      logFile,
    },
  );
  return { name, child, logFile, baseUrl: `http://127.0.0.1:${port}` };
}

/** Whether the replica's latest start logged a failed backend start. */
function startFailed(replica) {
  const log = fs.readFileSync(replica.logFile, 'utf8');
  return /Backend startup failed/.test(
    log.slice(log.lastIndexOf('---- start')),
  );
}

async function waitReady(replica) {
  return waitFor(`${replica.name} readiness`, READY_TIMEOUT_MS, async () => {
    if (replica.child.exitCode !== null) {
      throw new Fatal(`${replica.name} exited:\n${tail(replica.logFile)}`);
    }
    // A backend whose start failed logs it and lingers, live but never ready.
    if (startFailed(replica)) {
      throw new StartFailed(
        `${replica.name} failed to start:\n${tail(replica.logFile)}`,
      );
    }
    const { status } = await request(
      replica.baseUrl,
      '/.backstage/health/v1/readiness',
    );
    return status === 200;
  });
}

class StartFailed extends Fatal {}

async function guestToken(replica) {
  const { status, json, text } = await request(
    replica.baseUrl,
    '/api/auth/guest/refresh?env=development',
  );
  const token = json?.backstageIdentity?.token;
  if (status !== 200 || !token) {
    throw new Error(
      `guest sign-in on ${replica.name} answered ${status}: ${text.slice(
        0,
        300,
      )}`,
    );
  }
  return token;
}

/** Kind:namespace/name of every entity in the example files. */
function exampleEntityRefs() {
  const YAML = require(require.resolve('yaml', { paths: [REPO_ROOT] }));
  const dir = path.join(REPO_ROOT, 'examples');
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')),
    )
    .map(doc => doc.toJS())
    .filter(e => e && e.kind && e.metadata?.name)
    .map(
      e =>
        `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${
          e.metadata.name
        }`,
    )
    .sort();
}

/** Every entity as ref@uid: a uid changes when an entity is ingested anew. */
async function catalogSnapshot(replica, token) {
  const { status, json } = await request(
    replica.baseUrl,
    '/api/catalog/entities?fields=kind,metadata.namespace,metadata.name,metadata.uid',
    { token },
  );
  if (status !== 200 || !Array.isArray(json)) return [];
  return json
    .map(
      e =>
        `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${
          e.metadata.name
        }@${e.metadata.uid}`,
    )
    .sort();
}

async function catalogRefs(replica, token) {
  const { status, json } = await request(
    replica.baseUrl,
    '/api/catalog/entities?fields=kind,metadata.namespace,metadata.name',
    { token },
  );
  if (status !== 200 || !Array.isArray(json)) return [];
  return json
    .map(
      e =>
        `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${
          e.metadata.name
        }`,
    )
    .sort();
}

async function waitForEntities(replica, token, expected) {
  try {
    return await waitFor(
      `the example entities on ${replica.name}`,
      CATALOG_TIMEOUT_MS,
      async () => {
        const refs = await catalogRefs(replica, token);
        return expected.every(ref => refs.includes(ref)) ? refs : false;
      },
    );
  } catch {
    return catalogRefs(replica, token);
  }
}

const missing = (expected, actual) =>
  expected.filter(ref => !actual.includes(ref));

// ---------------------------------------------------------------- the test

async function main() {
  const started = Date.now();
  fs.mkdirSync(path.join(REPO_ROOT, '.tools'), { recursive: true });
  const workDir = fs.mkdtempSync(path.join(REPO_ROOT, '.tools', 'replicas-'));
  cleanup.dirs.add(workDir);

  for (const tool of ['redis-server']) {
    if (
      childProcess.spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0
    ) {
      throw new Error(
        `${tool} not found: run scripts/system-deps.sh pg_ctlcluster redis-server`,
      );
    }
  }

  const [pgPort, redisPort, portA, portB] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  console.log(
    `==> PostgreSQL :${pgPort}, Redis :${redisPort}, replicas :${portA} and :${portB} (work dir ${workDir})`,
  );
  const postgres = await startPostgres(workDir, pgPort);
  await startRedis(workDir, redisPort);
  const mlflow = await startFakeMlflow();
  const testConfig = writeTestConfig(workDir, mlflow.baseUrl);

  // What the Deployment gets from its ConfigMap and Secret.
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    POSTGRES_HOST: '127.0.0.1',
    POSTGRES_PORT: String(pgPort),
    POSTGRES_USER: 'backstage',
    POSTGRES_PASSWORD: postgres.password,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    BACKEND_SECRET: crypto.randomBytes(24).toString('base64'),
    AUTH_GITHUB_CLIENT_ID: 'replicas-test-unused',
    AUTH_GITHUB_CLIENT_SECRET: 'replicas-test-unused',
  };
  // No GitHub access is needed; an empty token would be a config error.
  delete env.GITHUB_TOKEN;

  // On an empty database two backends starting at the same moment race on the
  // migrations of the same plugin databases, and the loser's start fails
  // ("Migration table is already locked"); it then lingers, live but never
  // ready. The Deployment's startupProbe makes the kubelet restart such a
  // container, and this test does the same (one replica at a time, at most
  // twice each). By default replica-b starts once replica-a has migrated the
  // database, as in a rolling update; REPLICAS_START=together starts both at
  // once, as on a first deployment (slower: a failed start and a restart).
  const together = process.env.REPLICAS_START === 'together';
  console.log(
    `==> Starting two backend replicas${
      together ? ' at once' : ''
    } (production config)`,
  );
  const launch = name =>
    startBackend(name, {
      workDir,
      port: name === 'replica-a' ? portA : portB,
      env,
      testConfig,
    });
  const replicas = [];
  const restarts = [];
  let restartQueue = Promise.resolve();
  const bringUp = async i => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await waitReady(replicas[i]);
        return true;
      } catch (error) {
        if (!(error instanceof StartFailed) || attempt === 2) return error;
      }
      const restart = restartQueue.then(async () => {
        restarts.push(replicas[i].name);
        console.log(
          `    ${replicas[i].name}: start failed, restarting it as the startupProbe would`,
        );
        await stopProcess(replicas[i].child);
        replicas[i] = launch(replicas[i].name);
        await waitReady(replicas[i]).catch(() => undefined);
      });
      restartQueue = restart;
      await restart;
    }
  };
  let ready;
  if (together) {
    replicas.push(launch('replica-a'), launch('replica-b'));
    ready = await Promise.all([bringUp(0), bringUp(1)]);
  } else {
    replicas.push(launch('replica-a'));
    ready = [await bringUp(0)];
    console.log(
      `    replica-a ready after ${Math.round(
        (Date.now() - started) / 1000,
      )} s`,
    );
    replicas.push(launch('replica-b'));
    ready.push(await bringUp(1));
  }
  ready.forEach((outcome, i) =>
    check(
      `${replicas[i].name} becomes ready`,
      outcome === true,
      outcome.message,
    ),
  );
  if (ready.some(outcome => outcome !== true)) return;
  console.log(
    `    both ready after ${Math.round((Date.now() - started) / 1000)} s` +
      (restarts.length
        ? ` (restarted after a failed start: ${restarts.join(', ')})`
        : ''),
  );
  const a = replicas[0];
  let b = replicas[1];

  const expected = exampleEntityRefs();
  const tokenA = await guestToken(a);
  const tokenB = await guestToken(b);

  console.log('==> Catalog and MLOps plugin on both replicas');
  const refsA = await waitForEntities(a, tokenA, expected);
  check(
    `catalog on replica-a holds the ${expected.length} example entities`,
    missing(expected, refsA).length === 0,
    `missing ${missing(expected, refsA).join(', ')}`,
  );
  const refsB = await waitForEntities(b, tokenB, expected);
  check(
    `catalog on replica-b holds the ${expected.length} example entities`,
    missing(expected, refsB).length === 0,
    `missing ${missing(expected, refsB).join(', ')}`,
  );

  for (const replica of [a, b]) {
    const health = await request(replica.baseUrl, '/api/mlops/health');
    check(
      `GET /api/mlops/health answers on ${replica.name}`,
      health.status === 200 && health.json?.status === 'ok',
      `${health.status} ${health.text.slice(0, 200)}`,
    );
  }

  console.log(
    '==> Shared cache: an MLflow answer fetched through replica-a, then replica-b',
  );
  const route = mlflowRunsRoute();
  const first = await request(a.baseUrl, route, { token: tokenA });
  if (
    check(
      `GET ${route} answers on replica-a`,
      first.status === 200,
      `${first.status} ${first.text.slice(0, 300)}`,
    )
  ) {
    const upstreamAfterA = new Map(mlflow.calls);
    check(
      'replica-a fetched it from the fake MLflow',
      mlflow.totalCalls() > 0,
      'no upstream call',
    );
    const second = await request(b.baseUrl, route, { token: tokenB });
    check(
      `GET ${route} answers on replica-b`,
      second.status === 200,
      `${second.status} ${second.text.slice(0, 300)}`,
    );
    check(
      'replica-b answers the same runs',
      second.text === first.text,
      'bodies differ',
    );
    const calledByB = [...mlflow.calls].filter(
      ([p, n]) => n !== upstreamAfterA.get(p),
    );
    check(
      'replica-b served them from the shared cache (no MLflow call of its own)',
      calledByB.length === 0,
      `replica-b called ${calledByB.map(([p]) => p).join(', ')}`,
    );
    check(
      'the fake MLflow was asked for the experiment once in all',
      mlflow.calls.get('/api/2.0/mlflow/experiments/get-by-name') === 1,
      `upstream calls ${JSON.stringify(Object.fromEntries(mlflow.calls))}`,
    );
  }

  console.log('==> An entity registered at runtime through replica-a');
  const registered = await request(a.baseUrl, '/api/catalog/locations', {
    token: tokenA,
    method: 'POST',
    body: { type: 'url', target: `${mlflow.baseUrl}${PROBE_LOCATION_PATH}` },
  });
  check(
    'replica-a registers a new catalog location',
    registered.status === 201,
    `${registered.status} ${registered.text.slice(0, 300)}`,
  );
  const probeOnB = await waitForEntities(b, tokenB, [PROBE_ENTITY_REF]);
  check(
    `replica-b serves ${PROBE_ENTITY_REF} from the shared database`,
    probeOnB.includes(PROBE_ENTITY_REF),
    'not in its catalog',
  );

  console.log('==> Stopping replica-b; replica-a keeps answering');
  const before = await catalogSnapshot(a, tokenA);
  await stopProcess(b.child);
  check(
    'replica-b stopped',
    b.child.exitCode !== null || b.child.signalCode !== null,
  );
  const readyA = await request(a.baseUrl, '/.backstage/health/v1/readiness');
  check('replica-a still ready', readyA.status === 200, String(readyA.status));
  const refsAlone = await catalogSnapshot(a, tokenA);
  check(
    'replica-a still serves the catalog',
    missing(before, refsAlone).length === 0,
    `missing ${missing(before, refsAlone).join(', ')}`,
  );
  const mlopsAlone = await request(a.baseUrl, route, { token: tokenA });
  check(
    `replica-a still answers ${route}`,
    mlopsAlone.status === 200,
    String(mlopsAlone.status),
  );

  console.log('==> Restarting replica-b');
  b = startBackend('replica-b', { workDir, port: portB, env, testConfig });
  try {
    await waitReady(b);
    check('replica-b ready again', true);
  } catch (error) {
    check('replica-b ready again', false, error.message);
    return;
  }
  const refsAfter = await catalogSnapshot(b, await guestToken(b));
  check(
    `catalog on the restarted replica-b lost nothing (${before.length} entities, same uids)`,
    missing(before, refsAfter).length === 0,
    `missing ${missing(before, refsAfter).join(', ')}`,
  );
  console.log(`==> Done in ${Math.round((Date.now() - started) / 1000)} s`);

  // Done: no need to wait for graceful shutdowns beyond a few seconds.
  await Promise.all([
    stopProcess(a.child, 'SIGTERM', 5_000),
    stopProcess(b.child, 'SIGTERM', 5_000),
  ]);
  await stopProcess(postgres.child, 'SIGINT');
  mlflow.server.close();
}

main()
  .catch(error => {
    check('replica test ran to the end', false, error.message);
  })
  .finally(() => {
    writeResults();
    console.log(`${results.passed} passed, ${results.failed} failed`);
    cleanupNow();
    process.exit(results.failed === 0 ? 0 : 1);
  });
