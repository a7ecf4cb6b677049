import {
  MlopsErrorBody,
  MlopsErrorCode,
  MlopsUpstream,
} from '@mlops-portal/plugin-mlops-common';

/**
 * What went wrong, as the cards tell it: the backend's typed codes, plus
 * `BackendError` for failures of the MLOps backend itself (unreachable,
 * signed out, or an answer that is not an MLOps error body).
 *
 * @public
 */
export type MlopsApiErrorCode = MlopsErrorCode | 'BackendError';

/**
 * An error of the MLOps API, carrying the backend's typed error so a card can
 * say which upstream failed and why.
 *
 * @public
 */
export class MlopsApiError extends Error {
  readonly code: MlopsApiErrorCode;
  /** HTTP status of the backend's answer; absent when it could not be reached. */
  readonly status?: number;
  readonly upstream?: MlopsUpstream;
  readonly upstreamStatus?: number;
  readonly annotation?: string;

  constructor(options: {
    code: MlopsApiErrorCode;
    message: string;
    status?: number;
    upstream?: MlopsUpstream;
    upstreamStatus?: number;
    annotation?: string;
  }) {
    super(options.message);
    this.name = 'MlopsApiError';
    this.code = options.code;
    this.status = options.status;
    this.upstream = options.upstream;
    this.upstreamStatus = options.upstreamStatus;
    this.annotation = options.annotation;
  }

  /** Builds the error from a typed error body (a response or a per-cluster error). */
  static fromBody(body: MlopsErrorBody, status?: number): MlopsApiError {
    return new MlopsApiError({ ...body.error, status });
  }
}

/** True for an {@link MlopsApiError}. @public */
export const isMlopsApiError = (error: unknown): error is MlopsApiError =>
  error instanceof MlopsApiError;
