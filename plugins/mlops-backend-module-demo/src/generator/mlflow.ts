import {
  DAY,
  FixtureFile,
  HOUR,
  NOW_MS,
  fixture,
  random,
  round,
} from './common';

/*
 * The demo MLflow: experiment `fraud-detection` with 34 runs over three
 * weeks (MLflow REST 2.0 bodies, shaped like the recorded MLflow 2.9 answers),
 * their metric histories and the registered model `fraud-detector`.
 */

/**
 * What the example project's train stage logs: params.yaml's `train` section
 * (data-plane/src/train.py calls `mlflow.log_params` with it), so the runs
 * speak of the models the DVC card's params.yaml names.
 */
export interface TrainParams {
  model: 'random_forest' | 'logistic_regression';
  n_estimators: number;
  max_depth: number;
  seed: number;
}

interface MetricPoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

interface KeyValue {
  key: string;
  value: string;
}

interface Run {
  info: {
    run_uuid: string;
    experiment_id: string;
    run_name: string;
    user_id: string;
    status: string;
    start_time: number;
    end_time?: number;
    artifact_uri: string;
    lifecycle_stage: string;
    run_id: string;
  };
  data: { metrics: MetricPoint[]; params: KeyValue[]; tags: KeyValue[] };
  inputs: {};
}

/** A registered model version as model-versions/search answers it. */
export interface ModelVersion {
  name: string;
  version: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  current_stage: string;
  description: string;
  source: string;
  run_id: string;
  status: string;
  tags: KeyValue[];
  run_link: string;
  aliases?: string[];
}

const EXPERIMENT_ID = '4';
const EXPERIMENT_NAME = 'fraud-detection';
export const MODEL_NAME = 'fraud-detector';
const ARTIFACT_ROOT = `s3://fraud-detection-artifacts/mlflow/${EXPERIMENT_ID}`;
const REPO_URL = 'https://github.com/example-org/fraud-detection.git';
const DATA_MD5 = 'a3f1c2e4b5d6978812ab34cd56ef7890';
const USERS = ['ci-bot', 'ci-bot', 'ci-bot', 'maria.lopez', 'dev.patel'];
const STEPS = 5;

/** Git commits of the project's history, oldest first; runs group onto them. */
export const COMMITS = Array.from({ length: 9 }, () => random.hex(40));

const RUN_COUNT = 34;
/** When the training pod of the demo's gpu-prod-eu (kubernetes.ts, 38 minutes old) started its MLflow run. */
const RUNNING_TRAIN_STARTED = NOW_MS - 38 * 60000 + 45000;
const EXPERIMENT_CREATED = NOW_MS - 23 * DAY;

function modelQuality(params: TrainParams) {
  // Plausible response surface: the logistic-regression baselines trail; a
  // random forest gains with more trees and a depth near 8 to 10.
  const noise = random.between(-0.006, 0.006);
  if (params.model === 'logistic_regression') return 0.884 + noise;
  const depthTerm = -Math.abs(params.max_depth - 9) * 0.003;
  const treesTerm = ((Math.min(params.n_estimators, 600) - 100) / 500) * 0.012;
  return 0.927 + depthTerm + treesTerm + noise;
}

