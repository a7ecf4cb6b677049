/**
 * Wire shapes of MLflow's service.proto / model_registry.proto, as JSON: the
 * one home of these types, for the client functions and for anything that
 * answers like MLflow (demo transport, fakes).
 *
 * @packageDocumentation
 */

import type { MlflowMetricNumber } from '@mlops-portal/plugin-mlops-common';

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

/**
 * A metric. MLflow sends NaN as the string `"NaN"` and ±Infinity as
 * ±1.7976931348623157e308 (recorded on 3.11); LoggedModel metrics also name
 * the dataset they were computed on.
 *
 * @public
 */
export interface MetricJson {
  key: string;
  value: number | string;
  timestamp?: number | string;
  step?: number | string;
  dataset_name?: string;
  dataset_digest?: string;
  model_id?: string;
  run_id?: string;
}

/** `DatasetInput` of service.proto (MLflow 2.4+). @public */
export interface DatasetInputJson {
  tags?: KeyValueJson[];
  dataset: {
    name: string;
    digest: string;
    source_type?: string;
    source?: string;
    schema?: string;
    profile?: string;
  };
}

/** `LoggedModel` of MLflow 3's service.proto. @public */
export interface LoggedModelJson {
  info: {
    model_id: string;
    experiment_id: string;
    name: string;
    creation_timestamp_ms?: number | string;
    last_updated_timestamp_ms?: number | string;
    artifact_uri?: string;
    status?: string;
    model_type?: string;
    source_run_id?: string;
    tags?: KeyValueJson[];
  };
  data?: { params?: KeyValueJson[]; metrics?: MetricJson[] };
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
  data?: {
    metrics?: MetricJson[];
    params?: KeyValueJson[];
    tags?: KeyValueJson[];
  };
  /** MLflow 2.4+: datasets; MLflow 3: also the LoggedModels it used. */
  inputs?: {
    dataset_inputs?: DatasetInputJson[];
    model_inputs?: Array<{ model_id: string }>;
  };
  /** MLflow 3: the LoggedModels it logged. */
  outputs?: {
    model_outputs?: Array<{ model_id: string; step?: number | string }>;
  };
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
  /** MLflow 3 servers may send the LoggedModel id (3.11 does not; its `source` is `models:/m-...`). */
  model_id?: string;
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

/** MLflow's key/value pairs (tags, params) as a record; a missing value is `''`. @public */
export const toRecord = (pairs: KeyValueJson[] | undefined) =>
  Object.fromEntries((pairs ?? []).map(({ key, value }) => [key, value ?? '']));

/** int64 fields arrive as numbers or strings depending on the server. @public */
export const toNumber = (value: number | string | undefined) => {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};

/**
 * A metric value as the API types it
 * ({@link @mlops-portal/plugin-mlops-common#MlflowMetricNumber}): `"NaN"`
 * stays `'NaN'`, ±1.7976931348623157e308 (how MLflow
 * sends ±Infinity) and the strings `"Infinity"`/`"-Infinity"` become
 * `'Infinity'`/`'-Infinity'`; anything else unreadable is `'NaN'`.
 *
 * @public
 */
export const toMetricNumber = (
  value: number | string | undefined,
): MlflowMetricNumber => {
  const n = typeof value === 'number' ? value : Number(value);
  if (n >= Number.MAX_VALUE) return 'Infinity';
  if (n <= -Number.MAX_VALUE) return '-Infinity';
  return Number.isFinite(n) ? n : 'NaN';
};
