import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  Fatal,
  ProcessSupervisor,
  Supervised,
  tail,
  tcpOpen,
  waitFor,
} from './processes';

const INSTALL_HINT = 'run scripts/system-deps.sh pg_ctlcluster redis-server';

function postgresBinDir(): string | undefined {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
    }).trim();
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
 * user: the work dir when it is, else a directory under /tmp (returned in
 * `extraDir` for the caller to remove).
 */
function postgresRunner(workDir: string) {
  if (process.getuid?.() !== 0) {
    return {
      wrap: (cmd: string, args: string[]): [string, string[]] => [cmd, args],
      dataParent: workDir,
    };
  }
  const wrap = (cmd: string, args: string[]): [string, string[]] => [
    'runuser',
    ['-u', 'postgres', '--', cmd, ...args],
  ];
  const candidate = path.join(workDir, 'pg');
  fs.mkdirSync(candidate);
  execFileSync('chown', ['postgres:', candidate]);
  if (
    spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-w', candidate])
      .status === 0
  ) {
    return { wrap, dataParent: candidate };
  }
  const outside = fs.mkdtempSync('/tmp/mlops-replicas-pg-');
  execFileSync('chown', ['postgres:', outside]);
  return { wrap, dataParent: outside, extraDir: outside };
}

/** A private PostgreSQL cluster on `port` with user `backstage` and a random password. */
export async function startPostgres(
  supervisor: ProcessSupervisor,
  workDir: string,
  port: number,
) {
  const binDir = postgresBinDir();
  if (!binDir)
    throw new Error(
      `PostgreSQL server binaries not found: ${INSTALL_HINT} (or install postgresql)`,
    );
  const { wrap, dataParent, extraDir } = postgresRunner(workDir);
  const dataDir = path.join(dataParent, 'data');
  const password = crypto.randomBytes(18).toString('base64url');
  const pwFile = path.join(dataParent, 'pwfile');
  fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:', pwFile]);

  const init = spawnSync(
    ...wrap(path.join(binDir, 'initdb'), [
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
    ]),
    { encoding: 'utf8' },
  );
  if (init.status !== 0)
    throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
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
  const postgres = supervisor.start(cmd, args, {
    cwd: workDir,
    env: process.env,
    logFile: path.join(workDir, 'postgres.log'),
  });
  await untilListening('PostgreSQL', postgres, port, 30_000);
  return { postgres, password, extraDir };
}

/** A private redis-server on `port`, without persistence. */
export async function startRedis(
  supervisor: ProcessSupervisor,
  workDir: string,
  port: number,
): Promise<Supervised> {
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) {
    throw new Error(`redis-server not found: ${INSTALL_HINT}`);
  }
  const redis = supervisor.start(
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
    {
      cwd: workDir,
      env: process.env,
      logFile: path.join(workDir, 'redis.log'),
    },
  );
  await untilListening('redis-server', redis, port, 15_000);
  return redis;
}

function untilListening(
  name: string,
  process: Supervised,
  port: number,
  timeoutMs: number,
) {
  return waitFor(`${name} to accept connections`, timeoutMs, async () => {
    if (!process.running())
      throw new Fatal(`${name} exited:\n${tail(process.logFile)}`);
    return tcpOpen(port);
  });
}
