import { MlflowLoggedModel } from '@mlops-portal/plugin-mlops-common';
import { MlflowCallOptions } from './mlflowFetch';
import { nextPageOf, pagingBody } from './searchPaging';
import { MlflowTransport } from './transport';
import { LoggedModelJson, toMetricNumber, toNumber, toRecord } from './wire';

/** An MLflow 3 LoggedModel as the client reads it (the API's `MlflowLoggedModel` without its links). @public */
export type MlflowLoggedModelInfo = Omit<
  MlflowLoggedModel,
  'modelUrl' | 'sourceRunUrl'
>;

function fromLoggedModelJson(json: LoggedModelJson): MlflowLoggedModelInfo {
  const { info } = json;
  return {
    modelId: info.model_id,
    name: info.name,
    experimentId: info.experiment_id,
    ...(info.status ? { status: info.status } : {}),
    ...(info.model_type ? { modelType: info.model_type } : {}),
    ...(toNumber(info.creation_timestamp_ms) !== undefined
      ? { creationTime: toNumber(info.creation_timestamp_ms) }
      : {}),
    ...(toNumber(info.last_updated_timestamp_ms) !== undefined
      ? { lastUpdatedTime: toNumber(info.last_updated_timestamp_ms) }
      : {}),
    ...(info.source_run_id ? { sourceRunId: info.source_run_id } : {}),
    params: toRecord(json.data?.params),
    metrics: (json.data?.metrics ?? []).map(m => ({
      key: m.key,
      value: toMetricNumber(m.value),
      ...(toNumber(m.step) !== undefined ? { step: toNumber(m.step) } : {}),
      ...(toNumber(m.timestamp) !== undefined
        ? { timestamp: toNumber(m.timestamp) }
        : {}),
      ...(m.dataset_name ? { datasetName: m.dataset_name } : {}),
      ...(m.dataset_digest ? { datasetDigest: m.dataset_digest } : {}),
      ...(m.run_id ? { runId: m.run_id } : {}),
    })),
    tags: toRecord(info.tags),
  };
}

/** A page of `logged-models/search`. @public */
export interface MlflowLoggedModelsPage {
  models: MlflowLoggedModelInfo[];
  nextPageToken?: string;
}

// Alike runs.ts's search/get pair in shape: two MLflow endpoints, each with its own wire type; the paging is shared (pagingBody, nextPageOf).
/**
 * `POST logged-models/search` (MLflow 3): one page of an experiment's
 * LoggedModels, ordered server-side (`order_by` takes objects of
 * `field_name` and `ascending`, e.g. `metrics.accuracy`). MLflow 2.x has no such
 * endpoint: it answers 404.
 *
 * @public
 */
export async function searchMlflowLoggedModels(
  transport: MlflowTransport,
  query: {
    experimentIds: string[];
    orderBy?: Array<{ fieldName: string; ascending: boolean }>;
    maxResults?: number;
    pageToken?: string;
  },
  options: MlflowCallOptions,
): Promise<MlflowLoggedModelsPage> {
  const body = await transport<{
    models?: LoggedModelJson[];
    next_page_token?: string;
  }>('logged-models/search', {
    ...options,
    method: 'POST',
    body: {
      experiment_ids: query.experimentIds,
      ...(query.orderBy?.length
        ? {
            order_by: query.orderBy.map(o => ({
              field_name: o.fieldName,
              ascending: o.ascending,
            })),
          }
        : {}),
      ...pagingBody(query),
    },
  });
  return {
    models: (body.models ?? []).map(fromLoggedModelJson),
    ...nextPageOf(body),
  };
}

/** `GET logged-models/{model_id}` (MLflow 3). @public */
export async function getMlflowLoggedModel(
  transport: MlflowTransport,
  modelId: string,
  options: MlflowCallOptions,
): Promise<MlflowLoggedModelInfo> {
  const body = await transport<{ model: LoggedModelJson }>(
    `logged-models/${encodeURIComponent(modelId)}`,
    options,
  );
  return fromLoggedModelJson(body.model);
}

/**
 * The LoggedModel id of a model version: its `model_id` when the server
 * sends one, else the id in a `models:/m-...` source (how MLflow 3.11
 * reports a version registered from a LoggedModel). `undefined` for
 * versions registered from run artifacts.
 *
 * @public
 */
export function loggedModelIdOf(version: {
  source?: string;
  modelId?: string;
}): string | undefined {
  if (version.modelId) return version.modelId;
  return /^models:\/(m-[0-9a-f]+)\/?$/i.exec(version.source ?? '')?.[1];
}
