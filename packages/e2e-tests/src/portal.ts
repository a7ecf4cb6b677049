/*
 * Starts the portal the way the README does (`yarn start` at the repository
 * root: backend on :7007, frontend on :3000), waits until it can serve the
 * example ML project, and stops the whole process group afterwards.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The monorepo root, two levels above this package. */
export const REPO_ROOT = path.resolve(
  path.dirname(require.resolve('@mlops-portal/e2e-tests/package.json')),
  '../..',
);
// The README's ports. Other ports (E2E_FRONTEND_PORT, E2E_BACKEND_PORT) let
// the suite run beside a portal someone already started.
const FRONTEND_PORT = Number(process.env.E2E_FRONTEND_PORT ?? 3000);
const BACKEND_PORT = Number(process.env.E2E_BACKEND_PORT ?? 7007);
export const FRONTEND_URL = `http://localhost:${FRONTEND_PORT}`;
export const BACKEND_URL = `http://localhost:${BACKEND_PORT}`;
export const RESULTS_DIR = path.join(REPO_ROOT, '.test-results');
export const PORTAL_LOG = path.join(RESULTS_DIR, 'e2e-portal.log');

const STARTUP_TIMEOUT_MS = Number(
  process.env.E2E_STARTUP_TIMEOUT_MS ?? 300_000,
);

function portInUse(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** A guest token from the auth backend, as the README's curl example gets it. */
export async function guestToken(): Promise<string> {
  const response = await fetch(
    `${BACKEND_URL}/api/auth/guest/refresh?env=development`,
    {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
      signal: AbortSignal.timeout(10_000),
    },
  );
  if (!response.ok) {
    throw new Error(`guest sign-in answered HTTP ${response.status}`);
  }
  const body = (await response.json()) as {
    backstageIdentity: { token: string };
  };
  return body.backstageIdentity.token;
}

/** One readiness probe; resolves to a reason while not ready, or undefined. */
type Probe = () => Promise<string | undefined>;

const probes: Array<[string, Probe]> = [
  [
    'backend readiness',
    async () => {
      const response = await fetch(
        `${BACKEND_URL}/.backstage/health/v1/readiness`,
        { signal: AbortSignal.timeout(10_000) },
      );
      return response.ok ? undefined : `HTTP ${response.status}`;
    },
  ],
  [
    'example ML project in the catalog',
    async () => {
      const token = await guestToken();
      const response = await fetch(
        `${BACKEND_URL}/api/catalog/entities/by-name/component/default/fraud-detection`,
        {
          headers: { Authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(10_000),
        },
      );
      return response.ok ? undefined : `HTTP ${response.status}`;
    },
  ],
  [
    'frontend bundle',
    async () => {
      // The dev server answers once webpack has built the bundle.
      const response = await fetch(FRONTEND_URL, {
        signal: AbortSignal.timeout(120_000),
      });
      const html = await response.text();
      return response.ok && html.includes('<script')
        ? undefined
        : `HTTP ${response.status}`;
    },
  ],
];

async function waitUntilReady(portal: ChildProcess | undefined) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (const [name, probe] of probes) {
    let reason = 'not tried';
    for (;;) {
      if (portal && portal.exitCode !== null) {
        throw new Error(
          `the portal exited with code ${portal.exitCode} before ${name} was ready; see ${PORTAL_LOG}`,
        );
      }
      try {
        reason = (await probe()) ?? '';
        if (!reason) break;
      } catch (error) {
        reason = (error as Error).message;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `the portal was not ready within ${STARTUP_TIMEOUT_MS} ms: ${name} (${reason}); see ${PORTAL_LOG}`,
        );
      }
      await sleep(1000);
    }
  }
}

function stopProcessGroup(portal: ChildProcess): Promise<void> {
  const pid = portal.pid;
  if (!pid) return Promise.resolve();
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  return (async () => {
    for (let i = 0; i < 100 && alive(); i++) await sleep(100);
    if (alive()) signal('SIGKILL');
  })();
}

/** `--config` arguments that move the portal to the chosen ports, if not the defaults. */
function portConfigArgs(): string[] {
  if (FRONTEND_PORT === 3000 && BACKEND_PORT === 7007) return [];
  const file = path.join(RESULTS_DIR, 'e2e-ports.app-config.yaml');
  fs.writeFileSync(
    file,
    [
      'app:',
      `  baseUrl: ${FRONTEND_URL}`,
      'backend:',
      `  baseUrl: ${BACKEND_URL}`,
      '  listen:',
      `    port: ${BACKEND_PORT}`,
      '  cors:',
      `    origin: ${FRONTEND_URL}`,
      '',
    ].join('\n'),
  );
  // Naming any --config replaces the default, so app-config.yaml comes first.
  return [
    '--config',
    path.join(REPO_ROOT, 'app-config.yaml'),
    '--config',
    file,
  ];
}

/**
 * Starts the portal unless E2E_REUSE_PORTAL=1 (then it must already run).
 * Returns the function that stops what was started.
 */
export async function startPortal(): Promise<() => Promise<void>> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const busy =
    (await portInUse(FRONTEND_PORT)) || (await portInUse(BACKEND_PORT));
  if (process.env.E2E_REUSE_PORTAL === '1') {
    await waitUntilReady(undefined);
    return async () => {};
  }
  if (busy) {
    throw new Error(
      `ports ${FRONTEND_PORT}/${BACKEND_PORT} are already in use: stop that portal first, set E2E_REUSE_PORTAL=1 to test the running one, or choose other ports with E2E_FRONTEND_PORT/E2E_BACKEND_PORT`,
    );
  }
  const log = fs.openSync(PORTAL_LOG, 'w');
  const startedAt = Date.now();
  // Its own process group, so the frontend and backend children stop with it.
  const portal = spawn('yarn', ['start', ...portConfigArgs()], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, BROWSER: 'none', FORCE_COLOR: '0' },
  });
  const stop = () => stopProcessGroup(portal);
  const stopOnExit = () => {
    if (portal.pid) {
      try {
        process.kill(-portal.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  };
  process.once('exit', stopOnExit);
  try {
    await waitUntilReady(portal);
  } catch (error) {
    await stop();
    throw error;
  }
  process.stdout.write(
    `portal ready in ${((Date.now() - startedAt) / 1000).toFixed(
      1,
    )} s (log: ${path.relative(REPO_ROOT, PORTAL_LOG)})\n`,
  );
  return async () => {
    process.removeListener('exit', stopOnExit);
    await stop();
  };
}
