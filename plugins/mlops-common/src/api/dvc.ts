import { MlopsResponseMeta } from './meta';

/** A stage of the pipeline; `foreach`/`matrix` stages are expanded (`train@small`). @public */
export interface DvcStage {
  name: string;
  /** Commands, in order (`cmd` may be a string or a list in dvc.yaml). */
  cmd: string[];
  wdir?: string;
  deps: string[];
  outs: string[];
  /** Param keys the stage reads, as `key` (params.yaml) or `file:key`. */
  params: string[];
  metrics: string[];
  plots: string[];
  frozen: boolean;
  alwaysChanged: boolean;
  /** The `foreach`/`matrix` stage this one was expanded from. */
  generatedFrom?: string;
}

/** An edge of the stage graph: `path` is an out of `from` and a dep of `to`. @public */
export interface DvcEdge {
  from: string;
  to: string;
  path: string;
}

/** Lock state of a stage against `dvc.lock`. @public */
export type DvcLockStatus = 'up-to-date' | 'stale' | 'not-run';

/**
 * A param of a stage whose value differs from what dvc.lock recorded (what
 * `dvc params diff` shows against the commit that ran the stage). @public
 */
export interface DvcParamChange {
  /** The params file, relative to the dvc.yaml folder (`params.yaml`). */
  file: string;
  /** The param's key in the file (`train.n_estimators`). */
  key: string;
  /** `modified`; `new` when dvc.lock has no value, `deleted` when the file has none. */
  change: 'modified' | 'new' | 'deleted';
  /** The value dvc.lock recorded (absent when `new`). */
  locked?: unknown;
  /** The value in the params file now (absent when `deleted`). */
  current?: unknown;
}

/** Per-stage lock state with the reasons it is stale. @public */
export interface DvcStageLockState {
  status: DvcLockStatus;
  /** Human-readable reasons, e.g. `cmd changed`, `param train.n_estimators changed`. */
  reasons: string[];
  /** The params that make the stage stale, with the locked and the current value. */
  paramChanges?: DvcParamChange[];
  /**
   * Deps and outs git holds no content of (DVC-cached outputs, `dvc add`-tracked
   * data): the files in git cannot tell whether they changed; `dvc status` in CI can.
   */
  unchecked?: string[];
}

/** A metrics file the pipeline declares, when it is committed. @public */
export interface DvcMetricsFile {
  path: string;
  /** Flattened keys (`scores.roc_auc`) to values. */
  values: Record<string, number | string | boolean>;
}

/** DVC's properties of a plot (`x`, `y`, `template`, `title`, `x_label`, `y_label`), as declared. @public */
export interface DvcPlotProps {
  x?: string;
  y?: string;
  template?: string;
  title?: string;
  xLabel?: string;
  yLabel?: string;
}

/**
 * A plot the pipeline declares (a stage's `plots:` or dvc.yaml's top-level
 * `plots:`) with its data read from the repository, or why it cannot be drawn.
 * @public
 */
export interface DvcPlot extends DvcPlotProps {
  /** The plot file, relative to the dvc.yaml folder. */
  path: string;
  /** The stage that writes it; absent for a top-level plot. */
  stage?: string;
  /** `x` against `y` in file order (x is the row number without `x`); sampled to at most 500 points. */
  points?: Array<{ x: number; y: number }>;
  /** `confusion` templates: `counts[actual][predicted]` over the labels of both columns. */
  confusion?: { labels: string[]; counts: number[][] };
  /** Why the plot cannot be drawn: not committed, malformed, a column missing or not numeric. */
  error?: string;
}

/** `GET .../dvc/pipeline`. @public */
export interface DvcPipelineResponse {
  /** `dvc.org/pipeline` as resolved against the source location. */
  pipelinePath: string;
  stages: DvcStage[];
  edges: DvcEdge[];
  /** Params file → flattened key → value. */
  params: Record<string, Record<string, unknown>>;
  metrics: DvcMetricsFile[];
  /** The plots the pipeline declares, in declaration order. */
  plots: DvcPlot[];
  /** Stage name → lock state. */
  lock: Record<string, DvcStageLockState>;
  lockFileFound: boolean;
  /** Link to the pipeline file in the source repository. */
  sourceUrl?: string;
  meta: MlopsResponseMeta;
}
