import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { python, runTool } from '../../validators/systemTools';
import { baseValues } from './combinations';
import { removeRendered, renderAll, RenderedCombination } from './renderAll';

type Stage = {
  cmd: string;
  outs?: Array<string | object>;
  metrics?: Array<string | object>;
  plots?: Array<string | object>;
};

const paths = (items: Array<string | object> = []) =>
  items.flatMap(item =>
    typeof item === 'string' ? [item] : Object.keys(item),
  );

describe('templates/mlops-platform-versioning: the generated DVC pipeline runs', () => {
  let rendered: RenderedCombination;
  let dvcDir: string;
  let stages: Record<string, Stage>;
  let shimDir: string;
  const runs: Record<string, { status: number | null; output: string }> = {};

  /** Environment of a fresh machine with Debian's python3-sklearn and no MLflow configured. */
  const env = (extra: NodeJS.ProcessEnv = {}) => {
    const base: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${shimDir}:${process.env.PATH}`,
      ...extra,
    };
    if (!('MLFLOW_TRACKING_URI' in extra)) delete base.MLFLOW_TRACKING_URI;
    return base;
  };

  beforeAll(async () => {
    [rendered] = await renderAll([{ id: 'pipeline', values: baseValues }]);
    dvcDir = path.join(rendered.dir, 'data-plane/dvc');
    stages = parse(
      fs.readFileSync(path.join(dvcDir, 'dvc.yaml'), 'utf8'),
    ).stages;
    // Stage commands call `python3`; point it at the interpreter that has scikit-learn.
    shimDir = fs.mkdtempSync(path.join(os.tmpdir(), 'python-shim-'));
    fs.symlinkSync(python, path.join(shimDir, 'python3'));
    for (const [name, stage] of Object.entries(stages)) {
      runs[name] = runTool('sh', ['-c', stage.cmd], {
        cwd: dvcDir,
        env: env(),
      });
    }
  }, 180_000);

  afterAll(() => {
    removeRendered([rendered]);
    fs.rmSync(shimDir, { recursive: true, force: true });
  });

  it('has no MLflow in the test interpreter, as on a fresh machine', () => {
    expect(runTool(python, ['-c', 'import mlflow']).status).not.toBe(0);
  });

  it('runs prepare, train and evaluate in order', () => {
    expect(Object.keys(runs)).toEqual(['prepare', 'train', 'evaluate']);
    for (const [name, run] of Object.entries(runs)) {
      expect({
        name,
        ...run,
        output: run.status === 0 ? '' : run.output,
      }).toEqual({
        name,
        status: 0,
        output: '',
      });
    }
  });

  it('produces every declared output, metric and plot', () => {
    const missing = Object.entries(stages).flatMap(([name, stage]) =>
      [...paths(stage.outs), ...paths(stage.metrics), ...paths(stage.plots)]
        .filter(out => !fs.existsSync(path.join(dvcDir, out)))
        .map(out => `${name}: ${out}`),
    );
    expect(missing).toEqual([]);
    expect(fs.readdirSync(path.join(dvcDir, 'data/prepared')).sort()).toEqual([
      'test.csv',
      'train.csv',
    ]);
  });

  it('writes test metrics of a model that learned something', () => {
    const metrics = JSON.parse(
      fs.readFileSync(
        path.join(rendered.dir, 'data-plane/experiments/metrics.json'),
        'utf8',
      ),
    );
    expect(Object.keys(metrics).sort()).toEqual([
      'accuracy',
      'f1',
      'precision',
      'recall',
      'roc_auc',
    ]);
    expect(metrics.accuracy).toBeGreaterThan(0.7);
    expect(metrics.roc_auc).toBeGreaterThan(0.7);
    expect(metrics.roc_auc).toBeLessThanOrEqual(1);
  });

  it('records the run with its parameters and no MLflow run when MLflow is not configured', () => {
    const record = JSON.parse(
      fs.readFileSync(
        path.join(rendered.dir, 'data-plane/experiments/last-run.json'),
        'utf8',
      ),
    );
    const params = parse(
      fs.readFileSync(path.join(dvcDir, 'params.yaml'), 'utf8'),
    );
    expect(record).toMatchObject({
      project: 'fraud-detection',
      params: params.train,
      mlflow: null,
    });
    expect(record.metrics.train_accuracy).toBeGreaterThan(0.7);
  });

  it('prepares byte-identical data on every run, so a new repository reproduces with an empty remote', () => {
    const again = runTool(
      'sh',
      [
        '-c',
        stages.prepare.cmd.replace('data/prepared', 'data/prepared-again'),
      ],
      { cwd: dvcDir, env: env() },
    );
    expect(again.status).toBe(0);
    for (const file of ['train.csv', 'test.csv']) {
      expect(
        fs.readFileSync(path.join(dvcDir, 'data/prepared-again', file)),
      ).toEqual(fs.readFileSync(path.join(dvcDir, 'data/prepared', file)));
    }
    fs.rmSync(path.join(dvcDir, 'data/prepared-again'), { recursive: true });
  });

  it('still trains when MLFLOW_TRACKING_URI is set but mlflow is not installed', () => {
    const run = runTool('sh', ['-c', stages.train.cmd], {
      cwd: dvcDir,
      env: env({ MLFLOW_TRACKING_URI: 'http://127.0.0.1:9' }),
    });
    expect(run.status).toBe(0);
    expect(run.output).toContain('mlflow is not installed');
  });

  // The CI checks that run on this pipeline are tested in reproducibility.test.ts.
});
