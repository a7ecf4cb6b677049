import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { writeDvcLock } from '../templates/mlops-platform-versioning/dvcLock';

type Entry = string | Record<string, { cache?: boolean }>;
interface Stage {
  cmd: string;
  outs?: Entry[];
  metrics?: Entry[];
  plots?: Entry[];
}

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
 * Runs the rendered pipeline's stages in order in `repoDir` (a scratch copy)
 * with a Python that has scikit-learn, and writes dvc.lock as `dvc repro`
 * would (writeDvcLock).
 */
export function runPipeline(repoDir: string, dvcDir: string, python: string) {
  const cwd = path.join(repoDir, dvcDir);
  const pipeline = parse(
    fs.readFileSync(path.join(cwd, 'dvc.yaml'), 'utf8'),
  ) as {
    stages: Record<string, Stage>;
  };
  const env = {
    ...process.env,
    // The stages call `python3`: make it the one with scikit-learn.
    PATH: `${path.dirname(python)}${path.delimiter}${process.env.PATH}`,
    MLFLOW_TRACKING_URI: '',
  };
  for (const stage of Object.values(pipeline.stages)) {
    execFileSync('/bin/sh', ['-c', stage.cmd], { cwd, env, stdio: 'inherit' });
  }
  writeDvcLock(path.join(cwd, 'dvc.yaml'));
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
