import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { CanaryRollout } from '@mlops-portal/plugin-mlops-common';
import { mlopsApiRef } from '../../api';
import { isCanaryAvailable } from '../../conditions';
import { useMlopsEntityRef } from '../common';

/** The entity's registered model with its versions. */
export function useMlflowModel() {
  const api = useApi(mlopsApiRef);
  const entityRef = useMlopsEntityRef();
  return useAsyncRetry(() => api.getMlflowModel(entityRef), [api, entityRef]);
}

/**
 * Rollouts whose canary pods name a model version; empty when the entity has
 * no rollouts or they cannot be read (the registry card works without them).
 */
export function useServingRollouts(): CanaryRollout[] {
  const api = useApi(mlopsApiRef);
  const { entity } = useEntity();
  const entityRef = useMlopsEntityRef();
  const enabled = isCanaryAvailable(entity);
  const { value } = useAsync(async () => {
    if (!enabled) return [];
    try {
      const { rollouts } = await api.getCanary(entityRef);
      return rollouts.filter(r => r.modelVersion);
    } catch {
      return [];
    }
  }, [api, entityRef, enabled]);
  return value ?? [];
}

/** True when a rollout's `mlflow.org/model-version` label names this version. */
export function namesVersion(modelVersion: string, version: string): boolean {
  const label = modelVersion.trim().replace(/^v/i, '');
  return label === version || label.endsWith(`/${version}`);
}
