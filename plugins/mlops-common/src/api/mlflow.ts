import { MlopsResponseMeta } from './meta';

/** MLflow run status (`RunStatus` in MLflow's service.proto). @public */
export type MlflowRunStatus =
  | 'RUNNING'
  | 'SCHEDULED'
  | 'FINISHED'
  | 'FAILED'
  | 'KILLED';

/**
 * A metric value as MLflow stores it: a number, or one of the non-finite
 * values (a diverged loss is `NaN`). MLflow sends NaN as the JSON string
 * `"NaN"` and ±Infinity as ±1.7976931348623157e308 (the largest double;
 * recorded on MLflow 3.11); the backend passes them on as these strings, so
 * the JSON stays valid and the value survives.
 *
 * @public
 */
export type MlflowMetricNumber = number | 'NaN' | 'Infinity' | '-Infinity';

/** A dataset a run used (`inputs.dataset_inputs` of MLflow 2.4+ runs). @public */
export interface MlflowDatasetInput {
  name: string;
  digest: string;
  /** `mlflow.data.context` tag: `training`, `evaluation`, ... */
  context?: string;
  sourceType?: string;
}

/** The entity's MLflow experiment. @public */
export interface MlflowExperimentResponse {
  experiment: {
    experimentId: string;
    name: string;
    lifecycleStage: string;
    artifactLocation?: string;
    creationTime?: number;
    lastUpdateTime?: number;
    tags: Record<string, string>;
  };
  /** Deep link into the MLflow UI. */
  experimentUrl: string;
  /** The configured MLflow instance that answered. */
  instance: string;
  meta: MlopsResponseMeta;
}

/** Query of `GET .../mlflow/runs`. All of it is validated server-side. @public */
export interface MlflowRunsQuery {
  /** Column to sort by: `start_time`, `end_time`, `run_name`, `status`, `metrics.<key>` or `params.<key>`. */
  orderBy?: string;
  /** Sort direction; default `desc`. */
  order?: 'asc' | 'desc';
  /** Only runs of this status. */
  status?: MlflowRunStatus;
  /**
   * MLflow's run filter syntax, e.g. `metrics.f1 > 0.8 and params.model = 'xgboost'`
   * (see `parseMlflowRunFilter`); the backend refuses a bad one with 400 `InvalidInput`.
   */
  filter?: string;
  /** 1..100; default 25. */
  pageSize?: number;
  /** `nextPageToken` of the previous page. */
  pageToken?: string;
  /** Param keys to include as columns; default: all. */
  params?: string[];
  /** Metric keys to include as columns; default: all. */
  metrics?: string[];
}

/** A run as listed in the runs table. @public */
export interface MlflowRunSummary {
  runId: string;
  runName: string;
  status: MlflowRunStatus;
  userId?: string;
  /** Epoch milliseconds. */
  startTime?: number;
  /** Epoch milliseconds. */
  endTime?: number;
  durationMs?: number;
  params: Record<string, string>;
  /** Latest value of each metric. */
  metrics: Record<string, MlflowMetricNumber>;
  /** Datasets the run used (MLflow 2.4+; empty or absent on servers without dataset tracking). */
  datasets?: MlflowDatasetInput[];
  /** Ids of the LoggedModels the run logged (`outputs.model_outputs`, MLflow 3; else empty). */
  loggedModelIds?: string[];
  /** `mlflow.source.git.commit` tag, when logged. */
  gitCommit?: string;
  /** DVC stage tags (`dvc.stage`), when logged. */
  dvcStage?: string;
  /** Deep link into the MLflow UI. */
  runUrl: string;
}

/** A page of the experiment's runs. @public */
export interface MlflowRunsResponse {
  runs: MlflowRunSummary[];
  /** Present when more pages exist; pass back as `pageToken`. */
  nextPageToken?: string;
  /** Every param key seen on this page (for column pickers). */
  paramKeys: string[];
  /** Every metric key seen on this page. */
  metricKeys: string[];
  experimentUrl: string;
  meta: MlopsResponseMeta;
}

/** One run with everything MLflow knows about it. @public */
export interface MlflowRunDetail extends MlflowRunSummary {
  experimentId: string;
  lifecycleStage?: string;
  artifactUri?: string;
  tags: Record<string, string>;
  /** LoggedModels the run used as inputs (`inputs.model_inputs`, MLflow 3). */
  inputModelIds?: string[];
  /** The LoggedModels it logged, with links (MLflow 3; empty on 2.x). */
  loggedModels?: MlflowLoggedModel[];
}

/** `GET .../mlflow/runs/:runId`. @public */
export interface MlflowRunResponse {
  run: MlflowRunDetail;
  meta: MlopsResponseMeta;
}

