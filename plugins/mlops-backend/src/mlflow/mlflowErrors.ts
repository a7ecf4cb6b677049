import { MlflowApiError } from '@mlops-portal/plugin-mlops-node';
import { MlopsError } from '../errors/MlopsError';

/** Maps an MLflow client error to the API's typed errors; retryable on 502/503/504 and connection resets. */
export function toMlopsError(error: unknown, what: string): MlopsError {
  if (error instanceof MlopsError) return error;
  if (!(error instanceof MlflowApiError)) {
    return new MlopsError('UpstreamError', `MLflow ${what}: ${(error as Error)?.message ?? error}`, {
      upstream: 'mlflow',
    });
  }
  const { status, errorCode } = error;
  if (errorCode === 'RESOURCE_DOES_NOT_EXIST' || status === 404) {
    return new MlopsError('NotFound', `MLflow: ${what} does not exist`, { upstream: 'mlflow', upstreamStatus: status });
  }
  if (errorCode === 'CONNECTION_RESET') {
    return new MlopsError('UpstreamUnavailable', error.message, { upstream: 'mlflow', retryable: true });
  }
  if (errorCode === 'TIMEOUT' || errorCode === 'UNREACHABLE' || errorCode === 'ABORTED') {
    return new MlopsError('UpstreamUnavailable', error.message, { upstream: 'mlflow' });
  }
  if (status === 502 || status === 503 || status === 504) {
    return new MlopsError('UpstreamUnavailable', error.message, {
      upstream: 'mlflow',
      upstreamStatus: status,
      retryable: true,
    });
  }
  return new MlopsError('UpstreamError', error.message, { upstream: 'mlflow', upstreamStatus: status });
}
