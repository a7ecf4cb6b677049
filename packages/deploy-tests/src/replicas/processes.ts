import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

/** Thrown by a probe to stop waiting at once (a process died, a start failed). */
export class Fatal extends Error {}

export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, ms));

/** Polls `probe` every 500 ms until it returns something truthy; connection errors mean "not yet". */
export async function waitFor<T>(
  description: string,
  timeoutMs: number,
  probe: () => Promise<T>,
): Promise<T> {
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

/** A free loopback TCP port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function tcpOpen(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The last lines of a log file, for failure messages. */
export function tail(file: string, lines = 30): string {
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

/** A started process: its own process group, its log file, and a promise of its exit. */
export interface Supervised {
  child: ChildProcess;
  logFile: string;
  exited: Promise<void>;
  running(): boolean;
}

/**
 * Starts commands each in its own process group, logging to a file, and
 * stops them whole; `stopAll` kills whatever is still running, however the
 * test ends.
 */
export class ProcessSupervisor {
  private readonly groups = new Set<number>();

  start(
    command: string,
    args: string[],
    options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
  ): Supervised {
    const log = fs.openSync(options.logFile, 'a');
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', log, log],
      detached: true,
    });
    fs.closeSync(log);
    const pid = child.pid!;
    this.groups.add(pid);
    const exited = new Promise<void>(resolve =>
      child.once('exit', () => {
        this.groups.delete(pid);
        resolve();
      }),
    );
    child.on('error', error =>
      fs.appendFileSync(options.logFile, `spawn failed: ${error.message}\n`),
    );
    return {
      child,
      logFile: options.logFile,
      exited,
      running: () => child.exitCode === null && child.signalCode === null,
    };
  }

  /** `signal` to the whole group, SIGKILL after `graceMs`. */
  async stop(
    process: Supervised,
    signal: NodeJS.Signals = 'SIGTERM',
    graceMs = 20_000,
  ): Promise<void> {
    if (!process.running()) return;
    killGroup(process.child.pid!, signal);
    const stopped = await Promise.race([
      process.exited.then(() => true),
      sleep(graceMs).then(() => false),
    ]);
    if (!stopped) killGroup(process.child.pid!, 'SIGKILL');
    await process.exited;
  }

  stopAll(): void {
    for (const pid of this.groups) killGroup(pid, 'SIGKILL');
    this.groups.clear();
  }
}

function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
