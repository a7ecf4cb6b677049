import { useCallback, useMemo, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import {
  MlflowRunsQuery,
  MlflowRunsResponse,
  MlflowRunStatus,
} from '@mlops-portal/plugin-mlops-common';
import { isMlopsApiError, mlopsApiRef } from '../../api';
import { useMlopsEntityRef } from '../common';

/** Columns the runs table can sort by, as MLflow's `order_by` names them. */
export type RunsSortKey = string;

/**
 * The direction a column sorts in on its first click: names, statuses and
 * params A→Z, times and metrics newest or highest first.
 */
export function firstSortOrder(key: RunsSortKey): 'asc' | 'desc' {
  return key === 'run_name' || key === 'status' || key.startsWith('params.')
    ? 'asc'
    : 'desc';
}

/**
 * The runs table's server-side state: sort, page (a stack of page tokens so
 * "previous" works), chosen param/metric columns, and the page itself.
 */
export function useMlflowRuns(initialPageSize: number) {
  const api = useApi(mlopsApiRef);
  const entityRef = useMlopsEntityRef();
  const [orderBy, setOrderBy] = useState<RunsSortKey>('start_time');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const [pageTokens, setPageTokens] = useState<Array<string | undefined>>([
    undefined,
  ]);
  const [params, setParams] = useState<string[] | undefined>();
  const [metrics, setMetrics] = useState<string[] | undefined>();
  const [filter, setFilterState] = useState('');
  const [status, setStatusState] = useState<MlflowRunStatus | undefined>();
  const [pageSize, setPageSizeState] = useState(initialPageSize);

  const query: MlflowRunsQuery = useMemo(
    () => ({
      orderBy,
      order,
      pageSize,
      pageToken: pageTokens[pageTokens.length - 1],
      params,
      metrics,
      ...(filter ? { filter } : {}),
      ...(status ? { status } : {}),
    }),
    [orderBy, order, pageSize, pageTokens, params, metrics, filter, status],
  );
  const state = useAsyncRetry(
    () => api.getMlflowRuns(entityRef, query),
    [api, entityRef, query],
  );
  // The last page shown stays while a refused filter is corrected.
  const lastPage = useRef<MlflowRunsResponse | undefined>();
  if (state.value) lastPage.current = state.value;
  const filterRefused =
    Boolean(filter) &&
    isMlopsApiError(state.error) &&
    state.error.code === 'InvalidInput';

  const sortBy = useCallback(
    (key: RunsSortKey) => {
      if (key === orderBy) setOrder(o => (o === 'asc' ? 'desc' : 'asc'));
      else {
        setOrderBy(key);
        setOrder(firstSortOrder(key));
      }
      setPageTokens([undefined]);
    },
    [orderBy],
  );
  const nextPage = useCallback(() => {
    const token = state.value?.nextPageToken;
    if (token) setPageTokens(tokens => [...tokens, token]);
  }, [state.value]);
  const previousPage = useCallback(
    () =>
      setPageTokens(tokens =>
        tokens.length > 1 ? tokens.slice(0, -1) : tokens,
      ),
    [],
  );
  const chooseColumns = useCallback(
    (columns: { params?: string[]; metrics?: string[] }) => {
      if (columns.params) setParams(columns.params);
      if (columns.metrics) setMetrics(columns.metrics);
      setPageTokens([undefined]);
    },
    [],
  );

  const restart = () => setPageTokens([undefined]);
  const setFilter = useCallback((value: string) => {
    setFilterState(value.trim());
    restart();
  }, []);
  const setStatus = useCallback((value?: MlflowRunStatus) => {
    setStatusState(value);
    restart();
  }, []);
  const setPageSize = useCallback((value: number) => {
    setPageSizeState(value);
    restart();
  }, []);

  return {
    ...state,
    // A filter the backend refused is the filter box's error, not the card's.
    error: filterRefused ? undefined : state.error,
    value: state.value ?? (filterRefused ? lastPage.current : undefined),
    filterError: filterRefused ? state.error?.message : undefined,
    filter,
    setFilter,
    status,
    setStatus,
    pageSize,
    setPageSize,
    orderBy,
    order,
    page: pageTokens.length,
    hasPrevious: pageTokens.length > 1,
    hasNext: Boolean(state.value?.nextPageToken),
    chosenParams: params,
    chosenMetrics: metrics,
    sortBy,
    nextPage,
    previousPage,
    chooseColumns,
  };
}
