import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { repoRoot as REPO_ROOT } from '../kustomize';
import {
  Fatal,
  ProcessSupervisor,
  Supervised,
  tail,
  waitFor,
} from './processes';

export { REPO_ROOT };
const READY_TIMEOUT_MS = 180_000;
const CATALOG_TIMEOUT_MS = 90_000;

/** A backend that logged a failed start lingers, live but never ready. */
export class StartFailed extends Fatal {}

/** A backend replica: the process and where it answers. */
export interface Replica extends Supervised {
  name: string;
  baseUrl: string;
}

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

/**
 * Only what the test needs on top of app-config.production.yaml: guest
 * sign-in (so the test can get a token), the fake MLflow, and reading the
 * catalog file the test serves at runtime.
 */
export function writeTestConfig(
  workDir: string,
  mlflowBaseUrl: string,
  readableHost: string,
) {
  const file = path.join(workDir, 'app-config.replicas-test.yaml');
  const config = {
    backend: { reading: { allow: [{ host: readableHost }] } },
    auth: {
      providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
    },
    mlops: {
      mlflow: { instances: [{ name: 'default', baseUrl: mlflowBaseUrl }] },
    },
  };
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/**
 * Starts the backend from source on the production config. The working
 * directory is the repository root, as /app is in the image, so relative
 * paths in the production config resolve the same way. No file watcher (it
 * would restart on any change of the working tree) and no frontend build: the
 * app-backend plugin logs that it has no bundle and the API is unaffected.
 */
export function startBackend(
  supervisor: ProcessSupervisor,
  name: string,
  options: {
    workDir: string;
    port: number;
    env: NodeJS.ProcessEnv;
    testConfig: string;
  },
): Replica {
  const replicaConfig = path.join(options.workDir, `app-config.${name}.yaml`);
  fs.writeFileSync(
    replicaConfig,
    JSON.stringify({ backend: { listen: `127.0.0.1:${options.port}` } }),
  );
  const logFile = path.join(options.workDir, `${name}.log`);
  fs.appendFileSync(logFile, `---- start ${new Date().toISOString()}\n`);
  const args = [
    '--enable-source-maps',
    '--require',
    backendLoader(),
    'packages/backend/src/index.ts',
  ];
  for (const config of [
    'app-config.yaml',
    'app-config.production.yaml',
    options.testConfig,
    replicaConfig,
  ]) {
    args.push('--config', config);
  }
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const process = supervisor.start(globalThis.process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...options.env, APP_BASE_URL: baseUrl },
    logFile,
  });
  return { ...process, name, baseUrl };
}

/** A JSON call to a replica; `json` is undefined when the body is not JSON. */
export async function call(
  baseUrl: string,
  pathname: string,
  options: { token?: string; method?: string; body?: unknown } = {},
) {
  const response = await fetch(`${baseUrl}${pathname}`, {
    method: options.method ?? 'GET',
    headers: {
      'X-Requested-With': 'XMLHttpRequest',
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...(options.body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: options.body ? JSON.stringify(options.body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

export function waitReady(replica: Replica) {
  return waitFor(`${replica.name} readiness`, READY_TIMEOUT_MS, async () => {
    if (!replica.running())
      throw new Fatal(`${replica.name} exited:\n${tail(replica.logFile)}`);
    const log = fs.readFileSync(replica.logFile, 'utf8');
    if (
      /Backend startup failed/.test(log.slice(log.lastIndexOf('---- start')))
    ) {
      throw new StartFailed(
        `${replica.name} failed to start:\n${tail(replica.logFile)}`,
      );
    }
    return (
      (await call(replica.baseUrl, '/.backstage/health/v1/readiness'))
        .status === 200
    );
  });
}

export async function guestToken(replica: Replica): Promise<string> {
  const { status, json, text } = await call(
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

const refOf = (e: {
  kind: string;
  metadata: { namespace?: string; name: string };
}) =>
  `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${
    e.metadata.name
  }`;

/** kind:namespace/name of every entity in the example files. */
export function exampleEntityRefs(): string[] {
  const dir = path.join(REPO_ROOT, 'examples');
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map(
        doc => doc.toJS(),
      ),
    )
    .filter(e => e?.kind && e.metadata?.name)
    .map(refOf)
    .sort();
}

/** Every entity of the replica's catalog as a ref, with `@uid` when `withUids` (a uid changes when an entity is ingested anew). */
export async function catalogRefs(
  replica: Replica,
  token: string,
  withUids = false,
): Promise<string[]> {
  const fields = `kind,metadata.namespace,metadata.name${
    withUids ? ',metadata.uid' : ''
  }`;
  const { status, json } = await call(
    replica.baseUrl,
    `/api/catalog/entities?fields=${fields}`,
    { token },
  );
  if (status !== 200 || !Array.isArray(json)) return [];
  return json
    .map(e => (withUids ? `${refOf(e)}@${e.metadata.uid}` : refOf(e)))
    .sort();
}

/** Waits until the replica's catalog holds `expected`; the refs it holds then (or at the timeout). */
export async function waitForEntities(
  replica: Replica,
  token: string,
  expected: string[],
): Promise<string[]> {
  try {
    const refs = await waitFor(
      `the example entities on ${replica.name}`,
      CATALOG_TIMEOUT_MS,
      async () => {
        const held = await catalogRefs(replica, token);
        return expected.every(ref => held.includes(ref)) ? held : undefined;
      },
    );
    return refs ?? [];
  } catch {
    return catalogRefs(replica, token);
  }
}
