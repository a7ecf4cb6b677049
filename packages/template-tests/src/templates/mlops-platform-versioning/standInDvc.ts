import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listenOnLoopback } from '@mlops-portal/plugin-mlops-node/testUtils';
import { packageRoot } from '../../packageRoot';
import { python } from '../../validators/systemTools';

/** Real DVC 3's recorded answers (a verbatim copy of shared/dvc-samples), kept with the lock comparison. */
export const DVC_SAMPLES = path.join(
  path.dirname(
    require.resolve('@mlops-portal/plugin-mlops-common/package.json'),
  ),
  'src/dvc/__recordings__/dvc-samples',
);

export const recordedCase = (name: string, file: string) =>
  path.join(DVC_SAMPLES, 'cases', name, file);

/** What the stand-in `dvc` answers: paths of recorded files, and files `dvc repro` writes. */
export interface DvcAnswers {
  status?: string;
  statusCloud?: string;
  metricsDiff?: string;
  paramsDiff?: string;
  /** Path in the working folder → file whose content real `dvc repro` wrote there. */
  repro?: Record<string, string>;
}

/** A stand-in `dvc` on PATH replaying recorded answers; `calls()` lists the arguments it got. */
export function standInDvc(answers: DvcAnswers) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stand-in-dvc-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.copyFileSync(
    path.join(
      packageRoot,
      'src/templates/mlops-platform-versioning/standInDvc/dvc',
    ),
    path.join(bin, 'dvc'),
  );
  fs.chmodSync(path.join(bin, 'dvc'), 0o755);
  // The stand-in and the checks run on the Python that has PyYAML.
  fs.symlinkSync(python, path.join(bin, 'python3'));
  const store = path.join(dir, 'answers');
  fs.mkdirSync(store);
  const files: Array<[keyof DvcAnswers, string]> = [
    ['status', 'status.json'],
    ['statusCloud', 'status-cloud.json'],
    ['metricsDiff', 'metrics-diff.md'],
    ['paramsDiff', 'params-diff.md'],
  ];
  for (const [key, name] of files) {
    const source = answers[key];
    if (typeof source === 'string')
      fs.copyFileSync(source, path.join(store, name));
  }
  for (const [target, source] of Object.entries(answers.repro ?? {})) {
    const full = path.join(store, 'repro', target);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.copyFileSync(source, full);
  }
  const log = path.join(dir, 'calls.jsonl');
  fs.writeFileSync(log, '');
  return {
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      DVC_STANDIN_ANSWERS: store,
      DVC_STANDIN_LOG: log,
    },
    calls: (): string[][] =>
      fs
        .readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map(line => JSON.parse(line)),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs a command without blocking the event loop (so a fake server in this process can answer). */
export function runAsync(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ status: number; output: string }> {
  return new Promise(resolve => {
    execFile(
      command,
      args,
      { ...options, encoding: 'utf8' },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) code = typeof error.code === 'number' ? error.code : 127;
        resolve({ status: code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/**
 * A scripted HTTP upstream on 127.0.0.1 for the check scripts (GitHub, MLflow
 * answers per case): `handle` answers [status, JSON body] and every request is
 * kept. Served by the shared loopback server of mlops-node's testUtils.
 */
export async function fakeServer(
  handle: (request: {
    method: string;
    url: string;
    body: string;
    headers: Record<string, string>;
  }) => [number, unknown],
) {
  const requests: Array<{ method: string; url: string; body: string }> = [];
  const listening = await listenOnLoopback(async req => {
    const { pathname, search } = new URL(req.url);
    const request = {
      method: req.method,
      url: `${pathname}${search}`,
      body: await req.text(),
      headers: Object.fromEntries(req.headers.entries()),
    };
    requests.push({
      method: request.method,
      url: request.url,
      body: request.body,
    });
    const [status, answer] = handle(request);
    return new Response(JSON.stringify(answer), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  return { url: listening.url, requests, close: listening.close };
}
