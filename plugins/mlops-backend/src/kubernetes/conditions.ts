import { CanaryCondition } from '@mlops-portal/plugin-mlops-common';

/** `status.conditions` of a Kubernetes object, as the API returns them. */
export type KubernetesConditions = Array<{
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}>;

/** An object's conditions with defaults, empty fields left out. */
export const conditionsOf = (
  conditions: KubernetesConditions | undefined,
): CanaryCondition[] =>
  (conditions ?? []).map(c => ({
    type: c.type ?? '',
    status: c.status ?? 'Unknown',
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.message ? { message: c.message } : {}),
    ...(c.lastTransitionTime
      ? { lastTransitionTime: c.lastTransitionTime }
      : {}),
  }));
