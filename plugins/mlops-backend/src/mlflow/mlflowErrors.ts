import { MlflowApiError } from '@mlops-portal/plugin-mlops-node';
import { MlopsError } from '../errors/MlopsError';

/**
 * MLflow's 4xx codes that mean the caller's input was wrong (a malformed
 * page token is a recorded 400 `INVALID_PARAMETER_VALUE`): passed on as 400
 * with MLflow's message.
 */
const CALLER_INPUT_CODES = new Set([
  'INVALID_PARAMETER_VALUE',
  'BAD_REQUEST',
  'MALFORMED_REQUEST',
]);

/**
 * Maps an MLflow client error to the API's typed errors; retryable on
 * 502/503/504 and connection resets. `instance` is the configured instance's
 * name (never its URL or credentials).
 */
export function toMlopsError(
  error: unknown,
  what: string,
  instance: string,
): MlopsError {
  if (error instanceof MlopsError) return error;
  if (!(error instanceof MlflowApiError)) {
    return new MlopsError(
      'UpstreamError',
      `MLflow ${what}: ${(error as Error)?.message ?? error}`,
      {
        upstream: 'mlflow',
      },
    );
  }
  const { status, errorCode } = error;
  if (errorCode === 'RESOURCE_DOES_NOT_EXIST' || status === 404) {
    return new MlopsError('NotFound', `MLflow: ${what} does not exist`, {
      upstream: 'mlflow',
      upstreamStatus: status,
    });
  }
  if (status === 401 || status === 403) {
    // MLflow's basic-auth app answers plain text (recorded): nothing of it is quoted.
    return new MlopsError(
      'UpstreamAuthRejected',
      `the portal's MLflow credentials for instance '${instance}' are rejected (HTTP ${status}); check mlops.mlflow.instances`,
      { upstream: 'mlflow', upstreamStatus: status, instance },
    );
  }
  if (status === 400 && CALLER_INPUT_CODES.has(errorCode)) {
    return new MlopsError(
      'InvalidInput',
      `MLflow refused ${what}: ${error.mlflowMessage ?? errorCode}`,
      {
        upstream: 'mlflow',
        upstreamStatus: status,
      },
    );
  }
  if (errorCode === 'CONNECTION_RESET') {
    return new MlopsError('UpstreamUnavailable', error.message, {
      upstream: 'mlflow',
      retryable: true,
    });
  }
  if (
    errorCode === 'TIMEOUT' ||
    errorCode === 'UNREACHABLE' ||
    errorCode === 'ABORTED'
  ) {
    return new MlopsError('UpstreamUnavailable', error.message, {
      upstream: 'mlflow',
    });
  }
  if (status === 502 || status === 503 || status === 504) {
    return new MlopsError('UpstreamUnavailable', error.message, {
      upstream: 'mlflow',
      upstreamStatus: status,
      retryable: true,
    });
  }
  return new MlopsError('UpstreamError', error.message, {
    upstream: 'mlflow',
    upstreamStatus: status,
  });
}
