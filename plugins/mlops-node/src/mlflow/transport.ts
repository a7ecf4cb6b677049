import { MlflowEndpoint, MlflowRequest, mlflowFetch } from './mlflowFetch';

/**
 * How the read functions reach MLflow: `(path, request) => body`. The HTTP
 * transport calls the tracking server; the MLOps backend's demo mode plugs
 * in one that answers from recorded bodies, so both share the parsing.
 *
 * @public
 */
export type MlflowTransport = <T>(
  path: string,
  request: MlflowRequest,
) => Promise<T>;

/** The transport that calls a real tracking server through {@link mlflowFetch}. @public */
export function mlflowHttpTransport(endpoint: MlflowEndpoint): MlflowTransport {
  return <T>(path: string, request: MlflowRequest) =>
    mlflowFetch<T>(endpoint, path, request);
}
