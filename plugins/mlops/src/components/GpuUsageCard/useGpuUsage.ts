import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import { GpuCostWindow } from '@mlops-portal/plugin-mlops-common';
import { mlopsApiRef } from '../../api';
import { useMlopsEntityRef } from '../common';

/** GPU nodes and the entity's GPU pods, per cluster. */
export function useGpuUsage() {
  const api = useApi(mlopsApiRef);
  const entityRef = useMlopsEntityRef();
  return useAsyncRetry(() => api.getGpuUsage(entityRef), [api, entityRef]);
}

/** GPU-hours and cost of the entity over the window. */
export function useGpuCost(window: GpuCostWindow) {
  const api = useApi(mlopsApiRef);
  const entityRef = useMlopsEntityRef();
  return useAsyncRetry(
    () => api.getGpuCost(entityRef, window),
    [api, entityRef, window],
  );
}
