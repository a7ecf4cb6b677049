import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { MlflowMetricHistoryResponse } from '@mlops-portal/plugin-mlops-common';
import { mlopsApiRef } from '../../api';
import { useMlopsEntityRef } from '../common';

/** The history of one metric for each of the given runs, fetched together. */
export function useMetricHistories(runIds: string[], key: string | undefined) {
  const api = useApi(mlopsApiRef);
  const entityRef = useMlopsEntityRef();
  const idsKey = runIds.join(',');
  return useAsync(async (): Promise<MlflowMetricHistoryResponse[]> => {
    if (!key || !idsKey) return [];
    return Promise.all(
      idsKey
        .split(',')
        .map(runId => api.getMlflowMetricHistory(entityRef, runId, key)),
    );
  }, [api, entityRef, idsKey, key]);
}
