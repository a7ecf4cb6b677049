/**
 * Typed errors of the MLOps API. One failing upstream gives one of these for
 * the card that needs it; the other cards keep working.
 *
 * - `NotConfigured`: the entity lacks an annotation, or the portal lacks config.
 * - `UpstreamUnavailable`: the upstream timed out, refused the connection or kept answering 502/503/504.
 * - `UpstreamAuthRejected`: the upstream refused the portal's own credentials (HTTP 401/403); `instance` names the configured instance.
 * - `UpstreamError`: the upstream answered with an error or with a body that is not what its API promises.
 * - `NotFound`: the entity, experiment, model, run or file does not exist (or the caller cannot see it).
 * - `InvalidInput`: a request parameter or an annotation value is not acceptable.
 * - `NotAllowed`: the caller may see the entity but the permission policy refuses this MLOps data (see `mlopsPermissions`).
 *
 * @public
 */
export type MlopsErrorCode =
  | 'NotConfigured'
  | 'UpstreamUnavailable'
  | 'UpstreamAuthRejected'
  | 'UpstreamError'
  | 'NotFound'
  | 'InvalidInput'
  | 'NotAllowed';

/** The upstream systems the backend talks to. @public */
export type MlopsUpstream =
  | 'mlflow'
  | 'kubernetes'
  | 'prometheus'
  | 'source'
  | 'catalog';

/** HTTP status the backend answers for each error code. @public */
export const MLOPS_ERROR_STATUS: Record<MlopsErrorCode, number> = {
  NotConfigured: 422,
  UpstreamUnavailable: 503,
  UpstreamAuthRejected: 502,
  UpstreamError: 502,
  NotFound: 404,
  InvalidInput: 400,
  NotAllowed: 403,
};

/** The JSON body of every MLOps API error response. @public */
export interface MlopsErrorBody {
  error: {
    code: MlopsErrorCode;
    message: string;
    /** Which upstream failed, when one did. */
    upstream?: MlopsUpstream;
    /** The upstream's HTTP status, for `UpstreamError` and `UpstreamAuthRejected`. */
    upstreamStatus?: number;
    /** The configured instance (e.g. of MLflow) whose upstream failed. */
    instance?: string;
    /** The missing or invalid annotation, for `NotConfigured` / `InvalidInput`. */
    annotation?: string;
  };
}

/** Type guard for {@link MlopsErrorBody}. @public */
export function isMlopsErrorBody(value: unknown): value is MlopsErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string' &&
    (error as { code: string }).code in MLOPS_ERROR_STATUS
  );
}
