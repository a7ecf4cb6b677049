import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import { mlopsApiRef } from '../../api';
import { useMlopsEntityRef } from '../common';

/** One run with its params, metrics and tags. */
export function useMlflowRun(runId: string) {
  const api = useApi(mlopsApiRef);
  const entityRef = useMlopsEntityRef();
  return useAsyncRetry(
    () => api.getMlflowRun(entityRef, runId),
    [api, entityRef, runId],
  );
}
