import { MlopsUpstream } from '@mlops-portal/plugin-mlops-common';
import { isMlopsApiError } from '../../api';

const UPSTREAM_LABELS: Record<MlopsUpstream, string> = {
  mlflow: 'MLflow',
  kubernetes: 'Kubernetes',
  prometheus: 'Prometheus (DCGM metrics)',
  source: 'the source repository',
  catalog: 'the software catalog',
};

/** A title naming what failed, and the reason, for any error a card meets. */
export function describeError(error: Error): { title: string; detail: string } {
  if (!isMlopsApiError(error)) {
    return { title: 'Could not load this card', detail: error.message };
  }
  const upstream = error.upstream ? UPSTREAM_LABELS[error.upstream] : undefined;
  const subject = upstream
    ? upstream[0].toLocaleUpperCase('en-US') + upstream.slice(1)
    : 'An upstream system';
  const detail = error.message;
  switch (error.code) {
    case 'UpstreamUnavailable':
      return { title: `${subject} is unavailable`, detail };
    case 'UpstreamAuthRejected':
      return { title: `${subject} refused the portal's credentials`, detail };
    case 'UpstreamError':
      return {
        title: `${subject} answered with an error${
          error.upstreamStatus ? ` (HTTP ${error.upstreamStatus})` : ''
        }`,
        detail,
      };
    case 'NotFound':
      return { title: `Not found${upstream ? ` in ${upstream}` : ''}`, detail };
    case 'InvalidInput':
      return {
        title: error.annotation
          ? `Invalid value of annotation ${error.annotation}`
          : 'Invalid request',
        detail,
      };
    case 'NotAllowed':
      // The permission policy refuses this card's data for the signed-in user.
      return { title: 'You are not allowed to see this', detail };
    case 'NotConfigured':
      return {
        title: error.annotation
          ? `Not configured: annotation ${error.annotation} is needed`
          : 'Not configured in this portal',
        detail,
      };
    default:
      return {
        title: `The MLOps backend could not answer${
          error.status ? ` (HTTP ${error.status})` : ''
        }`,
        detail,
      };
  }
}