function buildRun(index: number): {
  run: Run;
  histories: Record<string, MetricPoint[]>;
  origin: VersionOrigin;
} {
  // Runs are spread over three weeks, denser towards the end (tuning sweeps).
  const fraction = Math.pow(index / (RUN_COUNT - 1), 0.8);
  const drawnStart =
    EXPERIMENT_CREATED +
    Math.round(fraction * 22.6 * DAY) +
    random.int(0, 40) * 60000;
  // The draws of an earlier version of this generator (model families,
  // learning rate, leaf size, class weight) are still made, in the same order,
  // though only some are logged: the Kubernetes and Prometheus fixtures draw
  // from the same PRNG after MLflow and stay byte-identical.
  let families = ['b', 'b', 'b'];
  if (index < 15) families = ['rf', 'b'];
  if (index < 6) families = ['rf'];
  const family = random.pick(families);
  const nEstimators = random.pick([100, 200, 300, 400, 500, 800]);
  const maxDepth = random.pick([4, 6, 8, 10, 12]);
  if (family !== 'rf') random.pick([0.01, 0.03, 0.05, 0.1, 0.2]);
  random.pick([1, 2, 5, 10]);
  random.pick(['balanced', 'balanced_subsample', 'none']);
  // The team started with logistic-regression baselines, then swept the
  // random forest's size (the example's train.py knows these two models).
  const params: TrainParams = {
    model: index < 4 ? 'logistic_regression' : 'random_forest',
    n_estimators: nEstimators,
    max_depth: maxDepth,
    seed: 42,
  };
  // The newest run is still going; a few stopped early. Steps logged so far.
  const special = (
    {
      [RUN_COUNT - 1]: { status: 'RUNNING', steps: 3 },
      11: { status: 'FAILED', steps: 2 },
      27: { status: 'FAILED', steps: 2 },
      20: { status: 'KILLED', steps: 1 },
    } as Record<number, { status: string; steps: number } | undefined>
  )[index];
  const status = special?.status ?? 'FINISHED';
  const stepsLogged = special?.steps ?? STEPS;
  const isRunning = status === 'RUNNING';
  // The run still going is the one the GPU card's training pod runs (`dvc repro train`, started 38 minutes ago).
  const startTime = isRunning ? RUNNING_TRAIN_STARTED : drawnStart;
  const isFailed = status === 'FAILED';
  const durationMs = Math.round(random.between(4, 38) * 60000);

  const quality = modelQuality(params);
  const runId = random.hex(32);
  const runName = `${
    params.model === 'random_forest'
      ? `rf-${params.n_estimators}-d${params.max_depth}`
      : 'logreg-baseline'
  }-${random.alnum(4)}`;
  const user = index < 3 ? 'maria.lopez' : random.pick(USERS);
  const commit =
    COMMITS[
      Math.min(COMMITS.length - 1, Math.floor(fraction * COMMITS.length))
    ];

  // One history point per step (cross-validation folds), converging upwards.
  const histories: Record<string, MetricPoint[]> = {};
  const keys = ['roc_auc', 'precision', 'recall', 'f1'];
  for (const key of keys) histories[key] = [];
  for (let step = 0; step < stepsLogged; step++) {
    const progress = (step + 1) / STEPS;
    const rocAuc = quality - (1 - progress) * random.between(0.03, 0.06);
    const precision = rocAuc - random.between(0.04, 0.09);
    const recall = rocAuc - random.between(0.1, 0.16);
    const f1 = (2 * precision * recall) / (precision + recall);
    const timestamp =
      startTime + Math.round(((step + 1) / (STEPS + 1)) * durationMs);
    const values: Record<string, number> = {
      roc_auc: rocAuc,
      precision,
      recall,
      f1,
    };
    for (const key of keys) {
      histories[key].push({
        key,
        value: round(values[key], 4),
        timestamp,
        step,
      });
    }
  }
  if (stepsLogged === STEPS) {
    // Inference latency is measured once, on the finished model.
    const latency =
      (params.model === 'random_forest'
        ? params.n_estimators * params.max_depth * 0.0021
        : 0.4) + random.between(2, 5);
    histories.latency_ms = [
      {
        key: 'latency_ms',
        value: round(latency, 2),
        timestamp:
          startTime + Math.round((STEPS / (STEPS + 1)) * durationMs) + 1500,
        step: 0,
      },
    ];
  }

  const info = {
    run_uuid: runId,
    experiment_id: EXPERIMENT_ID,
    run_name: runName,
    user_id: user,
    status,
    start_time: startTime,
    // A run that is still going has no end_time yet.
    ...(isRunning ? {} : { end_time: startTime + durationMs }),
    artifact_uri: `${ARTIFACT_ROOT}/${runId}/artifacts`,
    lifecycle_stage: 'active',
    run_id: runId,
  };
  const metrics = Object.values(histories).map(
    history => history[history.length - 1],
  );
  const paramList = Object.entries(params).map(([key, value]) => ({
    key,
    value: String(value),
  }));
  const tags = [
    { key: 'mlflow.source.git.commit', value: commit },
    {
      key: 'mlflow.source.git.branch',
      // The running run is the sweep job's (fraud-detection-train-sweep-14), on the sweep branch.
      value: index % 7 === 3 || isRunning ? 'feat/forest-size-sweep' : 'main',
    },
    { key: 'mlflow.source.git.repoURL', value: REPO_URL },
    { key: 'mlflow.source.name', value: 'dvc repro' },
    { key: 'mlflow.source.type', value: 'LOCAL' },
    { key: 'mlflow.user', value: user },
    { key: 'dvc.stage', value: 'train' },
    { key: 'dvc.pipeline', value: 'data-plane/dvc/dvc.yaml' },
    { key: 'dvc.params_file', value: 'params.yaml' },
    { key: 'dvc.data.md5', value: DATA_MD5 },
    { key: 'mlflow.runName', value: runName },
  ];
  if (isFailed) {
    tags.push({
      key: 'mlflow.note.content',
      value:
        index === 11
          ? 'OOMKilled while building the feature matrix (max_depth too large for the node)'
          : 'Training aborted after step 1: data/prepared was missing (dvc pull failed, remote unreachable)',
    });
  }
  return {
    run: {
      info,
      data: { metrics, params: paramList, tags },
      inputs: {},
    },
    histories,
    origin: { commit, params },
  };
}

/** The commit and train params of the run a model version came from. */
export interface VersionOrigin {
  commit: string;
  params: TrainParams;
}

