import { MlflowCallOptions } from './experiments';
import { MlflowTransport } from './transport';
import { KeyValueJson, toNumber, toRecord } from './wire';

/** An experiment with its times, as `experiments/get-by-name` answers. @public */
export interface MlflowExperimentDetails {
  experimentId: string;
  name: string;
  lifecycleStage: string;
  artifactLocation?: string;
  creationTime?: number;
  lastUpdateTime?: number;
  tags: Record<string, string>;
}

/**
 * `GET experiments/get-by-name` through a transport. A missing experiment
 * is the transport's error (`RESOURCE_DOES_NOT_EXIST`, HTTP 404).
 *
 * @public
 */
export async function getMlflowExperimentDetails(
  transport: MlflowTransport,
  name: string,
  options: MlflowCallOptions,
): Promise<MlflowExperimentDetails> {
  const body = await transport<{
    experiment: {
      experiment_id: string;
      name: string;
      lifecycle_stage?: string;
      artifact_location?: string;
      creation_time?: number | string;
      last_update_time?: number | string;
      tags?: KeyValueJson[];
    };
  }>('experiments/get-by-name', { ...options, query: { experiment_name: name } });
  const e = body.experiment;
  return {
    experimentId: e.experiment_id,
    name: e.name,
    lifecycleStage: e.lifecycle_stage ?? 'active',
    artifactLocation: e.artifact_location,
    creationTime: toNumber(e.creation_time),
    lastUpdateTime: toNumber(e.last_update_time),
    tags: toRecord(e.tags),
  };
}
