import type {
  MlopsPrometheusClient as PrometheusClient,
  MlopsPrometheusSample as PrometheusSample,
} from '@mlops-portal/plugin-mlops-node';
import { MlopsError } from '../errors/MlopsError';
import { fetchJson } from '../upstream/fetchJson';

// The interfaces live in mlops-node, beside the extension point that lets a module replace the client.
export type { PrometheusClient, PrometheusSample };

interface QueryResponse {
  status?: string;
  error?: string;
  data?: {
    resultType?: string;
    result?: Array<{ metric?: Record<string, string>; value?: [number, string] }>;
  };
}

/** Turns a `/api/v1/query` body into samples. */
export function parsePrometheusVector(body: QueryResponse | undefined): PrometheusSample[] {
  if (body?.status !== 'success' || body.data?.resultType !== 'vector' || !Array.isArray(body.data.result)) {
    throw new MlopsError(
      'UpstreamError',
      `Prometheus query answer is not a success vector${body?.error ? `: ${body.error}` : ''}`,
      { upstream: 'prometheus' },
    );
  }
  return body.data.result.flatMap(series => {
    const value = Number(series.value?.[1]);
    return Number.isFinite(value) ? [{ labels: series.metric ?? {}, value }] : [];
  });
}

export class HttpPrometheusClient implements PrometheusClient {
  constructor(private readonly config: { baseUrl: string; token?: string }) {}

  async query(promql: string, signal: AbortSignal) {
    const url = new URL(`${this.config.baseUrl}/api/v1/query`);
    url.searchParams.set('query', promql);
    const { body } = await fetchJson<QueryResponse>({
      upstream: 'prometheus',
      what: 'Prometheus GET /api/v1/query',
      url: url.toString(),
      headers: this.config.token ? { Authorization: `Bearer ${this.config.token}` } : {},
      signal,
    });
    return parsePrometheusVector(body);
  }
}
