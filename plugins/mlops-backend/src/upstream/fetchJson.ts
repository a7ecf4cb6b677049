import { MlopsUpstream } from '@mlops-portal/plugin-mlops-common';
import {
  HttpFailure,
  fetchJson as fetchJsonOrThrow,
  isConnectionReset,
  parseErrorBody,
} from '@mlops-portal/plugin-mlops-node';
import { MlopsError } from '../errors/MlopsError';

const RETRYABLE_STATUS = new Set([502, 503, 504]);

/** Pulls a human message out of an upstream error body (Kubernetes Status, Prometheus, MLflow). */
function errorMessage(text: string): string | undefined {
  const body = parseErrorBody(text);
  const error = body?.error as { message?: unknown } | string | undefined;
  const message =
    body?.message ?? (typeof error === 'object' ? error?.message : error);
  return typeof message === 'string' ? message.slice(0, 300) : undefined;
}

function toMlopsError(
  upstream: MlopsUpstream,
  what: string,
  failure: HttpFailure,
): MlopsError {
  switch (failure.kind) {
    case 'timeout':
    case 'aborted':
      return new MlopsError(
        'UpstreamUnavailable',
        `${what}: no answer in time`,
        { upstream },
      );
    case 'network':
      return new MlopsError(
        'UpstreamUnavailable',
        `${what}: ${failure.code ?? 'network error'}`,
        {
          upstream,
          retryable: isConnectionReset(failure.code),
        },
      );
    case 'invalid-json':
      return new MlopsError(
        'UpstreamError',
        `${what}: answered HTTP ${failure.status} with a body that is not JSON`,
        { upstream, upstreamStatus: failure.status },
      );
    default: {
      const message = errorMessage(failure.text);
      const retryable = RETRYABLE_STATUS.has(failure.status);
      return new MlopsError(
        retryable ? 'UpstreamUnavailable' : 'UpstreamError',
        `${what}: HTTP ${failure.status}${message ? ` ${message}` : ''}`,
        { upstream, upstreamStatus: failure.status, retryable },
      );
    }
  }
}

/**
 * GETs JSON from an upstream over HTTP (the shared helper of mlops-node) and
 * turns every failure into a typed {@link MlopsError}. `what` names the call
 * in messages; it must not contain secrets. The caller owns the timeout
 * through `signal`.
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
  const toError = (failure: HttpFailure) =>
    toMlopsError(upstream, what, failure);
  const answer = await fetchJsonOrThrow<T>(
    {
      url: options.url,
      headers: options.headers,
      signal: options.signal,
      acceptStatus: options.acceptStatus,
    },
    toError,
  );
  if (
    answer.body === undefined &&
    !options.acceptStatus?.includes(answer.status)
  ) {
    // An empty 2xx body is not what these APIs promise.
    throw toError({ kind: 'invalid-json', status: answer.status });
  }
  return answer;
}
