import type {
  MlopsPrometheusClient as PrometheusClient,
  MlopsPrometheusRange as PrometheusRange,
  MlopsPrometheusSample as PrometheusSample,
  MlopsPrometheusSeries as PrometheusSeries,
} from '@mlops-portal/plugin-mlops-node';
import { MlopsError } from '../errors/MlopsError';
import { fetchJson } from '../upstream/fetchJson';

// The interfaces live in mlops-node, beside the extension point that lets a module replace the client.
export type {
  PrometheusClient,
  PrometheusRange,
  PrometheusSample,
  PrometheusSeries,
};

/** A `/api/v1/query` or `/api/v1/query_range` body (https://prometheus.io/docs/prometheus/latest/querying/api/). */
interface QueryResponse {
  status?: string;
  error?: string;
  data?: {
    resultType?: string;
    result?: Array<{
      metric?: Record<string, string>;
      value?: [number, string];
      values?: Array<[number, string]>;
    }>;
  };
}

function resultOf(
  body: QueryResponse | undefined,
  resultType: 'vector' | 'matrix',
) {
  if (
    body?.status !== 'success' ||
    body.data?.resultType !== resultType ||
    !Array.isArray(body.data.result)
  ) {
    throw new MlopsError(
      'UpstreamError',
      `Prometheus query answer is not a success ${resultType}${
        body?.error ? `: ${body.error}` : ''
      }`,
      { upstream: 'prometheus' },
    );
  }
  return body.data.result;
}

/** Turns a `/api/v1/query` body into samples. */
export function parsePrometheusVector(
  body: QueryResponse | undefined,
): PrometheusSample[] {
  return resultOf(body, 'vector').flatMap(series => {
    const value = Number(series.value?.[1]);
    return Number.isFinite(value)
      ? [{ labels: series.metric ?? {}, value }]
      : [];
  });
}

/** Turns a `/api/v1/query_range` body into series; NaN and ±Inf points (sent as strings) are left out. */
export function parsePrometheusMatrix(
  body: QueryResponse | undefined,
): PrometheusSeries[] {
  return resultOf(body, 'matrix').map(series => ({
    labels: series.metric ?? {},
    values: (Array.isArray(series.values) ? series.values : []).flatMap(
      ([t, v]): Array<[number, number]> => {
        const value = Number(v);
        return Number.isFinite(value) && Number.isFinite(Number(t))
          ? [[Number(t), value]]
          : [];
      },
    ),
  }));
}

export class HttpPrometheusClient implements PrometheusClient {
  constructor(private readonly config: { baseUrl: string; token?: string }) {}

  private get(
    path: string,
    params: Record<string, string>,
    signal: AbortSignal,
  ) {
    const url = new URL(`${this.config.baseUrl}${path}`);
    for (const [key, value] of Object.entries(params))
      url.searchParams.set(key, value);
    return fetchJson<QueryResponse>({
      upstream: 'prometheus',
      what: `Prometheus GET ${path}`,
      url: url.toString(),
      headers: this.config.token
        ? { Authorization: `Bearer ${this.config.token}` }
        : {},
      signal,
    });
  }

  async query(promql: string, signal: AbortSignal) {
    const { body } = await this.get('/api/v1/query', { query: promql }, signal);
    return parsePrometheusVector(body);
  }

  async queryRange(
    promql: string,
    range: PrometheusRange,
    signal: AbortSignal,
  ) {
    const { body } = await this.get(
      '/api/v1/query_range',
      {
        query: promql,
        start: String(range.start),
        end: String(range.end),
        step: `${range.stepSeconds}s`,
      },
      signal,
    );
    return parsePrometheusMatrix(body);
  }
}
