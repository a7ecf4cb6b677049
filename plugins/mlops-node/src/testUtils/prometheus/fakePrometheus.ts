import type { RequestHandler } from 'msw';
import {
  ListeningFake,
  json,
  listenOnLoopback,
  mswHandlers,
} from '../http/fakeServer';

/** A `/api/v1/query` answer body. @public */
export interface FakePrometheusAnswer {
  status: 'success' | 'error';
  data?: { resultType: string; result: unknown[] };
  error?: string;
  errorType?: string;
}

/** @public */
export interface FakePrometheus {
  /** The answer to an instant query, as the HTTP API sends it. */
  query(promql: string): FakePrometheusAnswer;
  /** The PromQL of every query received. */
  queries: string[];
  /** The PromQL, start, end and step of every range query received. */
  rangeQueries: Array<{
    query: string;
    start: string;
    end: string;
    step: string;
  }>;
  /** msw handlers of `/api/v1/query` and `/api/v1/query_range` under `baseUrl`. */
  handlers: RequestHandler[];
  listen(): Promise<ListeningFake>;
}

/**
 * A fake Prometheus HTTP API answering instant queries (`GET /api/v1/query`)
 * from a table PromQL → body, and range queries (`GET /api/v1/query_range`,
 * `matrix` answers) from `options.range`. A query it does not know gets
 * Prometheus' 400 `bad_data` error body (not recorded: shaped from the HTTP
 * API docs, https://prometheus.io/docs/prometheus/latest/querying/api/).
 *
 * @public
 */
export function createFakePrometheus(
  answers: Record<string, FakePrometheusAnswer>,
  options: {
    baseUrl?: string;
    bearerToken?: string;
    range?: Record<string, FakePrometheusAnswer>;
  } = {},
): FakePrometheus {
  const queries: string[] = [];
  const rangeQueries: FakePrometheus['rangeQueries'] = [];
  const unknown = (promql: string): FakePrometheusAnswer => ({
    status: 'error',
    errorType: 'bad_data',
    error: `the fake Prometheus has no answer for ${JSON.stringify(promql)}`,
  });
  const query = (promql: string) => answers[promql.trim()] ?? unknown(promql);
  const handle = async (request: Request) => {
    const url = new URL(request.url);
    const range = url.pathname.endsWith('/api/v1/query_range');
    if (!range && !url.pathname.endsWith('/api/v1/query')) return undefined;
    if (
      options.bearerToken &&
      request.headers.get('authorization') !== `Bearer ${options.bearerToken}`
    ) {
      return new Response('Unauthorized\n', {
        status: 401,
        headers: { 'Content-Type': 'text/plain' },
      });
    }
    const promql = url.searchParams.get('query') ?? '';
    const param = (name: string) => url.searchParams.get(name) ?? '';
    if (range)
      rangeQueries.push({
        query: promql,
        start: param('start'),
        end: param('end'),
        step: param('step'),
      });
    else queries.push(promql);
    const body = range
      ? options.range?.[promql.trim()] ?? unknown(promql)
      : query(promql);
    return json(body, body.status === 'success' ? 200 : 400);
  };
  return {
    query,
    queries,
    rangeQueries,
    handlers: mswHandlers(options.baseUrl ?? 'http://prometheus.test', handle),
    listen: () => listenOnLoopback(handle),
  };
}
