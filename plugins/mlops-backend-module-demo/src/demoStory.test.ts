import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { demoClusters, demoCommitEdits, demoMlflowDataset } from './demoData';
import { DEFAULT_DEMO_SOURCE_DIR } from './module';

/*
 * The demo profile tells one story: what the MLflow runs say agrees with the
 * example project the DVC card reads (examples/fraud-detection, the
 * template's output).
 */
const example = resolvePackagePath(
  '@mlops-portal/plugin-mlops-backend-module-demo',
  DEFAULT_DEMO_SOURCE_DIR,
);
const paramsYaml = readFileSync(
  `${example}/data-plane/dvc/params.yaml`,
  'utf8',
);
const trainSection = (yamlText: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(parse(yamlText).train as Record<string, unknown>).map(
      ([k, v]) => [k, String(v)],
    ),
  );
const trainPy = readFileSync(`${example}/data-plane/src/train.py`, 'utf8');
/** The models the example's train.py builds (`if params["model"] == "..."`). */
const knownModels = [
  ...trainPy.matchAll(/params\["model"\] == "([a-z_]+)"/g),
].map(m => m[1]);

const paramsOf = (run: {
  data?: { params?: Array<{ key?: string; value?: string }> };
}): Record<string, string> =>
  Object.fromEntries(
    (run.data?.params ?? []).map(p => [p.key ?? '', p.value ?? '']),
  );

type DemoRun = ReturnType<typeof demoMlflowDataset>['runs'][number];

/** What a run logs that the example project could not have logged. */
function disagreements(runs: DemoRun[]): string[] {
  const keys = Object.keys(trainSection(paramsYaml)).sort().join(',');
  return runs.flatMap(run => {
    const params = paramsOf(run);
    const problems: string[] = [];
    if (Object.keys(params).sort().join(',') !== keys) {
      problems.push(
        `${run.info.run_name}: params ${Object.keys(params).join(
          ',',
        )}, not params.yaml's train section`,
      );
    }
    if (!knownModels.includes(params.model))
      problems.push(
        `${run.info.run_name}: model ${params.model} train.py does not build`,
      );
    return problems;
  });
}

describe('the demo data agrees with the example project', () => {
  const { runs, modelVersions } = demoMlflowDataset();

  it('logs params.yaml’s train section in every run, with a model train.py builds', () => {
    expect(knownModels).toEqual(
      expect.arrayContaining(['random_forest', 'logistic_regression']),
    );
    expect(runs.length).toBeGreaterThan(30);
    expect(disagreements(runs)).toEqual([]);
  });

  it('finds a run of a model the example cannot train (negative)', () => {
    const [run] = runs;
    const xgb = {
      ...run,
      data: {
        ...run.data,
        params: [
          ...(run.data?.params ?? []).filter(p => p.key !== 'model'),
          { key: 'model', value: 'xgboost' },
        ],
      },
    };
    const extra = {
      ...run,
      data: {
        ...run.data,
        params: [
          ...(run.data?.params ?? []),
          { key: 'learning_rate', value: '0.1' },
        ],
      },
    };
    expect(disagreements([xgb, extra])).toEqual([
      `${run.info.run_name}: model xgboost train.py does not build`,
      `${run.info.run_name}: params model,n_estimators,max_depth,seed,learning_rate, not params.yaml's train section`,
    ]);
  });

  it('trains the head commit with params.yaml and the canary’s commit with its run’s params', () => {
    const { head, commits } = demoCommitEdits();
    const commitOf = (run: (typeof runs)[number]) =>
      run.data?.tags?.find(t => t.key === 'mlflow.source.git.commit')?.value;
    const headRun = runs.find(r => commitOf(r) === head)!;
    expect(paramsOf(headRun)).toEqual(trainSection(paramsYaml));
    // Its metrics are the ones the DVC card reads from the committed metrics.json.
    const committed = JSON.parse(
      readFileSync(`${example}/data-plane/experiments/metrics.json`, 'utf8'),
    );
    for (const metric of headRun.data?.metrics ?? []) {
      expect([metric.key, metric.value]).toEqual([
        metric.key,
        Number(committed[metric.key!].toFixed(4)),
      ]);
    }
    expect(headRun.data?.metrics?.map(m => m.key).sort()).toEqual([
      'f1',
      'precision',
      'recall',
      'roc_auc',
    ]);

    // The canary (the Staging version) was trained at an older commit whose params.yaml the demo serves.
    const canary = modelVersions.find(v => v.current_stage === 'Staging')!;
    const canaryRun = runs.find(r => r.info.run_id === canary.run_id)!;
    const edits = commits[commitOf(canaryRun)!]['data-plane/dvc/params.yaml'];
    const atCommit = edits.reduce(
      (text, edit) => text.replace(edit.replace, edit.with),
      paramsYaml,
    );
    expect(paramsOf(canaryRun)).toEqual(trainSection(atCommit));
    expect(paramsOf(canaryRun)).not.toEqual(trainSection(paramsYaml));
  });

  /** The project's running training pods (the GPU card's), with when they started. */
  const trainingPods = Object.values(demoClusters()).flatMap(cluster =>
    (
      cluster['/api/v1/pods'].items as Array<{
        metadata: { name: string; labels?: Record<string, string> };
        status: { phase: string; startTime?: string };
      }>
    )
      .filter(
        p =>
          p.metadata.labels?.['dvc.org/stage'] === 'train' &&
          p.status.phase === 'Running',
      )
      .map(p => ({
        name: p.metadata.name,
        started: Date.parse(p.status.startTime!),
      })),
  );
  /** Running runs no running training pod could be logging (one started up to 5 minutes before the run). */
  const runsWithoutPod = (candidates: typeof runs) =>
    candidates
      .filter(r => r.info.status === 'RUNNING')
      .filter(
        r =>
          !trainingPods.some(
            p =>
              p.started <= Number(r.info.start_time) &&
              Number(r.info.start_time) - p.started < 5 * 60000,
          ),
      )
      .map(r => r.info.run_name);

  it('runs every RUNNING run in a training pod the GPU card shows, started just before it', () => {
    expect(trainingPods.map(p => p.name)).toEqual([
      expect.stringMatching(/^fraud-detection-train-/),
    ]);
    expect(runs.filter(r => r.info.status === 'RUNNING')).toHaveLength(1);
    expect(runsWithoutPod(runs)).toEqual([]);
  });

  it('finds a running run that started hours before any training pod (negative)', () => {
    const running = runs.find(r => r.info.status === 'RUNNING')!;
    const early = {
      ...running,
      info: {
        ...running.info,
        start_time: Number(running.info.start_time) - 9 * 3600000,
      },
    };
    expect(runsWithoutPod([early])).toEqual([running.info.run_name]);
  });
});
