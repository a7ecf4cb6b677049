import { JsonValue } from '@backstage/types';
import {
  HttpFailure,
  fetchJson,
  isConnectionReset,
  parseErrorBody,
} from '../http/fetchJson';

/** Where and how to reach an MLflow tracking server's REST API. @public */
export interface MlflowEndpoint {
  /** Base URL of the tracking server, without `/api/2.0/...`. */
  baseUrl: string;
  /** Bearer token (Databricks personal access token or MLflow auth token). */
  token?: string;
  /** HTTP Basic credentials (MLflow's basic-auth app), instead of `token`. */
  basicAuth?: { username: string; password: string };
  /** MLflow 3 workspace: sent as `X-MLFLOW-WORKSPACE`, and only when set. */
  workspace?: string;
}

/** The request headers of an endpoint's credentials and workspace. */
function endpointHeaders(endpoint: MlflowEndpoint): Record<string, string> {
  const headers: Record<string, string> = {};
  if (endpoint.basicAuth) {
    const { username, password } = endpoint.basicAuth;
    headers.Authorization = `Basic ${Buffer.from(
      `${username}:${password}`,
      'utf8',
    ).toString('base64')}`;
  } else if (endpoint.token) {
    headers.Authorization = `Bearer ${endpoint.token}`;
  }
  // A server without workspaces answers this header with 500 FEATURE_DISABLED (recorded).
  if (endpoint.workspace) headers['X-MLFLOW-WORKSPACE'] = endpoint.workspace;
  return headers;
}

/**
 * Codes of {@link MlflowApiError}: MLflow's own `error_code` values
 * (`RESOURCE_DOES_NOT_EXIST`, `RESOURCE_ALREADY_EXISTS`,
 * `INVALID_PARAMETER_VALUE`, ...) or one of these for failures that carry
 * none: `TIMEOUT`, `UNREACHABLE`, `CONNECTION_RESET` (the server closed the
 * connection mid-request, typically an idle keep-alive socket: worth one more
 * try), `ABORTED`, `INVALID_RESPONSE`, `HTTP_<status>`.
 *
 * @public
 */
export type MlflowErrorCode = string;

/**
 * A failed MLflow REST call. `status` is the HTTP status, absent when no
 * response arrived (timeout, connection refused).
 *
 * @public
 */
export class MlflowApiError extends Error {
  readonly name = 'MlflowApiError';

  constructor(
    message: string,
    readonly errorCode: MlflowErrorCode,
    readonly status?: number,
    /** MLflow's own `message` from a JSON error body, when it sent one. */
    readonly mlflowMessage?: string,
  ) {
    super(message);
  }
}

/** Per-call options of every MLflow client function. @public */
export interface MlflowCallOptions {
  /** Milliseconds before the call is abandoned with a `TIMEOUT` error. */
  timeoutMs: number;
  /** Aborts the call early, e.g. when the scaffolder task is cancelled. */
  signal?: AbortSignal;
}

/** One MLflow REST call. @public */
export interface MlflowRequest extends MlflowCallOptions {
  /** Defaults to GET, or POST when there is a body. */
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Query parameters; arrays repeat the key, `undefined` values are left out. */
  query?: Record<string, string | number | boolean | string[] | undefined>;
  body?: JsonValue;
}

function buildUrl(
  baseUrl: string,
  path: string,
  query: MlflowRequest['query'],
): URL {
  const url = new URL(
    `api/2.0/mlflow/${path.replace(/^\/+/, '')}`,
    `${baseUrl.replace(/\/+$/, '')}/`,
  );
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined) url.searchParams.append(key, String(item));
    }
  }
  return url;
}

function toMlflowError(what: string, failure: HttpFailure): MlflowApiError {
  switch (failure.kind) {
    case 'timeout':
      return new MlflowApiError(
        `${what} timed out after ${failure.timeoutMs} ms`,
        'TIMEOUT',
      );
    case 'aborted':
      return new MlflowApiError(`${what} was cancelled`, 'ABORTED');
    case 'network':
      return new MlflowApiError(
        `${what} failed: ${failure.reason}${
          failure.code ? ` (${failure.code})` : ''
        }`,
        isConnectionReset(failure.code) ? 'CONNECTION_RESET' : 'UNREACHABLE',
      );
    case 'invalid-json':
      return new MlflowApiError(
        `${what} answered HTTP ${failure.status} with a body that is not JSON`,
        'INVALID_RESPONSE',
        failure.status,
      );
    default: {
      const body = parseErrorBody(failure.text);
      const code =
        typeof body?.error_code === 'string' ? body.error_code : undefined;
      const message =
        typeof body?.message === 'string' ? body.message : undefined;
      const errorCode = code ?? `HTTP_${failure.status}`;
      return new MlflowApiError(
        `${what} failed with HTTP ${failure.status} ${errorCode}${
          message ? `: ${message}` : ''
        }`,
        errorCode,
        failure.status,
        message,
      );
    }
  }
}

/**
 * Calls one endpoint of the MLflow REST API 2.0
 * (`<baseUrl>/api/2.0/mlflow/<path>`) and returns its JSON body. Errors are
 * {@link MlflowApiError}s carrying MLflow's `error_code` and the HTTP status;
 * messages name the endpoint but never the credentials, and a plain-text
 * error body (MLflow's basic-auth 401) is not quoted.
 *
 * @public
 */
export async function mlflowFetch<T>(
  endpoint: MlflowEndpoint,
  path: string,
  request: MlflowRequest,
): Promise<T> {
  const method =
    request.method ?? (request.body === undefined ? 'GET' : 'POST');
  const url = buildUrl(endpoint.baseUrl, path, request.query);
  const what = `MLflow ${method} ${url.pathname}`;
  const { body } = await fetchJson<T>(
    {
      url,
      method,
      headers: endpointHeaders(endpoint),
      body: request.body,
      timeoutMs: request.timeoutMs,
      signal: request.signal,
    },
    failure => toMlflowError(what, failure),
  );
  return body ?? ({} as T);
}
