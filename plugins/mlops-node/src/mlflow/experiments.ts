import { MlflowApiError, MlflowCallOptions } from './mlflowFetch';
import { MlflowTransport } from './transport';
import { ExperimentJson, toNumber, toRecord } from './wire';

/** An MLflow experiment, as `experiments/get-by-name` describes it. @public */
export interface MlflowExperiment {
  experimentId: string;
  name: string;
  artifactLocation?: string;
  /** `active`, or `deleted` while it sits in MLflow's trash. */
  lifecycleStage: string;
  creationTime?: number;
  lastUpdateTime?: number;
  tags: Record<string, string>;
}

function fromJson(json: ExperimentJson): MlflowExperiment {
  return {
    experimentId: json.experiment_id,
    name: json.name,
    ...(json.artifact_location !== undefined && {
      artifactLocation: json.artifact_location,
    }),
    lifecycleStage: json.lifecycle_stage ?? 'active',
    ...(json.creation_time !== undefined && {
      creationTime: toNumber(json.creation_time),
    }),
    ...(json.last_update_time !== undefined && {
      lastUpdateTime: toNumber(json.last_update_time),
    }),
    tags: toRecord(json.tags),
  };
}

/**
 * True for MLflow's answer to a name or id it does not know
 * (`RESOURCE_DOES_NOT_EXIST`, HTTP 404).
 *
 * @public
 */
export function isMlflowNotFound(error: unknown): error is MlflowApiError {
  return (
    error instanceof MlflowApiError &&
    error.errorCode === 'RESOURCE_DOES_NOT_EXIST'
  );
}

/**
 * `GET experiments/get-by-name`. A missing experiment is the transport's
 * {@link MlflowApiError} `RESOURCE_DOES_NOT_EXIST` (see {@link isMlflowNotFound}).
 *
 * @public
 */
export async function getMlflowExperiment(
  transport: MlflowTransport,
  name: string,
  options: MlflowCallOptions,
): Promise<MlflowExperiment> {
  const body = await transport<{ experiment: ExperimentJson }>(
    'experiments/get-by-name',
    { ...options, query: { experiment_name: name } },
  );
  return fromJson(body.experiment);
}

/** {@link getMlflowExperiment}, `undefined` when no experiment has that name. */
async function findMlflowExperiment(
  transport: MlflowTransport,
  name: string,
  options: MlflowCallOptions,
): Promise<MlflowExperiment | undefined> {
  try {
    return await getMlflowExperiment(transport, name, options);
  } catch (error) {
    if (isMlflowNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * `POST experiments/create`; returns the new experiment's id.
 *
 * @public
 */
export async function createMlflowExperiment(
  transport: MlflowTransport,
  experiment: { name: string; tags?: Record<string, string> },
  options: MlflowCallOptions,
): Promise<string> {
  const body = await transport<{ experiment_id: string }>(
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
  transport: MlflowTransport,
  experimentId: string,
  tag: { key: string; value: string },
  options: MlflowCallOptions,
): Promise<void> {
  await transport('experiments/set-experiment-tag', {
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
  transport: MlflowTransport,
  experiment: { name: string; tags?: Record<string, string> },
  options: MlflowCallOptions,
): Promise<EnsuredMlflowExperiment> {
  const tags = experiment.tags ?? {};
  let existing = await findMlflowExperiment(
    transport,
    experiment.name,
    options,
  );
  if (!existing) {
    try {
      const experimentId = await createMlflowExperiment(
        transport,
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
      existing = await findMlflowExperiment(
        transport,
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
        transport,
        existing.experimentId,
        { key, value },
        options,
      );
    }
  }
  return { experimentId: existing.experimentId, created: false };
}
