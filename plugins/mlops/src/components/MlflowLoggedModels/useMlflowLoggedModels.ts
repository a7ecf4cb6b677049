import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import { MlflowLoggedModelsQuery } from '@mlops-portal/plugin-mlops-common';
import { mlopsApiRef } from '../../api';
import { useMlopsEntityRef } from '../common';

/** The experiment's LoggedModels in the given order. */
export function useMlflowLoggedModels(query: MlflowLoggedModelsQuery) {
  const api = useApi(mlopsApiRef);
  const entityRef = useMlopsEntityRef();
  const { orderBy, order, pageSize } = query;
  return useAsyncRetry(
    () => api.getMlflowLoggedModels(entityRef, { orderBy, order, pageSize }),
    [api, entityRef, orderBy, order, pageSize],
  );
}
