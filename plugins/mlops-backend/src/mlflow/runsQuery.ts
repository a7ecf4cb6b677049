import { MlflowRunStatus, MlflowRunsQuery, parseMlflowRunFilter } from '@mlops-portal/plugin-mlops-common';
import { MlopsError } from '../errors/MlopsError';

const STATUSES: MlflowRunStatus[] = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];
const ATTRIBUTES = ['start_time', 'end_time', 'run_name', 'status'];
const KEY = /^[\w\-./ :]{1,250}$/;

const invalid = (message: string) => new MlopsError('InvalidInput', message);

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(`${name} must be given once`);
  return value;
}

function keyList(query: Record<string, unknown>, name: string): string[] | undefined {
  const value = single(query, name);
  if (value === undefined || value === '') return undefined;
  const keys = value.split(',').map(k => k.trim()).filter(Boolean);
  if (keys.length > 100 || !keys.every(k => KEY.test(k))) throw invalid(`${name} must be a comma-separated list of keys`);
  return keys;
}

/** Validates `GET .../mlflow/runs` query parameters. */
export function parseRunsQuery(query: Record<string, unknown>): Required<Pick<MlflowRunsQuery, 'order' | 'pageSize'>> & MlflowRunsQuery {
  const orderBy = single(query, 'orderBy');
  if (orderBy !== undefined) {
    const [kind, ...rest] = orderBy.split('.');
    const key = rest.join('.');
    const ok = ATTRIBUTES.includes(orderBy) || ((kind === 'metrics' || kind === 'params') && KEY.test(key));
    if (!ok) throw invalid(`orderBy must be one of ${ATTRIBUTES.join(', ')}, metrics.<key> or params.<key>`);
  }
  const order = single(query, 'order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw invalid('order must be asc or desc');
  const status = single(query, 'status');
  if (status !== undefined && !STATUSES.includes(status as MlflowRunStatus)) {
    throw invalid(`status must be one of ${STATUSES.join(', ')}`);
  }
  const pageSizeText = single(query, 'pageSize') ?? '25';
  const pageSize = Number(pageSizeText);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw invalid('pageSize must be an integer from 1 to 100');
  const filterText = single(query, 'filter')?.trim();
  let filter: string | undefined;
  if (filterText) {
    const parsed = parseMlflowRunFilter(filterText);
    if (!parsed.ok) throw invalid(`filter: ${parsed.message}`);
    filter = parsed.canonical;
  }
  const pageToken = single(query, 'pageToken');
  if (pageToken !== undefined && !/^[A-Za-z0-9+/=_-]{1,2000}$/.test(pageToken)) throw invalid('pageToken is not a page token');
  return {
    ...(orderBy ? { orderBy } : {}),
    order,
    ...(status ? { status: status as MlflowRunStatus } : {}),
    ...(filter ? { filter } : {}),
    pageSize,
    ...(pageToken ? { pageToken } : {}),
    ...(keyList(query, 'params') ? { params: keyList(query, 'params') } : {}),
    ...(keyList(query, 'metrics') ? { metrics: keyList(query, 'metrics') } : {}),
  };
}

const quote = (key: string) => (/^\w+$/.test(key) ? key : `\`${key}\``);

/** MLflow `order_by` and `filter` of a validated query. */
export function toMlflowSearch(query: MlflowRunsQuery): { orderBy: string[]; filter?: string } {
  const direction = (query.order ?? 'desc').toUpperCase();
  let column = 'attributes.start_time';
  if (query.orderBy && ATTRIBUTES.includes(query.orderBy)) column = `attributes.${query.orderBy}`;
  else if (query.orderBy) {
    const [kind, ...rest] = query.orderBy.split('.');
    column = `${kind}.${quote(rest.join('.'))}`;
  }
  // The user's filter (already canonical) and the status, joined by AND.
  const filter = [query.filter, query.status ? `attributes.status = '${query.status}'` : undefined]
    .filter(Boolean)
    .join(' AND ');
  return {
    orderBy: [`${column} ${direction}`],
    ...(filter ? { filter } : {}),
  };
}
