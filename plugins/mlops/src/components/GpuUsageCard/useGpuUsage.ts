import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import { mlopsApiRef } from '../../api';
import { useMlopsEntityRef } from '../common';

/** GPU nodes and the entity's GPU pods, per cluster. */
export function useGpuUsage() {
  const api = useApi(mlopsApiRef);
  const entityRef = useMlopsEntityRef();
  return useAsyncRetry(() => api.getGpuUsage(entityRef), [api, entityRef]);
}
