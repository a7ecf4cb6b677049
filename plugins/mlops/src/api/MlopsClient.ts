import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
// The same API types as MlopsApi.ts on purpose: the client implements that interface method by method.
import {
  CanaryResponse,
  ReproducibilityResponse,
  DvcPipelineResponse,
  GpuCostResponse,
  GpuCostWindow,
  GpuUsageResponse,
  isMlopsErrorBody,
  MlflowExperimentResponse,
  MlflowLoggedModelsQuery,
  MlflowLoggedModelsResponse,
  MlflowMetricHistoryResponse,
  MlflowModelResponse,
  MlflowRunResponse,
  MlflowRunsQuery,
  MlflowRunsResponse,
  mlopsApiPaths,
  MlopsEntityRef,
} from '@mlops-portal/plugin-mlops-common';
import { MlopsApi } from './MlopsApi';
import { MlopsApiError } from './MlopsApiError';

/**
 * Encodes a runs query. Lists (`params`, `metrics`) are comma-separated, one
 * query parameter each; keys never contain commas in MLflow's UI either.
 */
export function runsQueryString(query: MlflowRunsQuery = {}): string {
  const search = new URLSearchParams();
  if (query.orderBy) search.set('orderBy', query.orderBy);
  if (query.order) search.set('order', query.order);
  if (query.status) search.set('status', query.status);
  if (query.filter) search.set('filter', query.filter);
  if (query.pageSize !== undefined)
    search.set('pageSize', String(query.pageSize));
  if (query.pageToken) search.set('pageToken', query.pageToken);
  if (query.params?.length) search.set('params', query.params.join(','));
  if (query.metrics?.length) search.set('metrics', query.metrics.join(','));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** How long an answer is shared with cards that ask for the same path. */
const SHARE_MS = 2000;

/**
 * {@link MlopsApi} over HTTP: the backend's base URL comes from discovery and
 * requests go through the app's FetchApi (which adds the user's token).
 *
 * @public
 */
export class MlopsClient implements MlopsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  /** Requests in flight, and answers younger than `SHARE_MS`, by path. */
  private readonly shared = new Map<
    string,
    { promise: Promise<unknown>; settledAt?: number }
  >();

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getMlflowExperiment(entity: MlopsEntityRef) {
    return this.get<MlflowExperimentResponse>(
      mlopsApiPaths.mlflowExperiment(entity),
    );
  }

  getMlflowRuns(entity: MlopsEntityRef, query?: MlflowRunsQuery) {
    return this.get<MlflowRunsResponse>(
      `${mlopsApiPaths.mlflowRuns(entity)}${runsQueryString(query)}`,
    );
  }

  getMlflowRun(entity: MlopsEntityRef, runId: string) {
    return this.get<MlflowRunResponse>(mlopsApiPaths.mlflowRun(entity, runId));
  }

  getMlflowMetricHistory(entity: MlopsEntityRef, runId: string, key: string) {
    return this.get<MlflowMetricHistoryResponse>(
      mlopsApiPaths.mlflowMetricHistory(entity, runId, key),
    );
  }

  getMlflowModel(entity: MlopsEntityRef) {
    return this.get<MlflowModelResponse>(mlopsApiPaths.mlflowModel(entity));
  }

  getMlflowLoggedModels(
    entity: MlopsEntityRef,
    query: MlflowLoggedModelsQuery = {},
  ) {
    const search = new URLSearchParams();
    if (query.orderBy) search.set('orderBy', query.orderBy);
    if (query.order) search.set('order', query.order);
    if (query.pageSize !== undefined)
      search.set('pageSize', String(query.pageSize));
    if (query.pageToken) search.set('pageToken', query.pageToken);
    const text = search.toString();
    return this.get<MlflowLoggedModelsResponse>(
      `${mlopsApiPaths.mlflowLoggedModels(entity)}${text ? `?${text}` : ''}`,
    );
  }

  getDvcPipeline(entity: MlopsEntityRef) {
    return this.get<DvcPipelineResponse>(mlopsApiPaths.dvcPipeline(entity));
  }

  getGpuUsage(entity: MlopsEntityRef) {
    return this.get<GpuUsageResponse>(mlopsApiPaths.gpu(entity));
  }

  getGpuCost(entity: MlopsEntityRef, window: GpuCostWindow) {
    return this.get<GpuCostResponse>(mlopsApiPaths.gpuCost(entity, window));
  }

  getCanary(entity: MlopsEntityRef) {
    return this.get<CanaryResponse>(mlopsApiPaths.canary(entity));
  }

  getReproducibility(entity: MlopsEntityRef) {
    return this.get<ReproducibilityResponse>(
      mlopsApiPaths.reproducibility(entity),
    );
  }

  /**
   * One request per path at a time: cards that need the same answer on one
   * page (the model card and the canary card both read `/canary`) share
   * it, also when the second asks just after the first got its answer.
   * Errors are never shared, so a retry asks again.
   */
  private get<T>(path: string): Promise<T> {
    const entry = this.shared.get(path);
    if (
      entry &&
      (entry.settledAt === undefined || Date.now() - entry.settledAt < SHARE_MS)
    ) {
      return entry.promise as Promise<T>;
    }
    const fresh: { promise: Promise<T>; settledAt?: number } = {
      promise: this.request<T>(path).then(
        value => {
          fresh.settledAt = Date.now();
          return value;
        },
        error => {
          if (this.shared.get(path) === fresh) this.shared.delete(path);
          throw error;
        },
      ),
    };
    this.shared.set(path, fresh);
    return fresh.promise;
  }

  private async request<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('mlops');
    let response: Response;
    try {
      response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    } catch (error) {
      throw new MlopsApiError({
        code: 'BackendError',
        message: `Could not reach the MLOps backend: ${errorMessage(error)}`,
      });
    }
    const body = await readJson(response);
    if (response.ok) {
      if (body === undefined) {
        throw new MlopsApiError({
          code: 'BackendError',
          status: response.status,
          message: 'The MLOps backend answered with a body that is not JSON',
        });
      }
      return body as T;
    }
    if (isMlopsErrorBody(body)) {
      throw MlopsApiError.fromBody(body, response.status);
    }
    throw new MlopsApiError({
      code: 'BackendError',
      status: response.status,
      message: `The MLOps backend answered ${response.status}${
        response.statusText ? ` ${response.statusText}` : ''
      }${backstageErrorMessage(body)}`,
    });
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Backstage's own error bodies (`{ error: { name, message } }`), e.g. a 401. */
function backstageErrorMessage(body: unknown): string {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error
    ?.message;
  return typeof message === 'string' ? `: ${message}` : '';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
