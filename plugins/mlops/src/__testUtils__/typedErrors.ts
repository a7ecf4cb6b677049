import { MlopsApiError } from '../api';

/**
 * One error of each kind the backend types (plus the backend itself failing),
 * with the panel title a user must see for it.
 */
export const typedErrors: Array<{
  name: string;
  error: MlopsApiError;
  title: string;
  detail: string;
}> = [
  {
    name: 'NotConfigured',
    error: new MlopsApiError({
      code: 'NotConfigured',
      status: 422,
      message: 'No MLflow instance named "staging" in mlops.mlflow.instances',
      annotation: 'mlflow.org/instance',
    }),
    title: 'Not configured: annotation mlflow.org/instance is needed',
    detail: 'No MLflow instance named "staging" in mlops.mlflow.instances',
  },
  {
    name: 'UpstreamUnavailable',
    error: new MlopsApiError({
      code: 'UpstreamUnavailable',
      status: 503,
      upstream: 'kubernetes',
      message: 'prod-eu: request timed out after 10000 ms',
    }),
    title: 'Kubernetes is unavailable',
    detail: 'prod-eu: request timed out after 10000 ms',
  },
  {
    name: 'UpstreamError',
    error: new MlopsApiError({
      code: 'UpstreamError',
      status: 502,
      upstream: 'mlflow',
      upstreamStatus: 500,
      message: 'INTERNAL_ERROR: database is locked',
    }),
    title: 'MLflow answered with an error (HTTP 500)',
    detail: 'INTERNAL_ERROR: database is locked',
  },
  {
    name: 'NotFound',
    error: new MlopsApiError({
      code: 'NotFound',
      status: 404,
      upstream: 'source',
      message: 'data-plane/dvc/dvc.yaml does not exist',
    }),
    title: 'Not found in the source repository',
    detail: 'data-plane/dvc/dvc.yaml does not exist',
  },
  {
    name: 'InvalidInput',
    error: new MlopsApiError({
      code: 'InvalidInput',
      status: 400,
      annotation: 'dvc.org/pipeline',
      message: 'dvc.org/pipeline must be a relative path inside the repository',
    }),
    title: 'Invalid value of annotation dvc.org/pipeline',
    detail: 'dvc.org/pipeline must be a relative path inside the repository',
  },
  {
    name: 'BackendError',
    error: new MlopsApiError({
      code: 'BackendError',
      status: 401,
      message:
        'The MLOps backend answered 401 Unauthorized: Missing credentials',
    }),
    title: 'The MLOps backend could not answer (HTTP 401)',
    detail: 'The MLOps backend answered 401 Unauthorized: Missing credentials',
  },
];
