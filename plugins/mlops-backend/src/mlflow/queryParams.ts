import { MlopsError } from '../errors/MlopsError';

/** A metric or param key as MLflow accepts it in `order_by` and column lists. */
export const MLFLOW_KEY = /^[\w\-./ :]{1,250}$/;

/** The 400 a bad query parameter of an MLflow route answers. */
export const invalidQuery = (message: string) =>
  new MlopsError('InvalidInput', message);

/** A query parameter given at most once (Express makes a repeated one an array). */
export function singleParam(
  query: Record<string, unknown>,
  name: string,
): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw invalidQuery(`${name} must be given once`);
  return value;
}

/** `order`: `asc` or `desc`, default `desc`. */
export function orderParam(query: Record<string, unknown>): 'asc' | 'desc' {
  const order = singleParam(query, 'order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc')
    throw invalidQuery('order must be asc or desc');
  return order;
}

/** `pageSize`: an integer from 1 to 100, default 25. */
export function pageSizeParam(query: Record<string, unknown>): number {
  const pageSize = Number(singleParam(query, 'pageSize') ?? '25');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    throw invalidQuery('pageSize must be an integer from 1 to 100');
  }
  return pageSize;
}

/** `pageToken`: the opaque token MLflow gave for the next page, if any. */
export function pageTokenParam(
  query: Record<string, unknown>,
): string | undefined {
  const pageToken = singleParam(query, 'pageToken');
  if (
    pageToken !== undefined &&
    !/^[A-Za-z0-9+/=_-]{1,2000}$/.test(pageToken)
  ) {
    throw invalidQuery('pageToken is not a page token');
  }
  return pageToken;
}
