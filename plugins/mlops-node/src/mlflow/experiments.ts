import { MlflowApiError, MlflowEndpoint, mlflowFetch } from './mlflowFetch';

/** An MLflow experiment, as `experiments/get-by-name` describes it. @public */
export interface MlflowExperiment {
  experimentId: string;
  name: string;
  artifactLocation?: string;
  /** `active`, or `deleted` while it sits in MLflow's trash. */
  lifecycleStage: string;
  tags: Record<string, string>;
}

/** Per-call options of the experiment functions. @public */
export interface MlflowCallOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** The wire shape of `Experiment` in MLflow's `service.proto`. */
interface ExperimentJson {
  experiment_id: string;
  name: string;
  artifact_location?: string;
  lifecycle_stage?: string;
  tags?: Array<{ key: string; value?: string }>;
}

function fromJson(json: ExperimentJson): MlflowExperiment {
  return {
    experimentId: json.experiment_id,
    name: json.name,
    artifactLocation: json.artifact_location,
    lifecycleStage: json.lifecycle_stage ?? 'active',
    tags: Object.fromEntries(
      (json.tags ?? []).map(({ key, value }) => [key, value ?? '']),
    ),
  };
}

/**
 * `GET experiments/get-by-name`; `undefined` when no experiment has that
 * name (MLflow answers 404 `RESOURCE_DOES_NOT_EXIST`).
 *
 * @public
 */
export async function getMlflowExperimentByName(
  endpoint: MlflowEndpoint,
  name: string,
  options: MlflowCallOptions,
): Promise<MlflowExperiment | undefined> {
  try {
    const body = await mlflowFetch<{ experiment: ExperimentJson }>(
      endpoint,
      'experiments/get-by-name',
      { ...options, query: { experiment_name: name } },
    );
    return fromJson(body.experiment);
  } catch (error) {
    if (
      error instanceof MlflowApiError &&
      error.errorCode === 'RESOURCE_DOES_NOT_EXIST'
    ) {
      return undefined;
    }
    throw error;
  }
}

/**
 * `POST experiments/create`; returns the new experiment's id.
 *
 * @public
 */
export async function createMlflowExperiment(
  endpoint: MlflowEndpoint,
  experiment: { name: string; tags?: Record<string, string> },
  options: MlflowCallOptions,
): Promise<string> {
  const body = await mlflowFetch<{ experiment_id: string }>(
    endpoint,
    'experiments/create',
    {
      ...options,
      body: {
        name: experiment.name,
        tags: Object.entries(experiment.tags ?? {}).map(([key, value]) => ({
          key,
          value,
        })),
      },
    },
  );
  return body.experiment_id;
}

/**
 * `POST experiments/set-experiment-tag`: adds or overwrites one tag.
 *
 * @public
 */
export async function setMlflowExperimentTag(
  endpoint: MlflowEndpoint,
  experimentId: string,
  tag: { key: string; value: string },
  options: MlflowCallOptions,
): Promise<void> {
  await mlflowFetch(endpoint, 'experiments/set-experiment-tag', {
    ...options,
    body: { experiment_id: experimentId, key: tag.key, value: tag.value },
  });
}

/** What {@link ensureMlflowExperiment} did. @public */
export interface EnsuredMlflowExperiment {
  experimentId: string;
  /** False when an experiment of that name already existed and was reused. */
  created: boolean;
}

/**
 * Makes sure an active experiment of that name exists and carries the given
 * tags: reuses an existing one (setting only the tags that differ), creates it
 * otherwise. Safe to run again, and when another caller creates the same
 * experiment at the same moment.
 *
 * @public
 */
export async function ensureMlflowExperiment(
  endpoint: MlflowEndpoint,
  experiment: { name: string; tags?: Record<string, string> },
  options: MlflowCallOptions,
): Promise<EnsuredMlflowExperiment> {
  const tags = experiment.tags ?? {};
  let existing = await getMlflowExperimentByName(
    endpoint,
    experiment.name,
    options,
  );
  if (!existing) {
    try {
      const experimentId = await createMlflowExperiment(
        endpoint,
        { name: experiment.name, tags },
        options,
      );
      return { experimentId, created: true };
    } catch (error) {
      if (
        !(error instanceof MlflowApiError) ||
        error.errorCode !== 'RESOURCE_ALREADY_EXISTS'
      ) {
        throw error;
      }
      // Created by someone else since our lookup: reuse theirs.
      existing = await getMlflowExperimentByName(
        endpoint,
        experiment.name,
        options,
      );
      if (!existing) throw error;
    }
  }
  if (existing.lifecycleStage !== 'active') {
    throw new MlflowApiError(
      `MLflow experiment '${experiment.name}' (id ${existing.experimentId}) exists but is ${existing.lifecycleStage}; restore it in MLflow or choose another name`,
      'RESOURCE_ALREADY_EXISTS',
    );
  }
  for (const [key, value] of Object.entries(tags)) {
    if (existing.tags[key] !== value) {
      await setMlflowExperimentTag(
        endpoint,
        existing.experimentId,
        { key, value },
        options,
      );
    }
  }
  return { experimentId: existing.experimentId, created: false };
}

/**
 * Link to an experiment in the MLflow UI.
 *
 * @public
 */
export function mlflowExperimentUrl(uiUrl: string, experimentId: string) {
  return `${uiUrl.replace(/\/+$/, '')}/#/experiments/${encodeURIComponent(
    experimentId,
  )}`;
}