/** One point of a metric's history. @public */
export interface MlflowMetricPoint {
  step: number;
  /** Epoch milliseconds. */
  timestamp: number;
  value: MlflowMetricNumber;
}

/** `GET .../mlflow/runs/:runId/metrics/:key/history`, all upstream pages joined. @public */
export interface MlflowMetricHistoryResponse {
  runId: string;
  key: string;
  points: MlflowMetricPoint[];
  meta: MlopsResponseMeta;
}

/** A version of the registered model. @public */
export interface MlflowModelVersion {
  version: string;
  /** Aliases pointing at this version (MLflow 2.3+). */
  aliases: string[];
  /** `current_stage` on servers that still use stages (e.g. `Production`). */
  stage?: string;
  status?: string;
  description?: string;
  /** Epoch milliseconds. */
  creationTime?: number;
  lastUpdatedTime?: number;
  source?: string;
  /** The run that produced it, with a link to its page under the run's own experiment. */
  runId?: string;
  runUrl?: string;
  versionUrl: string;
  /** Version tags (absent in older answers). */
  tags?: Record<string, string>;
  /** MLflow 3: the LoggedModel the version was registered from (`source: models:/m-...`). */
  loggedModelId?: string;
  /** That LoggedModel, when the server could be asked for it. */
  loggedModel?: MlflowLoggedModel;
}

/** A metric of a LoggedModel, per dataset it was evaluated on. @public */
export interface MlflowLoggedModelMetric {
  key: string;
  value: MlflowMetricNumber;
  step?: number;
  /** Epoch milliseconds. */
  timestamp?: number;
  datasetName?: string;
  datasetDigest?: string;
  runId?: string;
}

/**
 * The latest value of each metric of a LoggedModel (by timestamp, then
 * step), whatever dataset it was computed on.
 *
 * @public
 */
export function latestLoggedModelMetrics(
  metrics: MlflowLoggedModelMetric[],
): Record<string, MlflowMetricNumber> {
  const latest = new Map<string, MlflowLoggedModelMetric>();
  for (const metric of metrics) {
    const seen = latest.get(metric.key);
    const newer =
      !seen ||
      (metric.timestamp ?? 0) > (seen.timestamp ?? 0) ||
      ((metric.timestamp ?? 0) === (seen.timestamp ?? 0) &&
        (metric.step ?? 0) >= (seen.step ?? 0));
    if (newer) latest.set(metric.key, metric);
  }
  return Object.fromEntries(
    [...latest].map(([key, metric]) => [key, metric.value]),
  );
}

/** An MLflow 3 LoggedModel (`logged-models/get`). @public */
export interface MlflowLoggedModel {
  modelId: string;
  name: string;
  experimentId: string;
  /** `LOGGED_MODEL_READY`, `LOGGED_MODEL_PENDING`, `LOGGED_MODEL_UPLOAD_FAILED`. */
  status?: string;
  modelType?: string;
  /** Epoch milliseconds. */
  creationTime?: number;
  lastUpdatedTime?: number;
  sourceRunId?: string;
  params: Record<string, string>;
  /** One entry per metric and dataset, as MLflow lists them. */
  metrics: MlflowLoggedModelMetric[];
  tags: Record<string, string>;
  /** MLflow 3's LoggedModel page (`#/experiments/:id/models/:modelId`). */
  modelUrl: string;
  /** The source run's page, under the model's experiment. */
  sourceRunUrl?: string;
}

/** Query of `GET .../mlflow/logged-models`. @public */
export interface MlflowLoggedModelsQuery {
  /** `metrics.<key>`; without it the server's order, newest first. */
  orderBy?: string;
  order?: 'asc' | 'desc';
  /** 1..100; default 25. */
  pageSize?: number;
  pageToken?: string;
}

/**
 * `GET .../mlflow/logged-models`: the experiment's LoggedModels.
 * `supported: false` (and no models) on servers without LoggedModels (MLflow 2.x).
 *
 * @public
 */
export interface MlflowLoggedModelsResponse {
  supported: boolean;
  models: MlflowLoggedModel[];
  nextPageToken?: string;
  /** Every metric key seen on this page. */
  metricKeys: string[];
  experimentUrl: string;
  meta: MlopsResponseMeta;
}

/** `GET .../mlflow/model`: the entity's registered model. @public */
export interface MlflowModelResponse {
  model: {
    name: string;
    description?: string;
    creationTime?: number;
    lastUpdatedTime?: number;
    /** alias → version */
    aliases: Record<string, string>;
    tags: Record<string, string>;
  };
  /** Newest first. */
  versions: MlflowModelVersion[];
  modelUrl: string;
  meta: MlopsResponseMeta;
}
