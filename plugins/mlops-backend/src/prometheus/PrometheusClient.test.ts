import { createFakePrometheus } from '@mlops-portal/plugin-mlops-node/testUtils';
import { setupMswServer } from '../__testUtils__/startMlopsTestBackend';
import {
  HttpPrometheusClient,
  parsePrometheusMatrix,
} from './PrometheusClient';

// A `query_range` answer as the HTTP API documents it (https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries).
const matrix = {
  status: 'success',
  data: {
    resultType: 'matrix',
    result: [
      {
        metric: { namespace: 'ml', pod: 'train-0' },
        values: [
          [1764547200, '4'],
          [1764547500, 'NaN'],
          [1764547800, '+Inf'],
          [1764548100, '2'],
        ],
      },
    ],
  },
};

describe('Prometheus range queries', () => {
  const server = setupMswServer();

  it('reads matrix answers, leaving out NaN and infinite points', () => {
    expect(parsePrometheusMatrix(matrix as never)).toEqual([
      {
        labels: { namespace: 'ml', pod: 'train-0' },
        values: [
          [1764547200, 4],
          [1764548100, 2],
        ],
      },
    ]);
  });

  it('refuses an instant vector or an error body as a range answer', () => {
    expect(() =>
      parsePrometheusMatrix({
        status: 'success',
        data: { resultType: 'vector', result: [] },
      }),
    ).toThrow(/not a success matrix/);
    expect(() =>
      parsePrometheusMatrix({
        status: 'error',
        error: 'query timed out in expression evaluation',
      } as never),
    ).toThrow(/not a success matrix: query timed out/);
  });

  it('sends query, start, end and step to /api/v1/query_range', async () => {
    const fake = createFakePrometheus(
      {},
      { baseUrl: 'http://prometheus.test', range: { up: matrix as never } },
    );
    server.use(...fake.handlers);
    const client = new HttpPrometheusClient({
      baseUrl: 'http://prometheus.test',
    });
    const series = await client.queryRange(
      'up',
      { start: 1764547200, end: 1764633600, stepSeconds: 300 },
      new AbortController().signal,
    );
    expect(series[0].values).toHaveLength(2);
    expect(fake.rangeQueries).toEqual([
      { query: 'up', start: '1764547200', end: '1764633600', step: '300s' },
    ]);
  });
});
