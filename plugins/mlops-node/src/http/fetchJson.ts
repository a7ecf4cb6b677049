/**
 * The one "fetch, parse JSON, throw a typed error" helper of the MLOps
 * packages. Each client (MLflow, the backend's Kubernetes and Prometheus
 * readers, the scaffolder module's GitHub client) keeps its own error class
 * and only says how a {@link HttpFailure} becomes one.
 */

/** Socket errors meaning the server dropped the connection mid-request. */
const CONNECTION_RESET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

/**
 * The Node error code behind a failed `fetch` (`ECONNREFUSED`,
 * `ECONNRESET`, ...); undici nests it in `cause`.
 *
 * @public
 */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * True for a code meaning the server closed the connection mid-request
 * (typically an idle keep-alive socket): worth one more try.
 *
 * @public
 */
export function isConnectionReset(code: string | undefined): boolean {
  return code !== undefined && CONNECTION_RESET_CODES.has(code);
}

/**
 * Why a {@link fetchJson} call failed:
 * - `timeout`: its own `timeoutMs` ran out;
 * - `aborted`: the caller's `signal` fired;
 * - `network`: no response (refused, reset, DNS), with the Node error code;
 * - `status`: a status that is neither 2xx nor accepted, with the body text;
 * - `invalid-json`: a 2xx answer whose body is not JSON.
 *
 * @public
 */
export type HttpFailure =
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'aborted' }
  | { kind: 'network'; reason: string; code?: string }
  | { kind: 'status'; status: number; text: string }
  | { kind: 'invalid-json'; status: number };

/** One {@link fetchJson} call. @public */
export interface JsonRequest {
  url: string | URL;
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON (with `Content-Type: application/json`) when present. */
  body?: unknown;
  /** Milliseconds before the call is abandoned with a `timeout` failure. */
  timeoutMs?: number;
  /** Aborts the call early with an `aborted` failure. */
  signal?: AbortSignal;
  /** Statuses that are an answer, not an error (e.g. 404 for an absent CRD); their body is not read. */
  acceptStatus?: number[];
}

/**
 * Calls `url` and returns the status and the parsed JSON body (`undefined`
 * for an empty body or an accepted status). Every failure goes through
 * `toError`, so callers throw their own typed errors; the request's headers
 * (tokens) never reach it.
 *
 * @public
 */
export async function fetchJson<T>(
  request: JsonRequest,
  toError: (failure: HttpFailure) => Error,
): Promise<{ status: number; body: T | undefined }> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...(request.body !== undefined && { 'Content-Type': 'application/json' }),
    ...request.headers,
  };
  const timeout =
    request.timeoutMs !== undefined
      ? AbortSignal.timeout(request.timeoutMs)
      : undefined;
  const signals = [timeout, request.signal].filter(
    (s): s is AbortSignal => !!s,
  );
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: request.method ?? 'GET',
      headers,
      body:
        request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
    });
    if (request.acceptStatus?.includes(response.status)) {
      return { status: response.status, body: undefined };
    }
    text = await response.text();
  } catch (error) {
    // Checked on the signals: a timeout's DOMException is not always an Error.
    if (timeout?.aborted) {
      throw toError({ kind: 'timeout', timeoutMs: request.timeoutMs! });
    }
    if (request.signal?.aborted) throw toError({ kind: 'aborted' });
    throw toError({
      kind: 'network',
      reason: error instanceof Error ? error.message : String(error),
      code: networkErrorCode(error),
    });
  }
  if (!response.ok) {
    throw toError({ kind: 'status', status: response.status, text });
  }
  if (text.trim() === '') return { status: response.status, body: undefined };
  try {
    return { status: response.status, body: JSON.parse(text) as T };
  } catch {
    throw toError({ kind: 'invalid-json', status: response.status });
  }
}

/**
 * Parses an error body's JSON, `undefined` when it is not JSON (a proxy's
 * HTML error page, for instance).
 *
 * @public
 */
export function parseErrorBody(
  text: string,
): Record<string, unknown> | undefined {
  try {
    const body = JSON.parse(text);
    return body && typeof body === 'object'
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
