import { MlflowLoggedModelsQuery } from '@mlops-portal/plugin-mlops-common';
// The same query-parameter helpers as runsQuery.ts: only the import list repeats.
import {
  MLFLOW_KEY,
  invalidQuery,
  orderParam,
  pageSizeParam,
  pageTokenParam,
  singleParam,
} from './queryParams';

/** Validates `GET .../mlflow/logged-models` query parameters. */
export function parseLoggedModelsQuery(
  query: Record<string, unknown>,
): MlflowLoggedModelsQuery & { pageSize: number } {
  const orderBy = singleParam(query, 'orderBy');
  if (orderBy !== undefined) {
    const [kind, ...rest] = orderBy.split('.');
    if (kind !== 'metrics' || !MLFLOW_KEY.test(rest.join('.')))
      throw invalidQuery('orderBy must be metrics.<key>');
  }
  const order = orderParam(query);
  const pageSize = pageSizeParam(query);
  const pageToken = pageTokenParam(query);
  return {
    ...(orderBy ? { orderBy } : {}),
    order,
    pageSize,
    ...(pageToken ? { pageToken } : {}),
  };
}

/**
 * MLflow's `order_by` of a validated query (`logged-models/search` takes
 * field objects); none without `orderBy`: the server's default, newest first
 * (recorded on 3.11).
 */
export function toLoggedModelsOrder(
  query: MlflowLoggedModelsQuery,
): Array<{ fieldName: string; ascending: boolean }> {
  return query.orderBy
    ? [{ fieldName: query.orderBy, ascending: query.order === 'asc' }]
    : [];
}
