import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { python, runTool } from '../../validators/systemTools';
import { baseValues } from './combinations';
import { writeDvcLock } from './dvcLock';
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
  const check = (script: string, extra: NodeJS.ProcessEnv = {}) =>
    runTool(
      python,
      [`control-plane/ci-cd/checks/${script}`, 'data-plane/dvc/dvc.yaml'],
      {
        cwd: rendered.dir,
        env: env(extra),
      },
    );

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

  describe('the CI reproducibility checks', () => {
    it('fail while dvc.lock is missing, as on a brand-new repository', () => {
      const run = check('check_dvc_lock.py');
      expect(run.status).toBe(1);
      expect(run.output).toContain('dvc.lock is missing');
      expect(check('check_run_metadata.py').status).toBe(1);
    });

    it('pass once the run is locked', () => {
      writeDvcLock(path.join(dvcDir, 'dvc.yaml'));
      expect(check('check_dvc_lock.py')).toMatchObject({ status: 0 });
      expect(check('check_run_metadata.py')).toMatchObject({ status: 0 });
    });

    it('fail when params.yaml changes without a new run', () => {
      const file = path.join(dvcDir, 'params.yaml');
      const original = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(
        file,
        original.replace('n_estimators: 100', 'n_estimators: 200'),
      );
      try {
        const lock = check('check_dvc_lock.py');
        expect(lock.status).toBe(1);
        expect(lock.output).toContain(
          'stage train: parameter train in params.yaml differs from dvc.lock',
        );
        const record = check('check_run_metadata.py');
        expect(record.status).toBe(1);
        expect(record.output).toContain('other train parameters');
      } finally {
        fs.writeFileSync(file, original);
      }
    });

    it('fail when pipeline code changes without a new run', () => {
      const file = path.join(rendered.dir, 'data-plane/src/train.py');
      const original = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, `${original}\n# tuned\n`);
      try {
        const run = check('check_dvc_lock.py');
        expect(run.status).toBe(1);
        expect(run.output).toContain(
          '../src/train.py changed since dvc.lock was written',
        );
      } finally {
        fs.writeFileSync(file, original);
      }
    });

    it('fail when the committed run record is not the locked one, or lacks an MLflow run when required', () => {
      const file = path.join(
        rendered.dir,
        'data-plane/experiments/last-run.json',
      );
      const original = fs.readFileSync(file, 'utf8');
      const required = check('check_run_metadata.py', {
        REQUIRE_MLFLOW_RUN: 'true',
      });
      expect(required.status).toBe(1);
      expect(required.output).toContain('not logged to MLflow');
      fs.writeFileSync(
        file,
        original.replace('"git_commit"', '"git_commit_edited"'),
      );
      try {
        const run = check('check_run_metadata.py');
        expect(run.status).toBe(1);
        expect(run.output).toContain('not the one dvc.lock recorded');
      } finally {
        fs.writeFileSync(file, original);
      }
      expect(check('check_dvc_lock.py').status).toBe(0);
    });
  });
});
