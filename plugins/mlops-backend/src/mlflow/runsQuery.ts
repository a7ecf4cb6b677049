import {
  MlflowRunStatus,
  MlflowRunsQuery,
  parseMlflowRunFilter,
} from '@mlops-portal/plugin-mlops-common';
// The same query-parameter helpers as loggedModelsQuery.ts: only the import list repeats.
import {
  MLFLOW_KEY,
  invalidQuery,
  orderParam,
  pageSizeParam,
  pageTokenParam,
  singleParam,
} from './queryParams';

const STATUSES: MlflowRunStatus[] = [
  'RUNNING',
  'SCHEDULED',
  'FINISHED',
  'FAILED',
  'KILLED',
];
const ATTRIBUTES = ['start_time', 'end_time', 'run_name', 'status'];

function keyList(
  query: Record<string, unknown>,
  name: string,
): string[] | undefined {
  const value = singleParam(query, name);
  if (value === undefined || value === '') return undefined;
  const keys = value
    .split(',')
    .map(k => k.trim())
    .filter(Boolean);
  if (keys.length > 100 || !keys.every(k => MLFLOW_KEY.test(k)))
    throw invalidQuery(`${name} must be a comma-separated list of keys`);
  return keys;
}

/** Validates `GET .../mlflow/runs` query parameters. */
export function parseRunsQuery(
  query: Record<string, unknown>,
): Required<Pick<MlflowRunsQuery, 'order' | 'pageSize'>> & MlflowRunsQuery {
  const orderBy = singleParam(query, 'orderBy');
  if (orderBy !== undefined) {
    const [kind, ...rest] = orderBy.split('.');
    const key = rest.join('.');
    const ok =
      ATTRIBUTES.includes(orderBy) ||
      ((kind === 'metrics' || kind === 'params') && MLFLOW_KEY.test(key));
    if (!ok)
      throw invalidQuery(
        `orderBy must be one of ${ATTRIBUTES.join(
          ', ',
        )}, metrics.<key> or params.<key>`,
      );
  }
  const order = orderParam(query);
  const status = singleParam(query, 'status');
  if (status !== undefined && !STATUSES.includes(status as MlflowRunStatus)) {
    throw invalidQuery(`status must be one of ${STATUSES.join(', ')}`);
  }
  const pageSize = pageSizeParam(query);
  const filterText = singleParam(query, 'filter')?.trim();
  let filter: string | undefined;
  if (filterText) {
    const parsed = parseMlflowRunFilter(filterText);
    if (!parsed.ok) throw invalidQuery(`filter: ${parsed.message}`);
    filter = parsed.canonical;
  }
  const pageToken = pageTokenParam(query);
  return {
    ...(orderBy ? { orderBy } : {}),
    order,
    ...(status ? { status: status as MlflowRunStatus } : {}),
    ...(filter ? { filter } : {}),
    pageSize,
    ...(pageToken ? { pageToken } : {}),
    ...(keyList(query, 'params') ? { params: keyList(query, 'params') } : {}),
    ...(keyList(query, 'metrics')
      ? { metrics: keyList(query, 'metrics') }
      : {}),
  };
}

const quote = (key: string) => (/^\w+$/.test(key) ? key : `\`${key}\``);

/** MLflow `order_by` and `filter` of a validated query. */
export function toMlflowSearch(query: MlflowRunsQuery): {
  orderBy: string[];
  filter?: string;
} {
  const direction = (query.order ?? 'desc').toUpperCase();
  let column = 'attributes.start_time';
  if (query.orderBy && ATTRIBUTES.includes(query.orderBy))
    column = `attributes.${query.orderBy}`;
  else if (query.orderBy) {
    const [kind, ...rest] = query.orderBy.split('.');
    column = `${kind}.${quote(rest.join('.'))}`;
  }
  // The user's filter (already canonical) and the status, joined by AND.
  const filter = [
    query.filter,
    query.status ? `attributes.status = '${query.status}'` : undefined,
  ]
    .filter(Boolean)
    .join(' AND ');
  return {
    orderBy: [`${column} ${direction}`],
    ...(filter ? { filter } : {}),
  };
}
