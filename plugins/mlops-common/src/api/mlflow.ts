import { MlopsResponseMeta } from './meta';

/** MLflow run status (`RunStatus` in MLflow's service.proto). @public */
export type MlflowRunStatus =
  | 'RUNNING'
  | 'SCHEDULED'
  | 'FINISHED'
  | 'FAILED'
  | 'KILLED';

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
  metrics: Record<string, number>;
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
  value: number;
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
  /** The run that produced it, with a UI link. */
  runId?: string;
  runUrl?: string;
  versionUrl: string;
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
