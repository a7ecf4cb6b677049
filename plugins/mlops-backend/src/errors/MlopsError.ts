import {
  MlopsErrorBody,
  MlopsErrorCode,
  MlopsUpstream,
} from '@mlops-portal/plugin-mlops-common';

/** Details carried by an {@link MlopsError} besides its code and message. */
export interface MlopsErrorDetails {
  upstream?: MlopsUpstream;
  upstreamStatus?: number;
  annotation?: string;
  /** The configured upstream instance (MLflow instance name). */
  instance?: string;
  /** For the resilience layer: may an idempotent call be retried? */
  retryable?: boolean;
}

/**
 * The one error type routes throw. The error handler turns it into an
 * `MlopsErrorBody` with the status of `MLOPS_ERROR_STATUS`. Messages never
 * include tokens or full upstream URLs with credentials.
 */
export class MlopsError extends Error {
  readonly name = 'MlopsError';

  constructor(
    readonly code: MlopsErrorCode,
    message: string,
    readonly details: MlopsErrorDetails = {},
  ) {
    super(message);
  }

  toBody(): MlopsErrorBody {
    const { upstream, upstreamStatus, annotation, instance } = this.details;
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(upstream ? { upstream } : {}),
        ...(upstreamStatus !== undefined ? { upstreamStatus } : {}),
        ...(annotation ? { annotation } : {}),
        ...(instance ? { instance } : {}),
      },
    };
  }
}

/** The typed error of a failure: an MlopsError as it is, anything else as an UpstreamError with the details given. */
export const asMlopsError = (
  error: unknown,
  details: MlopsErrorDetails = {},
): MlopsError =>
  error instanceof MlopsError
    ? error
    : new MlopsError(
        'UpstreamError',
        String((error as Error)?.message ?? error),
        details,
      );
