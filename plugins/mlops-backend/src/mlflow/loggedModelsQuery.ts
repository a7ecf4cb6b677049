import { MlflowLoggedModelsQuery } from '@mlops-portal/plugin-mlops-common';
import { MlopsError } from '../errors/MlopsError';

const METRIC_KEY = /^[\w\-./ :]{1,250}$/;
const invalid = (message: string) => new MlopsError('InvalidInput', message);

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(`${name} must be given once`);
  return value;
}

/** Validates `GET .../mlflow/logged-models` query parameters. */
export function parseLoggedModelsQuery(query: Record<string, unknown>): MlflowLoggedModelsQuery & { pageSize: number } {
  const orderBy = single(query, 'orderBy');
  if (orderBy !== undefined) {
    const [kind, ...rest] = orderBy.split('.');
    if (kind !== 'metrics' || !METRIC_KEY.test(rest.join('.'))) throw invalid('orderBy must be metrics.<key>');
  }
  const order = single(query, 'order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw invalid('order must be asc or desc');
  const pageSize = Number(single(query, 'pageSize') ?? '25');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw invalid('pageSize must be an integer from 1 to 100');
  const pageToken = single(query, 'pageToken');
  if (pageToken !== undefined && !/^[A-Za-z0-9+/=_-]{1,2000}$/.test(pageToken)) throw invalid('pageToken is not a page token');
  return { ...(orderBy ? { orderBy } : {}), order, pageSize, ...(pageToken ? { pageToken } : {}) };
}

/**
 * MLflow's `order_by` of a validated query (`logged-models/search` takes
 * field objects); none without `orderBy`: the server's default, newest first
 * (recorded on 3.11).
 */
export function toLoggedModelsOrder(query: MlflowLoggedModelsQuery): Array<{ fieldName: string; ascending: boolean }> {
  return query.orderBy ? [{ fieldName: query.orderBy, ascending: query.order === 'asc' }] : [];
}
