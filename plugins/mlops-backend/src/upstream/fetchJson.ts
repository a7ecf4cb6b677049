import { MlopsUpstream } from '@mlops-portal/plugin-mlops-common';
import { MlopsError } from '../errors/MlopsError';

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'UND_ERR_SOCKET']);

/** The Node error code behind a failed `fetch` (`ECONNREFUSED`, ...). */
function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Pulls a human message out of an upstream error body (Kubernetes Status, Prometheus, MLflow). */
function errorMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text);
    const message = body?.message ?? body?.error?.message ?? body?.error;
    return typeof message === 'string' ? message.slice(0, 300) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * GETs JSON from an upstream over HTTP and turns every failure into a typed
 * {@link MlopsError}. `what` names the call in messages; it must not contain
 * secrets. The caller owns the timeout through `signal`.
 */
export async function fetchJson<T>(options: {
  upstream: MlopsUpstream;
  what: string;
  url: string;
  headers?: Record<string, string>;
  signal: AbortSignal;
  /** Statuses that are an answer, not an error (e.g. 404 for an absent CRD). */
  acceptStatus?: number[];
}): Promise<{ status: number; body: T | undefined }> {
  const { upstream, what } = options;
  let response: Response;
  let text: string;
  try {
    response = await fetch(options.url, {
      headers: { Accept: 'application/json', ...options.headers },
      signal: options.signal,
    });
    text = await response.text();
  } catch (error) {
    if (options.signal.aborted) {
      throw new MlopsError('UpstreamUnavailable', `${what}: no answer in time`, {
        upstream,
      });
    }
    const code = networkCode(error);
    throw new MlopsError(
      'UpstreamUnavailable',
      `${what}: ${code ?? 'network error'}`,
      { upstream, retryable: code !== undefined && RETRYABLE_NETWORK_CODES.has(code) },
    );
  }
  if (options.acceptStatus?.includes(response.status)) {
    return { status: response.status, body: undefined };
  }
  if (!response.ok) {
    const message = errorMessage(text);
    const retryable = RETRYABLE_STATUS.has(response.status);
    throw new MlopsError(
      retryable ? 'UpstreamUnavailable' : 'UpstreamError',
      `${what}: HTTP ${response.status}${message ? ` ${message}` : ''}`,
      { upstream, upstreamStatus: response.status, retryable },
    );
  }
  try {
    return { status: response.status, body: JSON.parse(text) as T };
  } catch {
    throw new MlopsError(
      'UpstreamError',
      `${what}: answered HTTP ${response.status} with a body that is not JSON`,
      { upstream, upstreamStatus: response.status },
    );
  }
}
