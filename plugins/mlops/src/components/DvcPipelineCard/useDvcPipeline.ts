import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import { mlopsApiRef } from '../../api';
import { useMlopsEntityRef } from '../common';

/** The entity's DVC pipeline: stages, edges, params, metrics, lock state. */
export function useDvcPipeline() {
  const api = useApi(mlopsApiRef);
  const entityRef = useMlopsEntityRef();
  return useAsyncRetry(() => api.getDvcPipeline(entityRef), [api, entityRef]);
}