export function buildMlflow(): {
  files: FixtureFile[];
  versions: ModelVersion[];
  /** Where each version's run came from, by version number. */
  origins: Record<string, VersionOrigin>;
} {
  const built = Array.from({ length: RUN_COUNT }, (_, index) =>
    buildRun(index),
  );
  const builtById = new Map(built.map(entry => [entry.run.info.run_id, entry]));
  // runs/search orders by start_time DESC unless told otherwise.
  const runs = built
    .map(entry => entry.run)
    .sort((a, b) => b.info.start_time - a.info.start_time);
  const histories: Record<
    string,
    Record<string, { metrics: MetricPoint[] }>
  > = {};
  for (const entry of built) {
    histories[entry.run.info.run_id] = Object.fromEntries(
      Object.entries(entry.histories).map(([key, metrics]) => [
        key,
        { metrics },
      ]),
    );
  }

  const experiment = {
    experiment: {
      experiment_id: EXPERIMENT_ID,
      name: EXPERIMENT_NAME,
      artifact_location: ARTIFACT_ROOT,
      lifecycle_stage: 'active',
      last_update_time: Math.max(...runs.map(run => run.info.start_time)),
      creation_time: EXPERIMENT_CREATED,
      tags: [
        { key: 'team', value: 'risk-ml' },
        {
          key: 'mlflow.note.content',
          value:
            'Card-transaction fraud classifier, trained by the DVC `train` stage.',
        },
      ],
    },
  };

  // Registered versions come from the best finished runs, in time order.
  const finished = runs
    .filter(run => run.info.status === 'FINISHED')
    .sort((a, b) => a.info.start_time - b.info.start_time);
  const rocAuc = (run: Run) =>
    run.data.metrics.find(metric => metric.key === 'roc_auc')!.value;
  const candidates: Run[] = [];
  for (const run of finished) {
    if (
      !candidates.length ||
      rocAuc(run) > rocAuc(candidates[candidates.length - 1])
    ) {
      candidates.push(run);
    }
  }
  const registered = candidates.slice(-5);
  const stages = ['Archived', 'Archived', 'Production', 'Staging', 'None'];
  const aliasesByVersion: Record<number, string[]> = {
    3: ['champion'],
    4: ['challenger'],
  };
  const versions = registered.map((run, position) => {
    const version = position + 1;
    const created = run.info.end_time! + 12 * 60000;
    const updated =
      stages[position] === 'None'
        ? created
        : created + (5 - position) * 6 * HOUR;
    const body: ModelVersion = {
      name: MODEL_NAME,
      version: String(version),
      creation_timestamp: created,
      last_updated_timestamp: Math.min(updated, NOW_MS - HOUR),
      current_stage: stages[position],
      description: `version ${version} from ${run.info.run_name}`,
      source: `${run.info.artifact_uri}/model`,
      run_id: run.info.run_id,
      status: 'READY',
      tags: [{ key: 'dvc.stage', value: 'train' }],
      run_link: '',
    };
    // Protobuf JSON omits empty repeated fields, as MLflow does.
    if (aliasesByVersion[version]) body.aliases = aliasesByVersion[version];
    return body;
  });
  const modelCreated = versions[0].creation_timestamp - 30 * 60000;
  const modelUpdated = Math.max(...versions.map(v => v.last_updated_timestamp));
  // latest_versions: the newest version of each stage, as MLflow computes it.
  const latestPerStage = new Map<string, ModelVersion>();
  for (const version of versions)
    latestPerStage.set(version.current_stage, version);
  const latestVersions = [...latestPerStage.values()]
    .sort((a, b) => Number(a.version) - Number(b.version))
    .map(({ aliases: _aliases, ...version }) => version);

  const registeredModel = {
    registered_model: {
      name: MODEL_NAME,
      creation_timestamp: modelCreated,
      last_updated_timestamp: modelUpdated,
      description:
        'Card-transaction fraud classifier served by fraud-detection-serving.',
      latest_versions: latestVersions,
      tags: [{ key: 'owner', value: 'risk-ml' }],
      aliases: Object.entries(aliasesByVersion).map(([version, [alias]]) => ({
        alias,
        version,
      })),
    },
  };
  // model-versions/search returns the newest first.
  const modelVersions = { model_versions: [...versions].reverse() };

  return {
    files: [
      fixture('mlflow/experiments-get-by-name.json', experiment),
      fixture('mlflow/runs-search.json', { runs }),
      fixture('mlflow/metric-histories.json', histories),
      fixture('mlflow/registered-models-get.json', registeredModel),
      fixture('mlflow/model-versions-search.json', modelVersions),
    ],
    versions,
    origins: Object.fromEntries(
      versions.map(v => [v.version, builtById.get(v.run_id)!.origin]),
    ),
  };
}
