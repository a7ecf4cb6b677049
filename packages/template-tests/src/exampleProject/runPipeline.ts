import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { lockEntry } from '../templates/mlops-platform-versioning/dvcLock';

type Entry = string | Record<string, { cache?: boolean }>;
interface Stage {
  cmd: string;
  deps?: Entry[];
  params?: string[];
  outs?: Entry[];
  metrics?: Entry[];
  plots?: Entry[];
}

const pathsOf = (entries: Entry[] = []) =>
  entries.flatMap(e => (typeof e === 'string' ? [e] : Object.keys(e)));

/** Outputs DVC leaves to git (`cache: false`), relative to the dvc.yaml folder. */
export function committedOutputs(stage: Stage): string[] {
  return [
    ...(stage.outs ?? []),
    ...(stage.metrics ?? []),
    ...(stage.plots ?? []),
  ]
    .filter(
      (e): e is Record<string, { cache?: boolean }> => typeof e !== 'string',
    )
    .flatMap(e => Object.entries(e))
    .filter(([, options]) => options?.cache === false)
    .map(([p]) => p);
}

/**
 * A param value the last `dvc repro` ran with that params.yaml no longer has:
 * the example shows how the DVC card flags a stale stage.
 */
export const STALE_PARAM = {
  stage: 'evaluate',
  key: 'threshold',
  lockedValue: 0.45,
};

/**
 * Runs the rendered pipeline's stages in order in `repoDir` (a scratch copy)
 * with a Python that has scikit-learn, and writes dvc.lock as `dvc repro`
 * would. The STALE_PARAM stage runs with the older value, which the lock
 * records; params.yaml keeps the template's value.
 */
export function runPipeline(repoDir: string, dvcDir: string, python: string) {
  const cwd = path.join(repoDir, dvcDir);
  const pipeline = parse(
    fs.readFileSync(path.join(cwd, 'dvc.yaml'), 'utf8'),
  ) as {
    stages: Record<string, Stage>;
  };
  const paramsFile = path.join(cwd, 'params.yaml');
  const rendered = fs.readFileSync(paramsFile, 'utf8');
  const current = parse(rendered) as Record<string, Record<string, unknown>>;
  const env = {
    ...process.env,
    // The stages call `python3`: make it the one with scikit-learn.
    PATH: `${path.dirname(python)}${path.delimiter}${process.env.PATH}`,
    MLFLOW_TRACKING_URI: '',
  };
  const lock: Record<string, unknown> = {};
  for (const [name, stage] of Object.entries(pipeline.stages)) {
    const params = structuredClone(current);
    if (name === STALE_PARAM.stage) {
      params[name][STALE_PARAM.key] = STALE_PARAM.lockedValue;
      fs.writeFileSync(paramsFile, stringify(params));
    }
    execFileSync('/bin/sh', ['-c', stage.cmd], { cwd, env, stdio: 'inherit' });
    fs.writeFileSync(paramsFile, rendered);
    lock[name] = {
      cmd: stage.cmd,
      deps: pathsOf(stage.deps).map(p => lockEntry(cwd, p)),
      params: {
        'params.yaml': Object.fromEntries(
          (stage.params ?? []).map(key => [key, params[key]]),
        ),
      },
      outs: [
        ...pathsOf(stage.outs),
        ...pathsOf(stage.metrics),
        ...pathsOf(stage.plots),
      ].map(p => lockEntry(cwd, p)),
    };
  }
  fs.writeFileSync(
    path.join(cwd, 'dvc.lock'),
    stringify({ schema: '2.0', stages: lock }, { lineWidth: 0 }),
  );
  return {
    lockFile: path.join(dvcDir, 'dvc.lock'),
    outputs: Object.values(pipeline.stages)
      .flatMap(committedOutputs)
      .flatMap(p => {
        const full = path.join(cwd, p);
        const files = fs.statSync(full).isDirectory()
          ? fs.readdirSync(full).map(f => path.join(full, f))
          : [full];
        return files.map(f =>
          path.relative(repoDir, f).split(path.sep).join('/'),
        );
      }),
  };
}
