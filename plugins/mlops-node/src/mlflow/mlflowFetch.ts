import { JsonValue } from '@backstage/types';

/** Where and how to reach an MLflow tracking server's REST API. @public */
export interface MlflowEndpoint {
  /** Base URL of the tracking server, without `/api/2.0/...`. */
  baseUrl: string;
  /** Bearer token (Databricks personal access token or MLflow auth token). */
  token?: string;
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
  ) {
    super(message);
  }
}

/** One MLflow REST call. @public */
export interface MlflowRequest {
  /** Defaults to GET, or POST when there is a body. */
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Query parameters; arrays repeat the key, `undefined` values are left out. */
  query?: Record<string, string | number | boolean | string[] | undefined>;
  body?: JsonValue;
  /** Milliseconds before the call is abandoned with a `TIMEOUT` error. */
  timeoutMs: number;
  /** Aborts the call early, e.g. when the scaffolder task is cancelled. */
  signal?: AbortSignal;
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

/** Socket errors meaning the server dropped the connection mid-request. */
const CONNECTION_RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** The Node error code behind a failed `fetch` (undici nests it in `cause`). */
function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeErrorBody(text: string): { code?: string; message?: string } {
  try {
    const body = JSON.parse(text);
    if (body && typeof body === 'object') {
      return {
        code: typeof body.error_code === 'string' ? body.error_code : undefined,
        message: typeof body.message === 'string' ? body.message : undefined,
      };
    }
  } catch {
    // Not JSON: a proxy's HTML error page, for instance.
  }
  return {};
}

/**
 * Calls one endpoint of the MLflow REST API 2.0
 * (`<baseUrl>/api/2.0/mlflow/<path>`) and returns its JSON body. Errors are
 * {@link MlflowApiError}s carrying MLflow's `error_code` and the HTTP status;
 * messages name the endpoint but never the token.
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
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  if (endpoint.token) headers.Authorization = `Bearer ${endpoint.token}`;

  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal
    ? AbortSignal.any([timeout, request.signal])
    : timeout;

  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method,
      headers,
      body:
        request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (timeout.aborted) {
      throw new MlflowApiError(
        `${what} timed out after ${request.timeoutMs} ms`,
        'TIMEOUT',
      );
    }
    if (request.signal?.aborted) {
      throw new MlflowApiError(`${what} was cancelled`, 'ABORTED');
    }
    const reason = error instanceof Error ? error.message : String(error);
    const code = networkErrorCode(error);
    throw new MlflowApiError(
      `${what} failed: ${reason}${code ? ` (${code})` : ''}`,
      code && CONNECTION_RESET_CODES.has(code)
        ? 'CONNECTION_RESET'
        : 'UNREACHABLE',
    );
  }

  if (!response.ok) {
    const { code, message } = describeErrorBody(text);
    const errorCode = code ?? `HTTP_${response.status}`;
    throw new MlflowApiError(
      `${what} failed with HTTP ${response.status} ${errorCode}${
        message ? `: ${message}` : ''
      }`,
      errorCode,
      response.status,
    );
  }
  if (text.trim() === '') {
    return {} as T;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new MlflowApiError(
      `${what} answered HTTP ${response.status} with a body that is not JSON`,
      'INVALID_RESPONSE',
      response.status,
    );
  }
}
