/**
 * Wire shapes of MLflow's service.proto / model_registry.proto, as JSON: the
 * one home of these types, for the client functions and for anything that
 * answers like MLflow (demo transport, fakes).
 *
 * @packageDocumentation
 */

/** @public */
export interface KeyValueJson {
  key: string;
  value?: string;
}

/** `Experiment` of service.proto. @public */
export interface ExperimentJson {
  experiment_id: string;
  name: string;
  artifact_location?: string;
  lifecycle_stage?: string;
  creation_time?: number | string;
  last_update_time?: number | string;
  tags?: KeyValueJson[];
}

/** @public */
export interface MetricJson {
  key: string;
  value: number | string;
  timestamp?: number | string;
  step?: number | string;
}

/** @public */
export interface RunJson {
  info: {
    run_id?: string;
    run_uuid?: string;
    run_name?: string;
    experiment_id: string;
    user_id?: string;
    status?: string;
    start_time?: number | string;
    end_time?: number | string;
    artifact_uri?: string;
    lifecycle_stage?: string;
  };
  data?: { metrics?: MetricJson[]; params?: KeyValueJson[]; tags?: KeyValueJson[] };
}

/** @public */
export interface ModelVersionJson {
  name: string;
  version: string;
  creation_timestamp?: number | string;
  last_updated_timestamp?: number | string;
  current_stage?: string;
  description?: string;
  source?: string;
  run_id?: string;
  status?: string;
  aliases?: string[];
  tags?: KeyValueJson[];
}

/** @public */
export interface RegisteredModelJson {
  name: string;
  creation_timestamp?: number | string;
  last_updated_timestamp?: number | string;
  description?: string;
  latest_versions?: ModelVersionJson[];
  aliases?: Array<{ alias: string; version: string }>;
  tags?: KeyValueJson[];
}

export const toRecord = (pairs: KeyValueJson[] | undefined) =>
  Object.fromEntries((pairs ?? []).map(({ key, value }) => [key, value ?? '']));

/** int64 fields arrive as numbers or strings depending on the server. */
export const toNumber = (value: number | string | undefined) => {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};
