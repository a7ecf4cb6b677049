import {
  MlflowDatasetInput,
  MlflowMetricNumber,
} from '@mlops-portal/plugin-mlops-common';
import { MlflowCallOptions } from './mlflowFetch';
import { everyPage, nextPageOf, pagingBody } from './searchPaging';
import { MlflowTransport } from './transport';
import {
  KeyValueJson,
  MetricJson,
  RunJson,
  toMetricNumber,
  toNumber,
  toRecord,
} from './wire';

// The client's view of a run (MLflow's fields); the API's MlflowRunSummary (mlops-common) is the card's, alike in shape only.
/** A run as MLflow describes it, with camelCase fields and maps. @public */
export interface MlflowRun {
  runId: string;
  runName: string;
  experimentId: string;
  userId?: string;
  status: string;
  startTime?: number;
  endTime?: number;
  artifactUri?: string;
  lifecycleStage?: string;
  params: Record<string, string>;
  /** Latest value of each metric; non-finite values as MLflow stores them. */
  metrics: Record<string, MlflowMetricNumber>;
  tags: Record<string, string>;
  /** `inputs.dataset_inputs` (MLflow 2.4+); empty when the server sends none. */
  datasets: MlflowDatasetInput[];
  /** `inputs.model_inputs` (MLflow 3). */
  inputModelIds: string[];
  /** `outputs.model_outputs` (MLflow 3): the LoggedModels the run logged. */
  outputModelIds: string[];
}

function fromRunJson(json: RunJson): MlflowRun {
  const tags = toRecord(json.data?.tags);
  const runId = json.info.run_id ?? json.info.run_uuid ?? '';
  return {
    runId,
    runName: json.info.run_name ?? tags['mlflow.runName'] ?? runId,
    experimentId: json.info.experiment_id,
    userId: json.info.user_id || undefined,
    status: json.info.status ?? 'RUNNING',
    startTime: toNumber(json.info.start_time),
    endTime: toNumber(json.info.end_time),
    artifactUri: json.info.artifact_uri,
    lifecycleStage: json.info.lifecycle_stage,
    params: toRecord(json.data?.params as KeyValueJson[] | undefined),
    metrics: Object.fromEntries(
      (json.data?.metrics ?? []).map(m => [m.key, toMetricNumber(m.value)]),
    ),
    tags,
    datasets: (json.inputs?.dataset_inputs ?? []).map(input => {
      const context = toRecord(input.tags)['mlflow.data.context'];
      return {
        name: input.dataset.name,
        digest: input.dataset.digest,
        ...(context ? { context } : {}),
        ...(input.dataset.source_type
          ? { sourceType: input.dataset.source_type }
          : {}),
      };
    }),
    inputModelIds: [
      ...new Set((json.inputs?.model_inputs ?? []).map(m => m.model_id)),
    ],
    outputModelIds: [
      ...new Set((json.outputs?.model_outputs ?? []).map(m => m.model_id)),
    ],
  };
}

/** A page of `runs/search`. @public */
export interface MlflowRunsPage {
  runs: MlflowRun[];
  nextPageToken?: string;
}

/**
 * `POST runs/search`: one page, server-side filter, order and pagination
 * (`page_token` / `next_page_token`).
 *
 * @public
 */
export async function searchMlflowRuns(
  transport: MlflowTransport,
  query: {
    experimentIds: string[];
    filter?: string;
    orderBy?: string[];
    maxResults?: number;
    pageToken?: string;
  },
  options: MlflowCallOptions,
): Promise<MlflowRunsPage> {
  const body = await transport<{ runs?: RunJson[]; next_page_token?: string }>(
    'runs/search',
    {
      ...options,
      method: 'POST',
      body: {
        experiment_ids: query.experimentIds,
        ...(query.filter ? { filter: query.filter } : {}),
        ...(query.orderBy?.length ? { order_by: query.orderBy } : {}),
        ...pagingBody(query),
      },
    },
  );
  return {
    runs: (body.runs ?? []).map(fromRunJson),
    ...nextPageOf(body),
  };
}

/** `GET runs/get`. @public */
export async function getMlflowRun(
  transport: MlflowTransport,
  runId: string,
  options: MlflowCallOptions,
): Promise<MlflowRun> {
  const body = await transport<{ run: RunJson }>('runs/get', {
    ...options,
    query: { run_id: runId },
  });
  return fromRunJson(body.run);
}

/** A point of a metric history. @public */
export interface MlflowMetricValue {
  step: number;
  timestamp: number;
  value: MlflowMetricNumber;
}

/** Most pages `metrics/get-history` is followed through; a bound against a server that never stops paging. */
const MAX_HISTORY_PAGES = 100;

/**
 * `GET metrics/get-history`, every page joined (servers that page it answer
 * `next_page_token`), sorted by step then time.
 *
 * @public
 */
export async function getMlflowMetricHistory(
  transport: MlflowTransport,
  runId: string,
  metricKey: string,
  options: MlflowCallOptions & { pageSize?: number },
): Promise<MlflowMetricValue[]> {
  // A server that pages on past MAX_HISTORY_PAGES gives the points read so far.
  const { items } = await everyPage(MAX_HISTORY_PAGES, async pageToken => {
    const body = await transport<{
      metrics?: MetricJson[];
      next_page_token?: string;
    }>('metrics/get-history', {
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      query: {
        run_id: runId,
        metric_key: metricKey,
        max_results: options.pageSize ?? 25000,
        page_token: pageToken,
      },
    });
    return { ...body, items: body.metrics };
  });
  const points: MlflowMetricValue[] = items.map(m => ({
    step: toNumber(m.step) ?? 0,
    timestamp: toNumber(m.timestamp) ?? 0,
    value: toMetricNumber(m.value),
  }));
  return points.sort((a, b) => a.step - b.step || a.timestamp - b.timestamp);
}
